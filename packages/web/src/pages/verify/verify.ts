import { ApiError, apiRequest } from '../../api/client.ts';
import { canonicalJson, checkCertificateNumber, derHexOfBase64, parseQrText, verifySm2, type ParsedQr } from './crypto.ts';
import { keyOf, type KeySet, type SealKey } from './keys.ts';

// The two ways to verify (docs/certificates.md, Art. 15): by number (the server's signed payload,
// checked here against the published key) and by the QR code (checked offline, then, when online,
// the current revocation status from the server).

type Split = { total: number; public: number; professional: number };

export type Verification = {
  payload: {
    number: string;
    issuer: string;
    issuerId: string;
    unit: string;
    holder: { maskedName: string; idHash: string };
    issuedAt: string;
    years: (Split & { year: number; complete: boolean; required: Split; fullYear: boolean; policyVersion: string })[];
  };
  signature: { keyId: string; value: string };
  compact: { payload: string; signature: string };
  status: 'valid' | 'revoked';
  revokedAt?: string;
  reason?: string;
  revokedYears: { year: number; revokedAt: string; reason: string }[];
  ledger: { leafIndex: number; treeSize: number; inclusionProof: string[] };
};

export type YearRow = {
  year: number;
  complete: boolean;
  earned: number;
  public?: number;
  professional?: number;
  required?: number;
  fullYear?: boolean;
  policyVersion?: string;
  revoked?: { revokedAt: string; reason: string };
};

export type Details = {
  source: 'number' | 'qr';
  number: string;
  maskedName: string;
  issuedAt: string;
  issuer: string;
  unit?: string;
  key: SealKey;
  years: YearRow[];
  ledger?: { leafIndex: number; treeSize: number };
  /** QR only: the revocation status could not be fetched (offline). */
  statusUnknown?: boolean;
  /** QR only: the certificate has been issued again since this QR code was printed. */
  superseded?: boolean;
};

export type Outcome =
  | { kind: 'bad-number'; message: string }
  | { kind: 'not-found'; number: string }
  | { kind: 'forged'; reason: string }
  | { kind: 'unverifiable'; reason: string }
  | { kind: 'error'; error: unknown }
  | { kind: 'valid'; details: Details }
  | { kind: 'revoked'; details: Details; revokedAt: string; reason: string };

export type Verified = { outcome: Outcome; keys?: KeySet };

const fetchCertificate = (number: string, signal?: AbortSignal) =>
  apiRequest<Verification>('GET', `/api/v1/certificates/${encodeURIComponent(number)}`, { signal });

function markRevoked(rows: YearRow[], revokedYears: Verification['revokedYears']): YearRow[] {
  return rows.map((row) => {
    const r = revokedYears.find((y) => y.year === row.year);
    return r ? { ...row, revoked: { revokedAt: r.revokedAt, reason: r.reason } } : row;
  });
}

function withStatus(details: Details, answer: Verification | undefined): Outcome {
  if (answer?.status === 'revoked') {
    return { kind: 'revoked', details, revokedAt: answer.revokedAt ?? '', reason: answer.reason ?? '' };
  }
  return { kind: 'valid', details };
}

