import {
  bytesToHex, canonicalJson, CompactRange, consistencyProofRanges, hexToBytes, inclusionProofRanges,
  perfectSubtreesOf, subtreeHashFromPerfect, type PerfectSubtreeNode, type SubtreeRange,
} from '@jixu/domain';
import { sm3 } from '@jixu/domain/merkle-hashes';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordEvent } from '../../platform/audit.ts';
import { createSeal, loadOrCreateSeal, SEAL_ALG, type Signer } from '../../platform/seal.ts';
import * as repo from './repository.ts';

// The transparency ledger (Art. 15; docs/ledger.md "Server"). Writers append leaves inside their own
// transactions (platform/audit.ts). This module hashes new leaves into stored perfect subtrees, signs
// tree heads with the provincial seal, and answers entries and proofs.

export const PROVINCIAL_BUREAU = 'bureau-41';
const SIGNER_LOCK = 0x6a697875; // "jixu": one process at a time signs heads (PostgreSQL advisory lock)
const BATCH = 5000;

/** The seal of an organisation, registered in seal_keys so every process can serve its public half. */
export async function sealOf(deps: Deps, orgId: string): Promise<Signer> {
  return registerSeal(deps, loadOrCreateSeal({ dataDir: deps.config.dataDir, orgId, now: deps.now() }));
}

/**
 * Key rotation: a bureau's new seal key signs from now on; the old ones stay published (GET
 * /api/v1/keys), so every certificate and tree head they signed still verifies.
 */
export async function rotateSeal(deps: Deps, options: { actor: Actor; orgId: string; requestId: string }): Promise<Signer> {
  const org = await deps.handle.db.selectFrom('orgs').select(['id', 'kind']).where('id', '=', options.orgId).executeTakeFirst();
  if (!org || org.kind !== 'bureau') throw new AppError({ code: 'validation_failed', errors: [{ field: 'body.orgId', message: '只有人社部门持有电子印章' }] });
  const signer = await registerSeal(deps, createSeal({ dataDir: deps.config.dataDir, orgId: org.id, now: deps.now() }));
  await recordEvent(deps.handle.db, { actor: options.actor, requestId: options.requestId, now: deps.now() }, {
    action: 'seal.rotated', objectType: 'org', objectId: org.id, after: { keyId: signer.keyId, publicKey: signer.publicKey },
  });
  return signer;
}

async function registerSeal(deps: Deps, signer: Signer): Promise<Signer> {
  const orgId = signer.orgId;
  await deps.handle.db
    .insertInto('seal_keys')
    .values({
      key_id: signer.keyId, org_id: orgId, alg: SEAL_ALG, public_key: signer.publicKey,
      valid_from: signer.validFrom, valid_to: signer.validTo, created_at: deps.now().toISOString(),
    })
    .onConflict((oc) => oc.column('key_id').doNothing())
    .execute();
  return signer;
}

export type TreeHead = { treeSize: number; rootHash: string; timestamp: string; keyId: string; signature: string };

/** What a tree head's signature covers (API.md: `{treeSize, rootHash, timestamp, keyId}`). */
export const signedHeadBytes = (h: Omit<TreeHead, 'signature'>) =>
  canonicalJson({ treeSize: h.treeSize, rootHash: h.rootHash, timestamp: h.timestamp, keyId: h.keyId });

/**
 * Hashes the leaves committed since the last run into perfect subtrees and, when the tree grew (or
 * has no head yet), signs a new head. Idempotent; safe to call from several processes at once.
 */
