import fs from 'node:fs';
import path from 'node:path';
import {
  bytesToHex, canonicalJson, hexToBytes, leafHash, rootFromLeafHashes, verifyConsistency, type HashFn,
} from '@jixu/domain';
import { sm3 } from '@jixu/domain/merkle-hashes';
import { verifySm2 } from '../platform/seal.ts';

// An outside auditor's check of the ledger (issue "Certificates", item 8), as a Certificate
// Transparency monitor does: every signed head's signature against the published keys, consistency
// between successive heads it has seen (kept in a local state file), and optionally the full list of
// entries against the head's root. Reads only public endpoints (or an exported copy of them).
export type Head = { treeSize: number; rootHash: string; timestamp: string; keyId: string; signature: string };
export type Key = { keyId: string; publicKey: string; owner: string };

/** Where the ledger comes from: a running server, or an export of the same public answers. */
export type LedgerSource = {
  keys: () => Promise<Key[]>;
  head: () => Promise<Head>;
  entries: (start: number, end: number) => Promise<{ index: number; data: string }[]>;
  consistency: (first: number, second: number) => Promise<string[]>;
};

export type Finding = { ok: boolean; message: string };
export type VerifyResult = { ok: boolean; findings: Finding[]; head?: Head };

export function serverSource(baseUrl: string): LedgerSource {
  const get = async (url: string) => {
    const res = await fetch(new URL(url, baseUrl));
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  return {
    keys: async () => (await get('/api/v1/keys')).keys as Key[],
    head: async () => (await get('/api/v1/ledger/head')) as unknown as Head,
    entries: async (start, end) => (await get(`/api/v1/ledger/entries?start=${start}&end=${end}`)).entries as { index: number; data: string }[],
    consistency: async (first, second) => (await get(`/api/v1/ledger/proofs/consistency?first=${first}&second=${second}`)).proof as string[],
  };
}

export type LedgerExport = { keys: Key[]; head: Head; entries: { index: number; data: string }[] };

/** An exported ledger: consistency proofs are computed from its entries (they are all there). */
export function exportSource(exported: LedgerExport, h: HashFn = sm3): LedgerSource {
  return {
    keys: async () => exported.keys,
    head: async () => exported.head,
    entries: async (start, end) => exported.entries.filter((e) => e.index >= start && e.index < end),
    consistency: async () => { throw new Error(`an export carries no proofs (${h === sm3 ? 'SM3' : 'hash'})`); },
  };
}

export async function exportLedger(source: LedgerSource): Promise<LedgerExport> {
  const head = await source.head();
  return { keys: await source.keys(), head, entries: await fetchEntries(source, head.treeSize) };
}

async function fetchEntries(source: LedgerSource, size: number) {
  const entries: { index: number; data: string }[] = [];
  for (let start = 0; start < size; start += 1000) entries.push(...(await source.entries(start, Math.min(size, start + 1000))));
  return entries;
}

const headBytes = (h: Head) => canonicalJson({ treeSize: h.treeSize, rootHash: h.rootHash, timestamp: h.timestamp, keyId: h.keyId });

export async function verifyLedger(options: { source: LedgerSource; stateFile?: string | undefined; full?: boolean }): Promise<VerifyResult> {
  const findings: Finding[] = [];
  const note = (ok: boolean, message: string) => findings.push({ ok, message });
  const head = await options.source.head();
  const keys = await options.source.keys();

  const key = keys.find((k) => k.keyId === head.keyId);
  if (!key) note(false, `树头的签名密钥 ${head.keyId} 未公布`);
  else note(verifySm2(key.publicKey, headBytes(head), head.signature), `树头签名（${key.owner}，大小 ${head.treeSize}）${verifySm2(key.publicKey, headBytes(head), head.signature) ? '有效' : '无效'}`);

  const seen = readState(options.stateFile);
  const last = seen.at(-1);
  if (last) {
    if (head.treeSize < last.treeSize) {
      note(false, `账本被截断：曾见过大小 ${last.treeSize}，现在只有 ${head.treeSize}`);
    } else if (head.treeSize === last.treeSize) {
      note(head.rootHash === last.rootHash, head.rootHash === last.rootHash ? '树头与上次相同' : `同一大小 ${head.treeSize} 出现了不同的根：历史被改写`);
    } else {
      try {
        const proof = (await options.source.consistency(last.treeSize, head.treeSize)).map((p) => hexToBytes(p) ?? new Uint8Array());
        const ok = verifyConsistency(sm3, {
          size1: last.treeSize, size2: head.treeSize, root1: hexToBytes(last.rootHash)!, root2: hexToBytes(head.rootHash)!, proof,
        });
        note(ok, ok ? `与上次所见的树头（大小 ${last.treeSize}）一致` : `与上次所见的树头（大小 ${last.treeSize}）不一致：历史被改写`);
      } catch (error) {
        note(false, `无法取得一致性证明：${(error as Error).message}`);
      }
    }
  }

  if (options.full) {
    const entries = await fetchEntries(options.source, head.treeSize);
    const leaves: Uint8Array[] = [];
    let firstBad: string | undefined;
    for (let i = 0; i < head.treeSize; i += 1) {
      const entry = entries[i];
      const data = entry ? Buffer.from(entry.data, 'base64') : undefined;
      let claimed: number | undefined;
      try { claimed = data ? (JSON.parse(data.toString('utf8')) as { index?: number }).index : undefined; } catch { claimed = undefined; }
      if (!entry || entry.index !== i || claimed !== i) firstBad ??= `第 ${i} 条缺失或位置不符（条目序号 ${entry?.index ?? '无'}，内容序号 ${claimed ?? '无'}）`;
      leaves.push(leafHash(sm3, data ?? new Uint8Array()));
    }
    const root = bytesToHex(rootFromLeafHashes(sm3, leaves));
    if (firstBad) note(false, `条目不完整：${firstBad}`);
    note(root === head.rootHash, root === head.rootHash
      ? `全部 ${head.treeSize} 条条目与签名的根一致`
      : `条目与签名的根不一致：有条目被修改、删除或插入（重算 ${root.slice(0, 16)}…，签名 ${head.rootHash.slice(0, 16)}…）`);
  }

  const ok = findings.every((f) => f.ok);
  if (ok) writeState(options.stateFile, [...seen, head]);
  return { ok, findings, head };
}

function readState(file: string | undefined): Head[] {
  if (!file || !fs.existsSync(file)) return [];
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Head[];
}

function writeState(file: string | undefined, heads: Head[]): void {
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Keep the last few heads: the newest is what the next run checks consistency against.
  fs.writeFileSync(file, JSON.stringify(heads.slice(-20), null, 2));
}
