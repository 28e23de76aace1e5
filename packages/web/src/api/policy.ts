import { apiRequest } from './client.ts';
import type { Page } from './types.ts';

// Typed client of the policy capability (docs/policy.md "API"): the hours calculator, policy versions,
// yearly status, Art. 8 leave periods and the simulation of a draft. Hours are decimal hours.

const base = '/api/v1';

export type ActivityKind =
  | 'base_training' | 'seminar' | 'degree_course' | 'course_study' | 'conference' | 'project' | 'book' | 'paper'
  | 'patent' | 'award' | 'exam' | 'report_adopted' | 'aid_service' | 'grassroots_service' | 'guide_course' | 'other';

/** An activity as API.md "Hours calculator" describes it (fields depend on `kind`). */
export type Activity = { kind: ActivityKind } & Record<string, string | number | boolean>;

export type EvaluatedCategory = 'public' | 'professional' | 'both';

export type Evaluation = {
  hours: number;
  category: EvaluatedCategory;
  clause: string;
  policyVersion: string;
  provisional: boolean;
  explanation: string;
  fullYear: boolean;
};

export type HoursSplit = { total: number; public: number; professional: number };

export type LeaveKind = 'abroad' | 'sick_leave' | 'maternity_leave' | 'other_approved';

export type ReductionCase = {
  kind: LeaveKind;
  clause: string;
  days: number;
  applies: boolean;
  provisional: boolean;
  explanation: string;
};

export type CountedRecord = Evaluation & {
  id: string;
  kind: ActivityKind;
  content: string;
  year: number;
  startedOn: string | null;
  endedOn: string | null;
  ruleCode: string;
};

export type YearStatus = {
  year: number;
  policyVersion: string;
  required: HoursSplit;
  earned: HoursSplit;
  complete: boolean;
  fullYear: boolean;
  reductions: ReductionCase[];
  records: CountedRecord[];
  shortfall: HoursSplit;
  provisional: boolean;
  explanation: string;
};

export type LeaveState = 'pending' | 'approved' | 'rejected';

export type LeavePeriod = {
  id: string;
  personId: string;
  personName: string;
  kind: LeaveKind;
  clause: string;
  from: string;
  to: string;
  proofNote: string;
  state: LeaveState;
  declaredAt: string;
  decidedAt: string | null;
  reason: string | null;
  version: number;
};

export type PolicyValue = { value: number; provisional: boolean };

/** The policy document (jixu.policy/1); hours in tenths. Rules are shown generically, by their values. */
export type PolicyDocument = {
  format: string;
  id: string;
  title: string;
  source: string;
  effectiveFrom: string;
  requirement: { clause: string; total: PolicyValue; public: PolicyValue; professional: PolicyValue };
  rules: ({ kind: ActivityKind; code: string; clause: string; title: string; category: string } & Record<string, unknown>)[];
  reductions: { kind: LeaveKind; clause: string; title: string; minMonths: PolicyValue | null }[];
  declarationDeadline: { yearOffset: number; month: number; day: number; provisional: boolean };
  extensions: {
    code: string;
    clause: string;
    title: string;
    issuer: { kind: string; code: string; name: string };
    filedOn?: string;
    category: string;
    method: { kind: 'declared'; maxHours?: PolicyValue } | { kind: 'fixed'; hours: PolicyValue };
  }[];
};

export type PolicyVersionSummary = {
  id: string;
  title: string;
  source: string;
  effectiveFrom: string;
  status: 'draft' | 'published';
  current: boolean;
  copiedFrom: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
};

export type PolicyVersion = PolicyVersionSummary & { document: PolicyDocument };

export type Simulation = {
  year: number;
  currentVersion: string;
  candidateVersion: string;
  people: number;
  completeToIncomplete: number;
  incompleteToComplete: number;
  unchanged: number;
  recordsEvaluated: number;
};

export const policyApi = {
  evaluate: (body: { year: number; activity: Activity }) => apiRequest<Evaluation>('POST', `${base}/policy/evaluate`, { body }),

  listPolicies: (signal?: AbortSignal) => apiRequest<{ items: PolicyVersionSummary[] }>('GET', `${base}/policies`, { signal }),

  getPolicy: (id: string, signal?: AbortSignal) => apiRequest<PolicyVersion>('GET', `${base}/policies/${encodeURIComponent(id)}`, { signal }),

  createDraft: (body: { copyFrom: string; id: string; effectiveFrom: string }) => apiRequest<PolicyVersion>('POST', `${base}/policies`, { body }),

  updateDraft: (id: string, body: { document: PolicyDocument; version: number }) =>
    apiRequest<PolicyVersion>('PUT', `${base}/policies/${encodeURIComponent(id)}`, { body }),

  simulate: (id: string, body: { year?: number } = {}) =>
    apiRequest<Simulation>('POST', `${base}/policies/${encodeURIComponent(id)}/simulate`, { body }),

  publish: (id: string) => apiRequest<PolicyVersion>('POST', `${base}/policies/${encodeURIComponent(id)}/publish`),

  yearStatus: (personId: string, year: number, signal?: AbortSignal) =>
    apiRequest<YearStatus>('GET', `${base}/persons/${encodeURIComponent(personId)}/years/${year}`, { signal }),

  leaveOfPerson: (personId: string, signal?: AbortSignal) =>
    apiRequest<{ items: LeavePeriod[] }>('GET', `${base}/persons/${encodeURIComponent(personId)}/leave-periods`, { signal }),

  declareLeave: (personId: string, body: { kind: LeaveKind; from: string; to: string; proofNote: string }) =>
    apiRequest<LeavePeriod>('POST', `${base}/persons/${encodeURIComponent(personId)}/leave-periods`, { body }),

  leaveQueue: (query: { state?: LeaveState; limit?: number; cursor?: string | null }, signal?: AbortSignal) =>
    apiRequest<Page<LeavePeriod>>('GET', `${base}/leave-periods`, { query, signal }),

  approveLeave: (id: string) => apiRequest<LeavePeriod>('POST', `${base}/leave-periods/${encodeURIComponent(id)}/approve`),

  rejectLeave: (id: string, reason: string) =>
    apiRequest<LeavePeriod>('POST', `${base}/leave-periods/${encodeURIComponent(id)}/reject`, { body: { reason } }),
};
