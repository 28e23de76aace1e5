// The review chain of a record (Art. 9–11): the state machine and the evidence each kind needs.
// See docs/evidence.md and the tests next to these files.

export type {
  RecordChannel,
  RecordState,
  ReviewAction,
  ReviewActor,
  ReviewActorKind,
  ReviewCategory,
  ReviewDecision,
  ReviewEvent,
  ReviewRecord,
  ReviewRefusal,
  ReviewRequest,
  ReviewStage,
} from './types.ts';
export {
  ACTIONS_NEEDING_REASON,
  PROVIDER_CHANNELS,
  RECORD_CHANNELS,
  RECORD_CHANNEL_LABELS,
  RECORD_STATES,
  RECORD_STATE_LABELS,
  REVIEW_ACTIONS,
  REVIEW_ACTION_LABELS,
  REVIEW_EVENTS,
} from './types.ts';
export { allowedActions, decide, entryState, isDeclarer, isOwnRecord, verifierOf } from './machine.ts';
export {
  EVIDENCE_TYPES,
  EVIDENCE_TYPE_LABELS,
  isEvidenceType,
  missingEvidence,
  missingEvidenceMessage,
  requiredEvidence,
  type EvidenceRequirement,
  type EvidenceSubject,
  type EvidenceType,
} from './evidence.ts';
