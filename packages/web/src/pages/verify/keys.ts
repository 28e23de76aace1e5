import { apiRequest } from '../../api/client.ts';

// The bureaus' published seal keys (GET /api/v1/keys), cached in localStorage so that a QR code
// verifies offline once the keys have been loaded (docs/certificates.md: "offline once loaded").
export type SealKey = {
  keyId: string;
  alg: 'SM2-SM3';
  owner: string;
  publicKey: string;
  publicKeyPem: string;
  validFrom: string;
  validTo: string;
};

export type KeySet = { keys: SealKey[]; fetchedAt: string };

const STORAGE_KEY = 'jixu.verify.keys.v1';

function isKeySet(value: unknown): value is KeySet {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { keys?: unknown; fetchedAt?: unknown };
  return typeof v.fetchedAt === 'string' && Array.isArray(v.keys)
    && v.keys.every((k) => typeof k === 'object' && k !== null && typeof (k as SealKey).keyId === 'string' && typeof (k as SealKey).publicKey === 'string');
}

export function cachedKeys(): KeySet | undefined {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return undefined;
    const parsed: unknown = JSON.parse(raw);
    return isKeySet(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Fetches the keys and caches them; throws ApiError (status 0 when offline). */
export async function fetchKeys(signal?: AbortSignal): Promise<KeySet> {
  const answer = await apiRequest<{ keys: SealKey[] }>('GET', '/api/v1/keys', { signal });
  const set: KeySet = { keys: answer.keys, fetchedAt: new Date().toISOString() };
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(set));
  } catch {
    // Storage full or disabled (private mode): verification still works while the page is open.
  }
  return set;
}

/**
 * The key with this id: from the cache, or, when the cache lacks it (a key issued since), from a
 * fresh fetch. `offline` when the cache lacks it and the keys cannot be fetched: that is no proof
 * of forgery, only an impossibility to check.
 */
export async function keyOf(keyId: string, current: KeySet | undefined): Promise<{ key?: SealKey; set?: KeySet; offline?: true }> {
  const known = current?.keys.find((k) => k.keyId === keyId);
  if (known) return { key: known, set: current };
  try {
    const set = await fetchKeys();
    const key = set.keys.find((k) => k.keyId === keyId);
    return key ? { key, set } : { set };
  } catch {
    return current ? { set: current, offline: true } : { offline: true };
  }
}
