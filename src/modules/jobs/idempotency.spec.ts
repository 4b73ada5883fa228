import { ValidationError } from '../../core/errors/domain-errors';
import { readIdempotencyKey, requestHash } from './idempotency';

describe('readIdempotencyKey', () => {
  it('takes visible ASCII up to 255 characters', () => {
    expect(readIdempotencyKey(undefined)).toBeUndefined();
    expect(readIdempotencyKey('3f1c2a9e-7d41-4c55-9a53-1f0e2b6d8c47')).toBe(
      '3f1c2a9e-7d41-4c55-9a53-1f0e2b6d8c47',
    );
    expect(readIdempotencyKey('k'.repeat(255))).toHaveLength(255);
  });

  it('refuses empty, long, spaced (a header sent twice) and non-ASCII keys', () => {
    for (const key of ['', 'k'.repeat(256), 'a, b', 'schlüssel', 'tab\there']) {
      expect(() => readIdempotencyKey(key)).toThrow(ValidationError);
    }
  });
});

describe('requestHash', () => {
  it('ignores the order of fields, at every depth', () => {
    expect(requestHash({ a: 1, b: { c: [1, { d: 2, e: 3 }], f: null } })).toBe(
      requestHash({ b: { f: null, c: [1, { e: 3, d: 2 }] }, a: 1 }),
    );
  });

  it('tells different values, array orders and types apart', () => {
    const base = requestHash({ a: [1, 2], b: '1' });
    expect(requestHash({ a: [2, 1], b: '1' })).not.toBe(base);
    expect(requestHash({ a: [1, 2], b: 1 })).not.toBe(base);
    expect(requestHash({ a: [1, 2], b: '1', c: true })).not.toBe(base);
  });

  it('hashes bodies that are not objects', () => {
    expect(requestHash(undefined)).toMatch(/^[0-9a-f]{64}$/);
    expect(requestHash([])).not.toBe(requestHash({}));
  });
});
