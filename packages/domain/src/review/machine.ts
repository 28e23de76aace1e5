// The review chain of Art. 11 as a state machine: `decide` says whether this actor may take this
// action on this record now, and if so the next state and the audit event. Pure: the caller supplies
// the org ids the actor supervises and writes the state, the event and the reason in one transaction.

import {
  ACTIONS_NEEDING_REASON,
  RECORD_STATE_LABELS,
  REVIEW_ACTIONS,
  REVIEW_ACTION_LABELS,
  type RecordState,
  type ReviewAction,
  type ReviewActor,
  type ReviewDecision,
  type ReviewEvent,
  type ReviewRecord,
  type ReviewRefusal,
  type ReviewRequest,
  type ReviewStage,
} from './types.ts';

/**
 * The state a record enters when its declarer submits it:
 * - a person's record waits for the unit's pre-review (Art. 11(1));
 * - a unit's record skips its own pre-review and waits for verification (the unit declaring it is its
 *   pre-review);
 * - a filed provider's record is verified on arrival (Art. 9(3)); an unfiled provider cannot register
 *   hours at all (undefined).
 */
export function entryState(record: Pick<ReviewRecord, 'channel' | 'providerFiled'>): RecordState | undefined {
  switch (record.channel) {
    case 'person':
      return 'submitted';
    case 'unit':
      return 'unit_approved';
    case 'provider':
    case 'platform':
      return record.providerFiled === true ? 'verified' : undefined;
  }
}

/** Who verifies (核定) a record: Art. 11(2) the bureau for public subjects, 11(3) the authority for professional. */
export function verifierOf(record: Pick<ReviewRecord, 'category' | 'issuingBureauId' | 'authorityId'>): {
  kind: 'bureau' | 'authority';
  orgId: string | null;
} {
  // 7(11) records (`both`) complete the whole year: the issuing bureau answers for that on the certificate.
  return record.category === 'professional'
    ? { kind: 'authority', orgId: record.authorityId }
    : { kind: 'bureau', orgId: record.issuingBureauId };
}

/** True when the actor may act as the record's declarer (submit, resubmit, withdraw). */
export function isDeclarer(record: ReviewRecord, actor: ReviewActor): boolean {
  switch (record.channel) {
    case 'person':
      return actor.kind === 'person' && actor.accountId === record.personAccountId;
    case 'unit':
      // Any administrator of the unit speaks for the unit that declared the record.
      return actor.kind === 'unit' && actor.orgId === record.unitId;
    case 'provider':
    case 'platform':
      return actor.kind === 'provider' && !!record.providerId && actor.orgId === record.providerId;
  }
}

/** Art. 15 (truthful review): nobody reviews a record they declared or one of their own. */
export function isOwnRecord(record: ReviewRecord, actor: ReviewActor): boolean {
  if (actor.accountId === record.declaredBy || actor.accountId === record.personAccountId) return true;
  return !!actor.personId && actor.personId === record.personId;
}

const reaches = (actor: ReviewActor, orgId: string | null | undefined): boolean =>
  !!orgId && (actor.orgId === orgId || actor.scopeOrgIds.includes(orgId));

const refuse = (code: ReviewRefusal, message: string): ReviewDecision => ({ ok: false, code, message });

const wrongState = (state: RecordState, action: ReviewAction): ReviewDecision =>
  refuse('wrong_state', `该登记当前为“${RECORD_STATE_LABELS[state]}”，不能${REVIEW_ACTION_LABELS[action]}`);

/** Art. 11(1): the person's unit pre-reviews what its people declared. */
function checkUnitReviewer(record: ReviewRecord, actor: ReviewActor): ReviewDecision | undefined {
  if (actor.kind === 'unit' && actor.orgId === record.unitId) return undefined;
  return refuse('not_allowed', '该登记由本人所在单位初审');
}

/** Art. 11(2)(3): the issuing bureau (or one above it) or the unit's authority (or one above it). */
function checkVerifier(record: ReviewRecord, actor: ReviewActor): ReviewDecision | undefined {
  const verifier = verifierOf(record);
  if (!verifier.orgId) {
    return refuse('not_allowed', verifier.kind === 'authority'
      ? '该单位未设置行业主管部门，暂无法核定专业科目学时'
      : '该单位未设置发证人社部门，暂无法核定公需科目学时');
  }
  if (actor.kind === verifier.kind && reaches(actor, verifier.orgId)) return undefined;
  return refuse('not_allowed', verifier.kind === 'authority'
    ? '专业科目学时由单位的行业主管部门核定'
    : '公需科目学时由单位的发证人社部门核定');
}

