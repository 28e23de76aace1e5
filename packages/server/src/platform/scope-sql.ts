import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Scope } from './actor.ts';

// The SQL form of a Scope: which units' people an actor may see. Supervision is read from explicit
// columns (orgs.bureau_id, orgs.authority_id, orgs.parent_id), never from region-code prefixes, so
// a province-administered county (省直管县) is outside its geographic city's scope.

type UnitRef = { unitColumn: 'p.unit_id' };

/** Restricts a query over `persons as p` to the people the scope may see. */
export function whereScopeCoversPerson<O>(
  qb: SelectQueryBuilder<Database & { p: Database['persons'] }, 'p' | never, O>,
  scope: Scope,
  ref: UnitRef = { unitColumn: 'p.unit_id' },
): SelectQueryBuilder<Database & { p: Database['persons'] }, 'p', O> {
  const q = qb as unknown as SelectQueryBuilder<Database & { p: Database['persons'] }, 'p', O>;
  switch (scope.kind) {
    case 'province':
      return q;
    case 'person':
      return q.where('p.id', '=', scope.personId);
    case 'unit':
      return q.where(ref.unitColumn, '=', scope.orgId);
    case 'bureau':
      return q.where(ref.unitColumn, 'in', (eb) => unitsSupervisedBy(eb, 'bureau_id', scope.orgId));
    case 'authority':
      return q.where(ref.unitColumn, 'in', (eb) => unitsSupervisedBy(eb, 'authority_id', scope.orgId));
    case 'platform':
    case 'provider':
      // Operators and providers see no registry of people (a provider's trainees come with records).
      return q.where((eb) => eb.val(1), '=', 0);
  }
}

/** Units whose bureau (or authority) is `orgId` itself or one of its subordinate orgs, any depth. */
function unitsSupervisedBy(
  eb: ExpressionBuilder<Database & { p: Database['persons'] }, 'p'>,
  column: 'bureau_id' | 'authority_id',
  orgId: string,
) {
  // Bureaus and authorities form a tree of at most three levels (province → city → county).
  return eb
    .selectFrom('orgs as u')
    .select('u.id')
    .where('u.kind', '=', 'unit')
    .where((w) =>
      w.or([
        w(`u.${column}`, '=', orgId),
        w(`u.${column}`, 'in', w.selectFrom('orgs as c').select('c.id').where('c.parent_id', '=', orgId)),
        w(`u.${column}`, 'in', w.selectFrom('orgs as d').select('d.id').where('d.parent_id', 'in',
          w.selectFrom('orgs as c2').select('c2.id').where('c2.parent_id', '=', orgId))),
      ]),
    );
}
