import { apiRequest } from './client.ts';
import type { PageQuery } from './endpoints.ts';
import type { Page, PersonStatus } from './types.ts';

// People (docs/organisations.md): registration and its review, profile, transfers, notifications
// and the audited reveal of a person's full ID number and phone.
const base = '/api/v1';
const enc = encodeURIComponent;

export type Sex = 'male' | 'female';

export type PersonRegistration = {
  idNumber: string;
  name: string;
  sex: Sex;
  birthDate: string;
  phone: string;
  email?: string;
  education: string;
  major: string;
  titleSeries: string;
  titleLevel: string;
  unitId: string;
  department?: string;
  password: string;
};

export type RegistrationAction = 'submitted' | 'approved' | 'rejected' | 'withdrawn' | 'resubmitted' | 'transferred';

export type MyRegistration = {
  status: PersonStatus;
  unit: { id: string; name: string };
  department: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  reason: string | null;
  overdue: boolean;
  history: { at: string; action: RegistrationAction; unitName: string | null; reason: string | null }[];
};

export type RegistrationRow = {
  personId: string;
  name: string;
  maskedIdNumber: string;
  sex: Sex;
  birthDate: string;
  education: string | null;
  titleSeries: string | null;
  titleLevel: string | null;
  unitId: string;
  unitName: string;
  department: string | null;
  status: PersonStatus;
  submittedAt: string | null;
  waitingDays: number | null;
  overdue: boolean;
  reason: string | null;
};

export type RegistrationQuery = PageQuery & { status?: PersonStatus; overdue?: boolean; q?: string };

export type BulkResult = {
  personId: string;
  status: 'approved' | 'rejected' | 'error';
  certificateNumber?: string;
  error?: string;
};

export type Profile = {
  name: string;
  maskedIdNumber: string;
  sex: Sex;
  birthDate: string;
  phoneMasked: string | null;
  email: string | null;
  education: string | null;
  major: string | null;
  titleSeries: string | null;
  titleLevel: string | null;
  unit: { id: string; name: string } | null;
  department: string | null;
  certificateNumber: string | null;
};

export type ProfileChanges = Partial<{
  phone: string;
  email: string | null;
  education: string;
  major: string;
  titleSeries: string;
  titleLevel: string;
  department: string | null;
}>;

export type TransferStatus = 'pending' | 'accepted' | 'rejected' | 'cancelled';

export type Transfer = {
  id: string;
  personId: string;
  personName: string;
  maskedIdNumber: string;
  fromUnit: { id: string; name: string };
  toUnit: { id: string; name: string };
  department?: string | null;
  status: TransferStatus;
  requestedAt: string;
  decidedAt: string | null;
  reason: string | null;
};

export type Notification = { id: string; at: string; kind: string; title: string; body: string; read: boolean };

export type NotificationPage = Page<Notification> & { unreadCount: number };

export const peopleApi = {
  register: (body: PersonRegistration) =>
    apiRequest<{ personId: string; status: 'pending' }>('POST', `${base}/registrations`, { body }),

  myRegistration: (signal?: AbortSignal) => apiRequest<MyRegistration>('GET', `${base}/me/registration`, { signal }),

  withdraw: () => apiRequest<MyRegistration>('POST', `${base}/me/registration/withdraw`),

  resubmit: (body: { unitId: string; department?: string }) =>
    apiRequest<MyRegistration>('POST', `${base}/me/registration/resubmit`, { body }),

  listRegistrations: (query: RegistrationQuery, signal?: AbortSignal) =>
    apiRequest<Page<RegistrationRow> & { overdueCount?: number }>('GET', `${base}/registrations`, {
      query: { ...query, overdue: query.overdue ? 'true' : undefined },
      signal,
    }),

  approve: (personId: string) =>
    apiRequest<{ personId: string; status: 'approved'; certificateNumber: string }>(
      'POST',
      `${base}/registrations/${enc(personId)}/approve`,
    ),

  reject: (personId: string, reason: string) =>
    apiRequest<{ personId: string; status: 'rejected' }>('POST', `${base}/registrations/${enc(personId)}/reject`, {
      body: { reason },
    }),

  bulk: (body: { action: 'approve' | 'reject'; personIds: string[]; reason?: string }) =>
    apiRequest<{ results: BulkResult[] }>('POST', `${base}/registrations/bulk`, { body }),

  profile: (signal?: AbortSignal) => apiRequest<Profile>('GET', `${base}/me/profile`, { signal }),

  updateProfile: (body: ProfileChanges) => apiRequest<Profile>('PATCH', `${base}/me/profile`, { body }),

  myTransfers: (signal?: AbortSignal) => apiRequest<{ items: Transfer[] }>('GET', `${base}/me/transfers`, { signal }),

  requestTransfer: (body: { toUnitId: string; department?: string }) =>
    apiRequest<{ id: string; status: 'pending' }>('POST', `${base}/me/transfers`, { body }),

  cancelTransfer: (id: string) => apiRequest<Transfer>('POST', `${base}/me/transfers/${enc(id)}/cancel`),

  listTransfers: (
    query: PageQuery & { direction?: 'incoming' | 'outgoing'; status?: TransferStatus },
    signal?: AbortSignal,
  ) => apiRequest<Page<Transfer>>('GET', `${base}/transfers`, { query, signal }),

  acceptTransfer: (id: string) => apiRequest<Transfer>('POST', `${base}/transfers/${enc(id)}/accept`),

  rejectTransfer: (id: string, reason: string) =>
    apiRequest<Transfer>('POST', `${base}/transfers/${enc(id)}/reject`, { body: { reason } }),

  notifications: (query: PageQuery & { unread?: boolean }, signal?: AbortSignal) =>
    apiRequest<NotificationPage>('GET', `${base}/me/notifications`, {
      query: { ...query, unread: query.unread ? 'true' : undefined },
      signal,
    }),

  markRead: (id: string) => apiRequest<void>('POST', `${base}/me/notifications/${enc(id)}/read`),

  // Never cached: the answer is shown once and forgotten when its modal closes.
  reveal: (personId: string, reason: string) =>
    apiRequest<{ idNumber: string; phone: string | null }>('POST', `${base}/persons/${enc(personId)}/reveal`, {
      body: { reason },
    }),
};