/** Art. 11(4): any bureau over the unit spot-checks verified results. */
function checkSpotChecker(record: ReviewRecord, actor: ReviewActor): ReviewDecision | undefined {
  if (actor.kind === 'bureau' && (actor.scopeOrgIds.includes(record.unitId) || reaches(actor, record.issuingBureauId))) {
    return undefined;
  }
  return refuse('not_allowed', '只有单位所属的人社部门可以抽查撤销已核定的学时');
}

type Step = { next: RecordState; event: ReviewEvent; stage: ReviewStage; check: (r: ReviewRecord, a: ReviewActor) => ReviewDecision | undefined };

function checkDeclarer(record: ReviewRecord, actor: ReviewActor): ReviewDecision | undefined {
  if (isDeclarer(record, actor)) return undefined;
  return refuse('not_allowed', record.channel === 'person' ? '只有本人可以操作自己申报的登记' : '只有申报单位（机构）可以操作该登记');
}

/** A provider the bureau has not filed is refused even when it is the declarer. */
function checkUnfiledProvider(record: ReviewRecord, actor: ReviewActor): ReviewDecision {
  return checkDeclarer(record, actor) ?? refuse('not_allowed', '施教机构尚未经人社部门备案，不能登记学时');
}

/** The transition an action would make from the record's state, before asking who is acting. */
function stepFor(record: ReviewRecord, action: ReviewAction): Step | ReviewDecision {
  const { state } = record;
  const entry = entryState(record);
  // Only a person's own declaration waits for the unit's pre-review (Art. 11(1)).
  const awaitingUnit = state === 'submitted' && record.channel === 'person';

  switch (action) {
    case 'submit':
    case 'resubmit': {
      if (state !== (action === 'submit' ? 'draft' : 'returned')) return wrongState(state, action);
      // Art. 9(3): only bases a bureau designated or filed report hours themselves.
      if (!entry) return { next: state, event: 'record.submitted', stage: 'declarer', check: checkUnfiledProvider };
      const event = entry === 'verified' ? 'record.auto_verified' : action === 'submit' ? 'record.submitted' : 'record.resubmitted';
      return { next: entry, event, stage: 'declarer', check: checkDeclarer };
    }
    case 'withdraw':
      // Only before anyone decided: in the state the declarer's submission put it in, short of verified.
      if (state !== entry || entry === 'verified') return wrongState(state, action);
      return { next: 'draft', event: 'record.withdrawn', stage: 'declarer', check: checkDeclarer };
    case 'approve':
      if (!awaitingUnit) return wrongState(state, action);
      return { next: 'unit_approved', event: 'record.unit_approved', stage: 'unit_review', check: checkUnitReviewer };
    case 'verify':
      if (state !== 'unit_approved') return wrongState(state, action);
      return { next: 'verified', event: 'record.verified', stage: 'verification', check: checkVerifier };
    case 'return':
    case 'reject': {
      const event = action === 'return' ? 'record.returned' : 'record.rejected';
      const next = action === 'return' ? 'returned' : 'rejected';
      if (awaitingUnit) return { next, event, stage: 'unit_review', check: checkUnitReviewer };
      if (state === 'unit_approved') return { next, event, stage: 'verification', check: checkVerifier };
      return wrongState(state, action);
    }
    case 'overturn':
      // Art. 11(4): the hours are withdrawn; the record ends rejected with the spot check's reason.
      if (state !== 'verified') return wrongState(state, action);
      return { next: 'rejected', event: 'record.overturned', stage: 'spot_check', check: checkSpotChecker };
  }
}

const REASON_MESSAGES: Partial<Record<ReviewAction, string>> = {
  return: '退回时请填写原因，申报人将据此修改',
  reject: '不予认定时请填写原因',
  overturn: '抽查撤销时请填写原因',
};

/**
 * May `actor` take `action` on `record` now? The checks run in a fixed order: the state (wrong_state),
 * then the party (own_record for reviewers acting on their own record, else not_allowed), then the
 * reason (reason_required).
 */
export function decide(request: ReviewRequest): ReviewDecision {
  const { record, actor, action } = request;
  const step = stepFor(record, action);
  if ('ok' in step) return step;

  if (step.stage !== 'declarer' && isOwnRecord(record, actor)) {
    return refuse('own_record', '不能审核本人申报或本人的继续教育登记');
  }
  const refusal = step.check(record, actor);
  if (refusal) return refusal;

  if (ACTIONS_NEEDING_REASON.has(action) && !request.reason?.trim()) {
    return refuse('reason_required', REASON_MESSAGES[action] ?? '请填写原因');
  }
  return { ok: true, next: step.next, event: step.event, stage: step.stage };
}

/** The actions the actor may take on the record now (for the buttons the UI shows). */
export function allowedActions(record: ReviewRecord, actor: ReviewActor): ReviewAction[] {
  return REVIEW_ACTIONS.filter((action) => decide({ record, actor, action, reason: '-' }).ok);
}