export async function signTreeHead(deps: Deps): Promise<TreeHead | undefined> {
  const seal = await sealOf(deps, PROVINCIAL_BUREAU);
  return deps.handle.db.transaction().execute(async (trx) => {
    if (deps.handle.engine === 'postgres') {
      const lock = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${SIGNER_LOCK}) AS ok`.execute(trx);
      if (!lock.rows[0]?.ok) return undefined;
    }
    const signer = await trx.selectFrom('ledger_signer_state').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    const size = await repo.committedSize(trx);
    const border = (JSON.parse(signer.border) as string[]).map((h) => hexToBytes(h)!);
    const range = new CompactRange(sm3, { size: Number(signer.processed_size), hashes: border });

    for (let start = range.size; start < size; start += BATCH) {
      const leaves = await repo.leavesBetween(trx, start, Math.min(size, start + BATCH));
      const nodes: PerfectSubtreeNode[] = [];
      for (const leaf of leaves) {
        if (Number(leaf.leaf_index) !== range.size) throw new Error(`ledger: leaf ${range.size} is missing`);
        range.append(hexToBytes(leaf.leaf_hash)!, (node) => { if (node.level > 0) nodes.push(node); });
      }
      for (let i = 0; i < nodes.length; i += 500) {
        await trx.insertInto('ledger_nodes')
          .values(nodes.slice(i, i + 500).map((n) => ({ level: n.level, idx: n.index, hash: bytesToHex(n.hash) })))
          .execute();
      }
    }
    await trx.updateTable('ledger_signer_state')
      .set({ processed_size: range.size, border: JSON.stringify(range.state.hashes.map(bytesToHex)) })
      .where('id', '=', 1)
      .execute();

    const last = await repo.latestHead(trx);
    if (last && Number(last.tree_size) >= range.size) return undefined;
    const unsigned = { treeSize: range.size, rootHash: bytesToHex(range.root()), timestamp: deps.now().toISOString(), keyId: seal.keyId };
    const head = { ...unsigned, signature: seal.sign(signedHeadBytes(unsigned)) };
    await trx.insertInto('ledger_heads').values({
      tree_size: head.treeSize, root_hash: head.rootHash, timestamp: head.timestamp, key_id: head.keyId, signature: head.signature,
    }).execute();
    return head;
  });
}

/** Hashes of the given subtree ranges, from stored perfect subtrees (O(log² n) hashes, no leaf rehashed). */
async function rangeHashes(db: Db, ranges: SubtreeRange[]): Promise<string[]> {
  const keys = ranges.flatMap((r) => perfectSubtreesOf(r));
  const stored = await repo.perfectHashes(db, keys);
  const lookup = subtreeHashFromPerfect(sm3, (level, index) => {
    const hex = stored.get(`${level}:${index}`);
    if (!hex) throw new Error(`ledger: subtree ${level}:${index} is not stored`);
    return hexToBytes(hex)!;
  });
  return ranges.map((r) => bytesToHex(lookup(r.start, r.end)));
}

async function signedSize(db: Db): Promise<number> {
  return Number((await repo.latestHead(db))?.tree_size ?? 0);
}

/**
 * Inclusion proofs already computed, per database. Leaves, nodes and heads are append-only, so the
 * proof of (leafIndex, treeSize) never changes once treeSize has been signed: certificate
 * verification (the busiest public route) asks for the same few proofs again and again, and the
 * perfect-subtree reads were most of its cost. Bounded; the oldest entry goes first.
 */
const PROOF_CACHE_MAX = 5000;
const proofCaches = new WeakMap<Db, Map<string, string[]>>();

export async function inclusionProof(db: Db, options: { leafIndex: number; treeSize: number }): Promise<string[]> {
  let cache = proofCaches.get(db);
  const key = `${options.leafIndex}/${options.treeSize}`;
  const cached = cache?.get(key);
  if (cached) return [...cached];
  if (options.treeSize > (await signedSize(db))) throw new AppError({ code: 'validation_failed', errors: [{ field: 'query.treeSize', message: '超过已签名的树大小' }] });
  if (options.leafIndex >= options.treeSize) throw new AppError({ code: 'validation_failed', errors: [{ field: 'query.leafIndex', message: '必须小于 treeSize' }] });
  const proof = await rangeHashes(db, inclusionProofRanges(options.leafIndex, options.treeSize));
  if (!cache) proofCaches.set(db, (cache = new Map()));
  if (cache.size >= PROOF_CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, proof);
  return [...proof];
}

export async function consistencyProof(db: Db, options: { first: number; second: number }): Promise<string[]> {
  if (options.second > (await signedSize(db))) throw new AppError({ code: 'validation_failed', errors: [{ field: 'query.second', message: '超过已签名的树大小' }] });
  if (options.first > options.second) throw new AppError({ code: 'validation_failed', errors: [{ field: 'query.first', message: '不能大于 second' }] });
  if (options.first === 0 || options.first === options.second) return [];
  return rangeHashes(db, consistencyProofRanges(options.first, options.second));
}

