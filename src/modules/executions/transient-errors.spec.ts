import { NotFoundError, ServiceUnavailableError } from '../../core/errors/domain-errors';
import { isTransient, messageOf, retryDelayMs } from './transient-errors';

describe('isTransient', () => {
  it('retries an unavailable source and a lost database connection', () => {
    expect(isTransient(new ServiceUnavailableError('Cumulocity answered 503'))).toBe(true);
    expect(isTransient(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe(true);
  });

  it('does not retry an unknown device or a programming error', () => {
    expect(isTransient(new NotFoundError('Device or group with id 5 does not exist'))).toBe(false);
    expect(isTransient(new TypeError('x is undefined'))).toBe(false);
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base delay', () => {
    expect([1, 2, 3].map((retry) => retryDelayMs(retry, 250))).toEqual([250, 500, 1000]);
  });
});

describe('messageOf', () => {
  it('takes the message of an error and the text of anything else', () => {
    expect(messageOf(new Error('boom'))).toBe('boom');
    expect(messageOf('plain')).toBe('plain');
  });
});