export async function verifyNumber(input: string, keys: KeySet | undefined): Promise<Verified> {
  const checked = checkCertificateNumber(input);
  if (!checked.ok) return { outcome: { kind: 'bad-number', message: checked.message }, keys };
  let answer: Verification;
  try {
    answer = await fetchCertificate(checked.number);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { outcome: { kind: 'not-found', number: checked.number }, keys };
    if (error instanceof ApiError && error.status === 400) {
      return { outcome: { kind: 'bad-number', message: error.fieldErrors[0]?.message ?? describe400 }, keys };
    }
    return { outcome: { kind: 'error', error }, keys };
  }

  const found = await keyOf(answer.signature.keyId, keys);
  if (!found.key) {
    const outcome: Outcome = found.offline
      ? { kind: 'unverifiable', reason: '无法获取签发机构的公钥，请联网后重试。' }
      : { kind: 'forged', reason: `签名所用的密钥（${answer.signature.keyId}）不是任何签发机构公布的公钥。` };
    return { outcome, keys: found.set };
  }
  const { payload } = answer;
  let signed = false;
  try {
    signed = verifySm2(canonicalJson(payload), derHexOfBase64(answer.signature.value), found.key.publicKey);
  } catch {
    signed = false;
  }
  if (!signed) return { outcome: { kind: 'forged', reason: '证书内容与签发机构的电子印章签名不符。' }, keys: found.set };
  // The signature covers the number: an answer for another number is no answer for this one.
  if (payload.number !== checked.number) {
    return { outcome: { kind: 'forged', reason: '签名的证书号码与所查号码不一致。' }, keys: found.set };
  }

  const details: Details = {
    source: 'number',
    number: payload.number,
    maskedName: payload.holder.maskedName,
    issuedAt: payload.issuedAt,
    issuer: payload.issuer,
    unit: payload.unit,
    key: found.key,
    years: markRevoked(
      payload.years.map((y) => ({
        year: y.year, complete: y.complete, earned: y.total, public: y.public, professional: y.professional,
        required: y.required.total, fullYear: y.fullYear, policyVersion: y.policyVersion,
      })),
      answer.revokedYears,
    ),
    ledger: { leafIndex: answer.ledger.leafIndex, treeSize: answer.ledger.treeSize },
  };
  return { outcome: withStatus(details, answer), keys: found.set };
}

const describe400 = '证书管理号码有误，请核对后重新输入。';

export async function verifyQr(input: string, keys: KeySet | undefined): Promise<Verified> {
  const qr: ParsedQr | undefined = parseQrText(input);
  if (!qr) return { outcome: { kind: 'forged', reason: '二维码内容不是本平台签发的证书数据（应以 JX1. 开头），或内容残缺。' }, keys };

  const found = await keyOf(qr.payload.k, keys);
  if (!found.key) {
    const outcome: Outcome = found.offline
      ? { kind: 'unverifiable', reason: '本机尚未保存该签发机构的公钥，请联网打开本页一次后即可离线核验。' }
      : { kind: 'forged', reason: `签名所用的密钥（${qr.payload.k}）不是任何签发机构公布的公钥。` };
    return { outcome, keys: found.set };
  }
  if (!verifySm2(qr.text, qr.signatureHex, found.key.publicKey)) {
    return { outcome: { kind: 'forged', reason: '二维码内容与签发机构的电子印章签名不符。' }, keys: found.set };
  }
  // A signed text whose number fails the check digit was never issued by the platform.
  if (!checkCertificateNumber(qr.payload.n).ok) return { outcome: { kind: 'forged', reason: '二维码中的证书号码无效。' }, keys: found.set };

  const details: Details = {
    source: 'qr',
    number: qr.payload.n,
    maskedName: qr.payload.m,
    issuedAt: qr.payload.d,
    issuer: found.key.owner,
    key: found.key,
    years: qr.payload.y.map(([year, complete, tenths]) => ({ year, complete: complete === 1, earned: tenths / 10 })),
  };

  // The signature is offline proof; the revocation status needs the server (Art. 15).
  let answer: Verification | undefined;
  try {
    answer = await fetchCertificate(qr.payload.n);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return { outcome: { kind: 'not-found', number: qr.payload.n }, keys: found.set };
    }
    return { outcome: { kind: 'valid', details: { ...details, statusUnknown: true } }, keys: found.set };
  }
  details.years = markRevoked(details.years, answer.revokedYears);
  details.ledger = { leafIndex: answer.ledger.leafIndex, treeSize: answer.ledger.treeSize };
  details.superseded = answer.compact.payload !== qr.text;
  return { outcome: withStatus(details, answer), keys: found.set };
}
