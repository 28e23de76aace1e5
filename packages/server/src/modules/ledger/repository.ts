import type { Db } from '../../db/database.ts';

// Queries of the ledger. Leaves, nodes and heads are only ever inserted (triggers refuse the rest).

export async function committedSize(db: Db): Promise<number> {
  const row = await db.selectFrom('ledger_state').select('size').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(row.size);
}

export function latestHead(db: Db) {
  return db.selectFrom('ledger_heads').selectAll().orderBy('tree_size', 'desc').limit(1).executeTakeFirst();
}

export function headOfSize(db: Db, treeSize: number) {
  return db.selectFrom('ledger_heads').selectAll().where('tree_size', '=', treeSize).executeTakeFirst();
}

export function leavesBetween(db: Db, start: number, end: number) {
  return db
    .selectFrom('ledger_leaves')
    .select(['leaf_index', 'leaf_hash', 'data'])
    .where('leaf_index', '>=', start)
    .where('leaf_index', '<', end)
    .orderBy('leaf_index')
    .execute();
}

/**
 * Stored hashes of perfect subtrees: level 0 are the leaves themselves, higher levels ledger_nodes.
 * At most two queries (leaves, nodes) whatever the number of levels: a proof over a million leaves
 * touches some twenty levels, and a query per level was most of a proof's cost.
 */
export async function perfectHashes(db: Db, keys: { level: number; index: number }[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const byLevel = new Map<number, number[]>();
  for (const k of keys) byLevel.set(k.level, [...(byLevel.get(k.level) ?? []), k.index]);
  const leaves = byLevel.get(0);
  byLevel.delete(0);
  if (leaves) {
    const rows = await db.selectFrom('ledger_leaves').select(['leaf_index', 'leaf_hash']).where('leaf_index', 'in', leaves).execute();
    for (const r of rows) found.set(`0:${Number(r.leaf_index)}`, r.leaf_hash);
  }
  if (byLevel.size > 0) {
    const rows = await db.selectFrom('ledger_nodes').select(['level', 'idx', 'hash'])
      .where((eb) => eb.or([...byLevel].map(([level, indexes]) => eb.and([eb('level', '=', level), eb('idx', 'in', indexes)]))))
      .execute();
    for (const r of rows) found.set(`${r.level}:${Number(r.idx)}`, r.hash);
  }
  return found;
}
