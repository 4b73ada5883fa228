/**
 * An instant (ms since 1970) written as Java's `Instant.toString()` does, which is how the
 * Zementis document shows execution times: milliseconds only when they are not zero
 * (`2020-02-27T14:24:00Z`, `2020-02-27T14:24:08.930Z`).
 */
export function javaInstant(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}
