import { javaInstant } from './java-instant';

describe('javaInstant', () => {
  it('leaves out a zero millisecond part, as the document shows start times', () => {
    expect(javaInstant(Date.parse('2020-02-27T14:24:00.000Z'))).toBe('2020-02-27T14:24:00Z');
  });

  it('writes three digits of milliseconds otherwise', () => {
    expect(javaInstant(Date.parse('2020-02-27T14:24:08.930Z'))).toBe('2020-02-27T14:24:08.930Z');
    expect(javaInstant(Date.parse('2020-02-27T10:05:23.004Z'))).toBe('2020-02-27T10:05:23.004Z');
  });
});
