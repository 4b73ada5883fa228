// Driver error codes that mean "the database cannot be reached", as opposed to a bad query.
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_ACCESS_DENIED_ERROR',
  'SQLITE_BUSY',
  'SQLITE_CANTOPEN',
]);

/** The driver's error code, also when TypeORM wraps the driver error. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, driverError } = error as { code?: unknown; driverError?: unknown };
  if (typeof code === 'string') return code;
  return driverError === undefined ? undefined : errorCode(driverError);
}

export function isDatabaseConnectionError(error: unknown): boolean {
  if (error instanceof Error && error.name === 'CannotExecuteNotConnectedError') return true;
  if (
    error instanceof Error &&
    /connection (is )?(lost|closed)|pool is closed/i.test(error.message)
  ) {
    return true;
  }
  const code = errorCode(error);
  return code !== undefined && CONNECTION_ERROR_CODES.has(code);
}
