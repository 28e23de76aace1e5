import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { policy } from '@jixu/domain';
import Type from 'typebox';
import type { Db } from '../../db/database.ts';
import type { Actor, Scope } from '../../platform/actor.ts';
import { actorOf } from '../../platform/authentication.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { problemResponses } from '../../platform/schemas.ts';
import { whereScopeCoversPerson } from '../../platform/scope-sql.ts';
import { PolicyIdParams, Year, fieldError } from './schemas.ts';
import { approvedLeaveIn, issuerCodesOfUnit, leavePeriodOf, verifiedRecordsFrom, yearRecordOf } from './status-repository.ts';
import { parseStored, type PolicyStore } from './store.ts';
import { findVersion } from './versions-repository.ts';
import { compareCompletion, completionBatch, type PersonYear } from './yearly-batch.ts';

// Before publishing, the provincial bureau sees whose year would change: every registered person's
// status for the year under the version in force now, and under the versions as they would be with
// the draft published — on the real records and approved leave periods, a page of people at a time.

const PAGE = 500;

const SimulationResult = Type.Object({
  year: Type.Integer(),
  currentVersion: Type.String({ description: '现行适用版本' }),
  candidateVersion: Type.String({ description: '草稿发布后该年度适用的版本' }),
  people: Type.Integer({ description: '参与计算的已注册人员数' }),
  completeToIncomplete: Type.Integer({ description: '由已完成变为未完成' }),
  incompleteToComplete: Type.Integer({ description: '由未完成变为已完成' }),
  unchanged: Type.Integer(),
  recordsEvaluated: Type.Integer({ description: '核算的记录数（两个版本各一次）' }),
});

function registeredPeople(db: Db, options: { scope: Scope; after: string | undefined }) {
  let q = db.selectFrom('persons as p').select(['p.id', 'p.unit_id']).where('p.status', '=', 'approved').orderBy('p.id').limit(PAGE);
  if (options.after) q = q.where('p.id', '>', options.after);
  return (whereScopeCoversPerson(q as never, options.scope) as unknown as typeof q).execute();
}

export async function simulateDraft(deps: Deps, store: PolicyStore, options: { actor: Actor; id: string; year: number | undefined }) {
  const { actor } = options;
  if (actor.kind !== 'bureau-province') throw new AppError({ code: 'forbidden' });
  const { db } = deps.handle;
  const row = await findVersion(db, options.id);
  if (!row) throw notFound('未找到该政策版本');
  if (row.status !== 'draft') throw conflict('该版本已发布，只能模拟草稿');

  const candidate = parseStored(row);
  const published = await store.published();
  const year = options.year ?? Math.max(policy.businessYear(deps.now()), Number(candidate.effectiveFrom.slice(0, 4)));
  const before = policy.policyForYear(published, year);
  const after = policy.policyForYear([...published.filter((p) => p.id !== candidate.id), candidate], year);
  if (!before || !after) throw fieldError('body.year', `${year}年度没有适用的学时政策`);

  const issuerCodes = new Map<string, Promise<string[]>>();
  const codesOf = (unitId: string) => {
    let codes = issuerCodes.get(unitId);
    if (!codes) {
      codes = issuerCodesOfUnit(db, unitId);
      issuerCodes.set(unitId, codes);
    }
    return codes;
  };

  const totals = { people: 0, completeToIncomplete: 0, incompleteToComplete: 0, unchanged: 0, recordsEvaluated: 0 };
  let after_: string | undefined;
  for (;;) {
    const page = await registeredPeople(db, { scope: actor.scope, after: after_ });
    if (page.length === 0) break;
    after_ = page.at(-1)!.id;

    const ids = page.map((p) => p.id);
    const [records, leave] = await Promise.all([verifiedRecordsFrom(db, { personIds: ids, year }), approvedLeaveIn(db, { personIds: ids, year })]);
    const people: PersonYear[] = [];
    for (const person of page) {
      people.push({
        personId: person.id,
        records: records.filter((r) => r.person_id === person.id).map(yearRecordOf),
        reductions: leave.filter((l) => l.person_id === person.id).map(leavePeriodOf),
        issuerCodes: await codesOf(person.unit_id),
      });
    }

    const was = completionBatch({ version: before, year, people });
    // The same version on both sides (the draft does not govern the year) changes nobody.
    const now = before === after ? was : completionBatch({ version: after, year, people });
    const transitions = compareCompletion(was.complete, now.complete);
    totals.people += page.length;
    totals.completeToIncomplete += transitions.completeToIncomplete;
    totals.incompleteToComplete += transitions.incompleteToComplete;
    totals.unchanged += transitions.unchanged;
    totals.recordsEvaluated += was.recordsEvaluated + (before === after ? 0 : now.recordsEvaluated);
    if (page.length < PAGE) break;
  }
  return { year, currentVersion: before.id, candidateVersion: after.id, ...totals };
}

export function simulationRoutes(store: PolicyStore): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post('/api/v1/policies/:id/simulate', {
      schema: {
        tags: ['学时政策'],
        summary: '发布前模拟：按真实数据统计该年度完成情况将发生变化的人数（省级人社部门）',
        description: '年度默认取当前年度与草稿生效年度中较晚者。',
        params: PolicyIdParams,
        body: Type.Object({ year: Type.Optional(Year) }),
        response: { 200: SimulationResult, ...problemResponses },
      },
    }, async (request) => simulateDraft(app.deps, store, { actor: actorOf(request), id: request.params.id, year: request.body.year }));
  };
}
