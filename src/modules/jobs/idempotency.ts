import { createHash } from 'node:crypto';
import { ValidationError } from '../../core/errors/domain-errors';

/** How long a key is remembered: a retry after that does the work again. */
export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

// Visible ASCII: UUIDs, ULIDs and the like. A header sent twice reaches us joined by ", ",
// and is refused for its space.
const KEY = /^[\x21-\x7e]{1,255}$/;

/** The `Idempotency-Key` header, undefined when absent; a ValidationError when unusable. */
export function readIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (KEY.test(header)) return header;
  throw new ValidationError(
    'Idempotency-Key must be given once, as 1 to 255 visible ASCII characters without spaces, such as a UUID.',
  );
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return Object.fromEntries(entries.map(([key, entry]) => [key, canonical(entry)]));
}

/** SHA-256 (hex) of a JSON body; the order of an object's fields does not count. */
export function requestHash(body: unknown): string {
  return sha256(JSON.stringify(canonical(body)) ?? '');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
