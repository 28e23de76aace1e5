import path from 'node:path';

// Configuration is read once, here, from the environment (DESIGN "Conventions"). Nothing else reads
// process.env, so every setting is documented in one place (README "Configuration").
export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  logLevel: string;
  webDist: string | undefined;
  /** scrypt cost parameter N for new password hashes (2^15 in production; tests may lower it). */
  scryptN: number;
  /** Base64 keys for personal data; absent: a key file is generated in dataDir. */
  piiEncKey: string | undefined;
  piiIndexKey: string | undefined;
  /** cacheMs: how long a process may reuse a session it read (other processes see a logout within it). */
  session: { idleMs: number; absoluteMs: number; cookieSecure: boolean; cacheMs: number };
  login: { maxFailures: number; lockMs: number; ipLimit: number; ipWindowMs: number };
  trustProxy: boolean;
  /** JIXU_REQUIRE_2FA=1: bureau and authority accounts must enrol TOTP before anything else (docs/security.md). */
  require2fa: boolean;
  /** Public registration endpoints (units, providers): attempts one address may make per window. */
  registration: { ipLimit: number; ipWindowMs: number };
  /** How long a process serves a certificate's verification answer without re-checking its stamp. */
  certificateCacheMs: number;
  /** How long health answers 503 before the listener closes (balancers notice first). */
  shutdownGraceMs: number;
};

const intFrom = (value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`configuration: expected a non-negative integer, got "${value}"`);
  return n;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = path.resolve(env.JIXU_DATA_DIR ?? './var');
  const config: Config = {
    port: intFrom(env.PORT, 3000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    demo: env.JIXU_DEMO === '1',
    logLevel: env.LOG_LEVEL ?? 'info',
    webDist: env.JIXU_WEB_DIST ?? path.resolve(import.meta.dirname, '../../web/dist'),
    scryptN: intFrom(env.JIXU_SCRYPT_N, 2 ** 15),
    piiEncKey: env.JIXU_PII_ENC_KEY || undefined,
    piiIndexKey: env.JIXU_PII_INDEX_KEY || undefined,
    session: {
      idleMs: intFrom(env.JIXU_SESSION_IDLE_MINUTES, 30) * 60_000,
      absoluteMs: intFrom(env.JIXU_SESSION_ABSOLUTE_HOURS, 12) * 3_600_000,
      cookieSecure: env.JIXU_COOKIE_SECURE === '1',
      cacheMs: intFrom(env.JIXU_SESSION_CACHE_MS, 2000),
    },
    login: {
      maxFailures: 5,
      lockMs: 15 * 60_000,
      ipLimit: intFrom(env.JIXU_LOGIN_IP_LIMIT, 30),
      ipWindowMs: 5 * 60_000,
    },
    trustProxy: env.JIXU_TRUST_PROXY === '1',
    require2fa: env.JIXU_REQUIRE_2FA === '1',
    registration: { ipLimit: 20, ipWindowMs: 60 * 60_000 },
    shutdownGraceMs: intFrom(env.JIXU_SHUTDOWN_GRACE_MS, 1000),
    certificateCacheMs: intFrom(env.JIXU_CERTIFICATE_CACHE_MS, 1000),
    ...overrides,
  };
  if (!Number.isInteger(Math.log2(config.scryptN))) throw new Error('configuration: JIXU_SCRYPT_N must be a power of two');
  return config;
}
