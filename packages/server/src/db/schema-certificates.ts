// Tables of the certificates capability (docs/certificates.md).
export type CertificateIssueTable = {
  id: string;
  number: string;
  person_id: string;
  issuer_org_id: string;
  /** RFC 8785 canonical JSON of the signed payload (API.md "Certificate verification"). */
  payload: string;
  signature: string;
  /** The compact payload of the QR code and its own signature (offline verification). */
  compact: string;
  compact_signature: string;
  key_id: string;
  issued_at: string;
  issued_by: string | null;
  event_id: number;
  status: 'valid' | 'superseded' | 'revoked';
  revoked_at: string | null;
  revoke_reason: string | null;
  version: number;
};

export type CertificateYearRevocationTable = {
  number: string;
  year: number;
  revoked_at: string;
  reason: string;
  reinstated_at: string | null;
};

export type CertificateTables = {
  certificate_issues: CertificateIssueTable;
  certificate_year_revocations: CertificateYearRevocationTable;
};
