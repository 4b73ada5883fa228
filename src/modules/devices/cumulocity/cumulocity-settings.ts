import { ConfigValidationError } from '../../../core/config/app-config';

/** HTTP Basic as Cumulocity expects it: `tenant/user:password`. */
export interface CumulocityBasicCredentials {
  readonly tenant: string;
  readonly user: string;
  readonly password: string;
}

/** An OAuth or JWT access token, sent as `Authorization: Bearer`. */
export interface CumulocityTokenCredentials {
  readonly token: string;
}

export interface CumulocityLimits {
  /** One attempt of one request, reading its body included. */
  readonly timeoutMs: number;
  /** Attempts of one request before it fails; 1 means no retry. */
  readonly maxAttempts: number;
  /** Requests in flight at once, over everything that shares one client. */
  readonly concurrency: number;
  /** Measurements or references asked for per page; Cumulocity caps it at 2000. */
  readonly pageSize: number;
  /** The first retry waits about this long, each further one twice as long (plus jitter). */
  readonly retryBaseDelayMs: number;
}

export type CumulocitySettings = { readonly baseUrl: string } & (
  CumulocityBasicCredentials | CumulocityTokenCredentials
) &
  CumulocityLimits;

export type CumulocitySettingsInput = { readonly baseUrl: string } & (
  CumulocityBasicCredentials | CumulocityTokenCredentials
) &
  Partial<CumulocityLimits>;

export const CUMULOCITY_MAX_PAGE_SIZE = 2000;

export const CUMULOCITY_DEFAULTS: CumulocityLimits = {
  timeoutMs: 30_000,
  maxAttempts: 4,
  concurrency: 8,
  pageSize: CUMULOCITY_MAX_PAGE_SIZE,
  retryBaseDelayMs: 500,
};

export const CUMULOCITY_SETTINGS = Symbol('CUMULOCITY_SETTINGS');

const LIMIT_RANGES: Record<keyof CumulocityLimits, [min: number, max: number]> = {
  timeoutMs: [1, 600_000],
  maxAttempts: [1, 20],
  concurrency: [1, 256],
  pageSize: [1, CUMULOCITY_MAX_PAGE_SIZE],
  retryBaseDelayMs: [0, 60_000],
};

/** Settings with defaults filled in; throws ConfigValidationError listing every problem. */
export function cumulocitySettings(input: CumulocitySettingsInput): CumulocitySettings {
  const settings = { ...CUMULOCITY_DEFAULTS, ...withoutUndefined(input) } as CumulocitySettings;
  const problems: string[] = [];
  if (!isHttpUrl(settings.baseUrl)) {
    problems.push(`baseUrl must be an http(s) URL, got '${settings.baseUrl}'`);
  }
  if ('token' in settings) {
    if (settings.token === '') problems.push('token must not be empty');
  } else {
    for (const key of ['tenant', 'user', 'password'] as const) {
      if (!settings[key]) problems.push(`${key} must not be empty`);
    }
  }
  for (const [key, [min, max]] of Object.entries(LIMIT_RANGES)) {
    const value = settings[key as keyof CumulocityLimits];
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${key} must be an integer from ${min} to ${max}, got ${value}`);
    }
  }
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return settings;
}

// An env-driven caller passes absent variables as undefined; they must not hide the defaults.
function withoutUndefined<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
