import { ApiError, apiRequest, csrfHeaders } from './client.ts';
import type { Activity, ActivityKind } from './policy.ts';
import type { Page, Problem } from './types.ts';

// Typed client of the records capability (docs/records.md): declaring, editing and the review chain of
// continuing-education records (Art. 9–11), their history and their evidence files. Hours are decimal.

const base = '/api/v1';
const enc = encodeURIComponent;

export type RecordState = 'draft' | 'submitted' | 'unit_approved' | 'verified' | 'returned' | 'rejected';

export const RECORD_STATES: readonly RecordState[] = ['draft', 'submitted', 'unit_approved', 'verified', 'returned', 'rejected'];

export type RecordAction = 'submit' | 'resubmit' | 'withdraw' | 'approve' | 'verify' | 'return' | 'reject' | 'overturn';

/** Art. 9: how the record arrived. */
export type RecordChannel = 'person' | 'unit' | 'provider' | 'platform';

export type RecordCategory = 'public' | 'professional' | 'both';

export type HolderRole = 'person' | 'unit' | 'bureau' | 'authority' | 'provider';

/** Who has the record now (null once verified or rejected). */
export type RecordHolder = { role: HolderRole; orgId: string | null; name: string };

export type RequiredEvidence = { type: string; label: string };

/** A record as the server answers it (docs/records.md "The record as answered"). */
export type RecordView = {
  id: string;
  personId: string;
  personName: string;
  unitId: string;
  unitName?: string | null;
  year: number;
  kind?: ActivityKind;
  activity: Activity;
  category: RecordCategory;
  hours: number;
  clause: string;
  policyVersion: string;
  explanation: string;
  fullYear?: boolean;
  startedOn: string | null;
  endedOn: string | null;
  content: string;
  result: string | null;
  channel: RecordChannel;
  state: RecordState;
  version: number;
  createdAt: string;
  updatedAt: string;
  stateSince?: string | null;
  holder?: RecordHolder | null;
  lastReason?: string | null;
  providerId?: string | null;
  requiredEvidence?: RequiredEvidence[];
  allowedActions: RecordAction[];
};

/** The activity's kind: `kind` when the server sends it, else the activity's own. */
export const kindOf = (record: RecordView): ActivityKind => record.kind ?? record.activity.kind;

export type RecordHistoryItem = {
  at: string;
  action: string;
  fromState: RecordState | null;
  toState: RecordState | null;
  actorRole: string | null;
  actorName: string | null;
  reason: string | null;
};

export type EvidenceFileType = 'pdf' | 'jpeg' | 'png' | 'ofd';

export type EvidenceItem = {
  id: string;
  type: EvidenceFileType;
  evidenceType: string;
  fileName: string;
  size: number;
  createdAt: string;
};

export type EvidenceAdded = Omit<EvidenceItem, 'createdAt'>;

/** Body of POST /records (and, with `version`, of PATCH). */
export type RecordDraft = {
  activity: Activity;
  startedOn?: string;
  endedOn: string;
  content: string;
  result?: string;
};

/** A provider registers a trainee by ID number and name (never in a URL; docs/records.md). */
export type Trainee = { idNumber: string; name: string };

export type DeclareBody = RecordDraft & { personId?: string; trainee?: Trainee };

export type RecordListQuery = {
  view?: 'queue' | 'all';
  state?: RecordState;
  year?: number;
  kind?: ActivityKind;
  category?: RecordCategory;
  unitId?: string;
  personId?: string;
  olderThanDays?: number;
  sort?: 'oldest' | 'newest';
  cursor?: string | null;
  limit?: number;
};

export type BulkAction = 'approve' | 'verify' | 'return' | 'reject';

export type BulkResult = {
  results: { id: string; ok: boolean; status: number; code?: string; detail?: string }[];
  succeeded: number;
  failed: number;
};

export type Pending = { count: number; overdue: number };

/** The download route of an evidence file (an attachment; fetch it with credentials to preview). */
export const evidenceUrl = (evidenceId: string): string => `${base}/evidence/${enc(evidenceId)}`;

const recordPath = (id: string) => `${base}/records/${enc(id)}`;

