// JIXU_REQUIRE_2FA (docs/security.md "Second factor"): what a reviewer's session that has not
// enrolled a second factor may still call (route keys of the matrix).
export function allowedBeforeEnrolment(method: string, url: string): boolean {
  if (url.startsWith('/api/v1/me/totp/')) return true;
  const key = `${method} ${url}`;
  return key === 'GET /api/v1/me' || key === 'POST /api/v1/me/password' || key === 'POST /api/v1/auth/logout';
}
