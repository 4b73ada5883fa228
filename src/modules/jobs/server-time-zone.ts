import { isKnownTimeZone } from './job-schedule';

/**
 * The zone the server runs in, as the operator named it: `TZ=Asia/Kolkata` stays Asia/Kolkata,
 * where ICU would answer with its canonical alias Asia/Calcutta.
 */
export function serverTimeZone(env: Readonly<Record<string, string | undefined>>): string {
  const named = env.TZ;
  if (named !== undefined && named !== '' && isKnownTimeZone(named)) return named;
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
