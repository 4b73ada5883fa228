import { isDuplicateKeyError } from './duplicate-key-error';

describe('isDuplicateKeyError', () => {
  it('recognises the MySQL and SQLite codes, also wrapped as TypeORM wraps them', () => {
    expect(isDuplicateKeyError({ code: 'ER_DUP_ENTRY' })).toBe(true);
    expect(isDuplicateKeyError({ driverError: { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' } })).toBe(
      true,
    );
    expect(isDuplicateKeyError({ code: 'SQLITE_CONSTRAINT_UNIQUE' })).toBe(true);
  });

  it('does not take other failures for duplicates', () => {
    expect(isDuplicateKeyError({ code: 'SQLITE_CONSTRAINT_NOTNULL' })).toBe(false);
    expect(isDuplicateKeyError(new Error('duplicate'))).toBe(false);
  });
});
