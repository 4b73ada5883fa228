import { isDatabaseConnectionError } from '../../core/database/connection-errors';
import { ServiceUnavailableError } from '../../core/errors/domain-errors';

/** Tries of one data-source read (the first and two retries) before a device counts as failed. */
export const DATA_SOURCE_TRIES = 3;

/**
 * Whether a data-source failure may pass if tried again: the source was unavailable (a tenant
 * answering 5xx after its own retries, the database unreachable). Unknown devices and bad
 * requests are not.
 */
export function isTransient(error: unknown): boolean {
  return error instanceof ServiceUnavailableError || isDatabaseConnectionError(error);
}

/** The wait before retry `retry` (1, 2, …): `baseMs`, then doubling. */
export function retryDelayMs(retry: number, baseMs: number): number {
  return baseMs * 2 ** (retry - 1);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
