import { errorCode } from './connection-errors';

// A unique or primary key already holds the value: MySQL/MariaDB and SQLite spellings.
const DUPLICATE_KEY_CODES = new Set([
  'ER_DUP_ENTRY',
  'SQLITE_CONSTRAINT_PRIMARYKEY',
  'SQLITE_CONSTRAINT_UNIQUE',
]);

export function isDuplicateKeyError(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && DUPLICATE_KEY_CODES.has(code);
}
