import { CannotExecuteNotConnectedError, QueryFailedError } from 'typeorm';
import { isDatabaseConnectionError } from './connection-errors';

/** An Error carrying a driver code, as mysql2 and better-sqlite3 throw them. */
function driverError(code: string, message = `driver failed: ${code}`): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

describe('isDatabaseConnectionError', () => {
  describe('driver error codes', () => {
    it.each([
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
    ])('treats the mysql2/sqlite code %s as a connection error', (code) => {
      expect(isDatabaseConnectionError(driverError(code))).toBe(true);
    });

    it('recognises a code on a plain object, not only on an Error', () => {
      expect(isDatabaseConnectionError({ code: 'ECONNREFUSED' })).toBe(true);
    });

    it.each([
      'ER_DUP_ENTRY',
      'ER_PARSE_ERROR',
      'ER_NO_SUCH_TABLE',
      'ER_LOCK_DEADLOCK',
      'ER_DATA_TOO_LONG',
      'SQLITE_CONSTRAINT_UNIQUE',
      'SQLITE_ERROR',
    ])('does not treat the ordinary SQL error %s as a connection error', (code) => {
      expect(isDatabaseConnectionError(driverError(code))).toBe(false);
    });

    it('compares codes exactly, not case-insensitively', () => {
      expect(isDatabaseConnectionError({ code: 'econnrefused' })).toBe(false);
    });
  });

  describe('TypeORM QueryFailedError', () => {
    it('looks through driverError on a QueryFailedError-like object', () => {
      const error = Object.assign(new Error('query failed'), {
        name: 'QueryFailedError',
        driverError: driverError('PROTOCOL_CONNECTION_LOST'),
      });

      expect(isDatabaseConnectionError(error)).toBe(true);
    });

    it('looks through nested driverError objects', () => {
      expect(
        isDatabaseConnectionError({ driverError: { driverError: { code: 'ETIMEDOUT' } } }),
      ).toBe(true);
    });

    it('uses driverError when the top-level code is not a string', () => {
      expect(
        isDatabaseConnectionError({ code: 1040, driverError: { code: 'ER_CON_COUNT_ERROR' } }),
      ).toBe(true);
    });

    it('prefers a string code on the error itself over its driverError', () => {
      expect(
        isDatabaseConnectionError({ code: 'ER_DUP_ENTRY', driverError: { code: 'ECONNRESET' } }),
      ).toBe(false);
    });

    it('recognises a real QueryFailedError wrapping a lost connection', () => {
      const error = new QueryFailedError(
        'SELECT 1',
        [],
        driverError('ECONNRESET', 'read ECONNRESET'),
      );

      expect(isDatabaseConnectionError(error)).toBe(true);
    });

    it('does not treat a real QueryFailedError for a duplicate key as a connection error', () => {
      const error = new QueryFailedError(
        'INSERT INTO api_users ...',
        [],
        driverError('ER_DUP_ENTRY', "Duplicate entry 'alice' for key 'user_name'"),
      );

      expect(isDatabaseConnectionError(error)).toBe(false);
    });

    it('does not treat a QueryFailedError-like object without a code as a connection error', () => {
      expect(isDatabaseConnectionError({ driverError: new Error('syntax error') })).toBe(false);
    });
  });

  describe('error names and messages', () => {
    it('recognises TypeORM CannotExecuteNotConnectedError by its name', () => {
      expect(isDatabaseConnectionError(new CannotExecuteNotConnectedError())).toBe(true);
    });

    it('recognises any Error named CannotExecuteNotConnectedError', () => {
      const error = new Error('Cannot execute operation');
      error.name = 'CannotExecuteNotConnectedError';

      expect(isDatabaseConnectionError(error)).toBe(true);
    });

    it('does not recognise the name on a plain object that is not an Error', () => {
      expect(isDatabaseConnectionError({ name: 'CannotExecuteNotConnectedError' })).toBe(false);
    });

    it.each([
      'Connection lost: The server closed the connection.',
      "Can't add new command when connection is closed",
      'connection closed',
      'Pool is closed.',
    ])('recognises the message %p', (message) => {
      expect(isDatabaseConnectionError(new Error(message))).toBe(true);
    });

    it('does not treat an ordinary error as a connection error', () => {
      expect(isDatabaseConnectionError(new Error('Something else went wrong'))).toBe(false);
      expect(isDatabaseConnectionError(new TypeError('x is not a function'))).toBe(false);
    });
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'ECONNREFUSED'],
    ['a number', 1045],
    ['an empty object', {}],
  ])('returns false for %s', (_, value) => {
    expect(isDatabaseConnectionError(value)).toBe(false);
  });
});