export const recordsApi = {
  declare: (body: DeclareBody) => apiRequest<RecordView>('POST', `${base}/records`, { body }),

  get: (id: string, signal?: AbortSignal) => apiRequest<RecordView>('GET', recordPath(id), { signal }),

  edit: (id: string, body: RecordDraft & { version: number }) => apiRequest<RecordView>('PATCH', recordPath(id), { body }),

  remove: (id: string) => apiRequest<void>('DELETE', recordPath(id)),

  list: (query: RecordListQuery, signal?: AbortSignal) =>
    apiRequest<Page<RecordView>>('GET', `${base}/records`, { query, signal }),

  pending: (signal?: AbortSignal) => apiRequest<Pending>('GET', `${base}/records/pending`, { signal }),

  submit: (id: string) => apiRequest<RecordView>('POST', `${recordPath(id)}/submit`, { body: {} }),

  resubmit: (id: string) => apiRequest<RecordView>('POST', `${recordPath(id)}/resubmit`, { body: {} }),

  withdraw: (id: string) => apiRequest<RecordView>('POST', `${recordPath(id)}/withdraw`, { body: {} }),

  approve: (id: string) => apiRequest<RecordView>('POST', `${recordPath(id)}/approve`, { body: {} }),

  verify: (id: string) => apiRequest<RecordView>('POST', `${recordPath(id)}/verify`, { body: {} }),

  returnRecord: (id: string, reason: string) => apiRequest<RecordView>('POST', `${recordPath(id)}/return`, { body: { reason } }),

  reject: (id: string, reason: string) => apiRequest<RecordView>('POST', `${recordPath(id)}/reject`, { body: { reason } }),

  overturn: (id: string, reason: string) => apiRequest<RecordView>('POST', `${recordPath(id)}/overturn`, { body: { reason } }),

  bulk: (body: { action: BulkAction; ids: string[]; reason?: string }) =>
    apiRequest<BulkResult>('POST', `${base}/records/bulk`, { body }),

  history: (id: string, signal?: AbortSignal) =>
    apiRequest<{ items: RecordHistoryItem[] }>('GET', `${recordPath(id)}/history`, { signal }),

  evidence: (id: string, signal?: AbortSignal) =>
    apiRequest<{ items: EvidenceItem[] }>('GET', `${recordPath(id)}/evidence`, { signal }),

  removeEvidence: (evidenceId: string) => apiRequest<void>('DELETE', evidenceUrl(evidenceId)),

  /**
   * Uploads one file as the raw request body (application/octet-stream), the evidence type and the
   * original name in the query. XHR rather than fetch, for the upload progress.
   */
  uploadEvidence: (
    recordId: string,
    file: Blob,
    options: { evidenceType: string; name: string; onProgress?: (percent: number) => void; signal?: AbortSignal },
  ): Promise<EvidenceAdded> => {
    return new Promise<EvidenceAdded>((resolve, reject) => {
      const query = new URLSearchParams({ evidenceType: options.evidenceType, name: options.name });
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${recordPath(recordId)}/evidence?${query.toString()}`);
      xhr.withCredentials = true;
      xhr.setRequestHeader('content-type', 'application/octet-stream');
      xhr.setRequestHeader('accept', 'application/json, application/problem+json');
      // The session's CSRF pair, kept in memory by client.ts (set at sign-in and from /me).
      for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) options.onProgress?.(Math.round((event.loaded / event.total) * 100));
      };
      xhr.onload = () => {
        const body = parseJson(xhr.responseText);
        if (xhr.status >= 200 && xhr.status < 300) {
          resolve(body as EvidenceAdded);
          return;
        }
        reject(problemOf(xhr.status, body));
      };
      xhr.onerror = () => reject(new ApiError({ status: 0, code: 'network_error', title: '无法连接服务器，请检查网络后重试' }));
      xhr.onabort = () => reject(new DOMException('上传已取消', 'AbortError'));
      options.signal?.addEventListener('abort', () => xhr.abort());
      xhr.send(file);
    });
  },

  /** The file's bytes (for previews), fetched with the session; typed as the server detected it. */
  downloadEvidence: async (evidenceId: string, signal?: AbortSignal): Promise<Blob> => {
    let response: Response;
    try {
      response = await fetch(evidenceUrl(evidenceId), { credentials: 'same-origin', signal });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError({ status: 0, code: 'network_error', title: '无法连接服务器，请检查网络后重试' });
    }
    if (!response.ok) throw problemOf(response.status, await response.json().catch(() => null));
    return response.blob();
  },
};

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

const uploadTitles: Record<number, string> = {
  400: '上传参数有误',
  403: '无权上传证明材料',
  404: '未找到该登记',
  409: '当前状态不能上传证明材料',
  413: '文件过大（单个文件不超过 20MB）',
  415: '文件格式不支持（仅支持 PDF、JPEG、PNG、OFD）',
};

function problemOf(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'title' in body && 'code' in body) {
    const problem = body as Problem;
    return new ApiError({ ...problem, status: problem.status || status });
  }
  return new ApiError({ status, code: `http_${status}`, title: uploadTitles[status] ?? `请求失败（${status}）` });
}
