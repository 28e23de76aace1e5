import type { FastifyServerOptions } from 'fastify';

// Logs never carry personal data (SPEC "Privacy"): secrets are redacted by path, and any string that
// looks like a resident ID number or a mobile number is masked wherever it appears (messages, URLs,
// error texts), as a last line of defence behind "never put them there".
const ID_NUMBER = /(?<![0-9])[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9])/g;
const ID_NUMBER_15 = /(?<![0-9])[1-9][0-9]{14}(?![0-9])/g;
const PHONE = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g;

export function scrubText(text: string): string {
  return text.replace(ID_NUMBER, '[身份证号]').replace(ID_NUMBER_15, '[身份证号]').replace(PHONE, '[手机号]');
}

export function scrubPersonalData(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    const scrubbed = new Error(scrubText(value.message));
    scrubbed.name = value.name;
    scrubbed.stack = value.stack ? scrubText(value.stack) : undefined;
    return scrubbed;
  }
  if (Array.isArray(value)) return value.map((v) => scrubPersonalData(v, depth + 1));
  // Requests, replies and other class instances are left to their serializers (which scrub too).
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubPersonalData(v, depth + 1);
  return out;
}

export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]',
        '*.password', '*.currentPassword', '*.newPassword', '*.idNumber', '*.phone', '*.token', '*.apiKey',
      ],
      censor: '[REDACTED]',
    },
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: scrubText(req.url), remoteAddress: req.ip }),
      err: (err: Error & { code?: string; statusCode?: number }) => ({
        type: err.name, code: err.code, statusCode: err.statusCode, message: scrubText(err.message), stack: scrubText(err.stack ?? ''),
      }),
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((a) => scrubPersonalData(a)) as typeof args;
        method.apply(this, scrubbed);
      },
    },
  };
}
