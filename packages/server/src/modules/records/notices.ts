import { policy, review } from '@jixu/domain';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { RecordState } from '../../db/schema-policy.ts';
import type { Actor } from '../../platform/actor.ts';
import { createNotification } from '../notifications/repository.ts';
import type { RecordRow } from './repository.ts';

// Issue "Records" item 6: the person gets an in-app notice on every change of their record that
// somebody else made, in the transaction of the change; a declaring unit hears of returns and
// rejections of what it declared. Notices carry no identifiers (a record's content and hours only).

const TITLES: Partial<Record<review.ReviewAction, string>> = {
  submit: '学时登记已提交',
  resubmit: '学时登记已重新提交',
  withdraw: '学时登记已撤回',
  approve: '学时登记已通过单位初审',
  verify: '学时登记已核定',
  return: '学时登记被退回修改',
  reject: '学时登记未通过审核',
  overturn: '学时登记经抽查被撤销',
};

export async function notifyTransition(trx: Transaction<Database>, o: {
  row: RecordRow; actor: Actor; action: review.ReviewAction; next: RecordState; reason: string | null; now: Date;
}): Promise<void> {
  const { row, actor, action, next, reason, now } = o;
  const title = TITLES[action] ?? '学时登记状态变更';
  const kind = policy.ACTIVITY_KIND_LABELS[row.kind as policy.ActivityKind] ?? row.kind;
  const category = row.category === 'professional' ? '专业科目' : row.category === 'public' ? '公需科目' : '全年学时';
  const what = `「${row.content}」（${row.year}年度，${kind}，${category}${row.hours / 10}学时）`;
  const by = actor.role === 'person' ? '您' : (actor.org?.name ?? '审核部门');
  const body = `${what}已由${by}${review.REVIEW_ACTION_LABELS[action]}，当前状态：${review.RECORD_STATE_LABELS[next]}。${reason ? `原因：${reason}` : ''}`;
  // The person hears of everything they did not do themselves.
  if (!(actor.role === 'person' && actor.personId === row.person_id)) {
    await createNotification(trx, { recipient: { kind: 'person', id: row.person_id }, kind: `record.${action}`, title, body, at: now });
  }
  // Art. 11(4): the issuing bureau answers for the year on the certificate; it hears of every overturn
  // (the year may need revoking on the certificate: certificates/service.ts setRevocation).
  if (action === 'overturn' && row.issuing_bureau_id && row.issuing_bureau_id !== actor.org?.id) {
    await createNotification(trx, {
      recipient: { kind: 'org', id: row.issuing_bureau_id }, kind: 'record.overturn', at: now,
      title: '抽查撤销学时：请复核证书年度', body: `${row.person_name}的${body}如该年度已登记在证书上，请复核是否需要撤销该年度。`,
    });
  }
  // A unit (or provider) that declared the record hears when a reviewer sends it back or turns it down.
  if ((action === 'return' || action === 'reject' || action === 'overturn') && row.channel !== 'person') {
    const declarerOrg = row.channel === 'unit' ? row.unit_id : row.provider_id;
    if (declarerOrg && declarerOrg !== actor.org?.id) {
      await createNotification(trx, { recipient: { kind: 'org', id: declarerOrg }, kind: `record.${action}`, title, body, at: now });
    }
  }
}
