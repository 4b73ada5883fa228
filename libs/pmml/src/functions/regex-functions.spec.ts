import { apply, constants, expressionOf } from './testing/expression-fixture';

const S = '<FieldRef field="s"/>';
const replace = (input: string, pattern: string, replacement: string) =>
  apply(
    'replace',
    `${S}<Constant dataType="string">${pattern}</Constant><Constant dataType="string">${replacement}</Constant>`,
    { s: input },
  );
const matches = (input: string, pattern: string) =>
  apply('matches', `${S}<Constant dataType="string">${pattern}</Constant>`, { s: input });

describe('regular expression functions', () => {
  it('replace substitutes every match, greedily or lazily (the spec examples)', () => {
    expect(replace('BBBB', 'B+', 'c')).toBe('c');
    expect(replace('BBBB', 'B+?', 'c')).toBe('cccc');
    expect(replace('abracadabra', 'a.*?a', '*')).toBe('*c*bra');
  });

  it('replace inserts groups with $n and writes a literal dollar as $$', () => {
    expect(replace('abracadabra', 'a(.)', 'a$1$1')).toBe('abbraccaddabbra');
    expect(replace('$10', '\\$(\\d+)', '$1 USD')).toBe('10 USD');
    expect(replace('BBBB', 'B', '$$')).toBe('$$$$');
    expect(replace('Hello Hello World', '(\\w+)\\s+\\1', '$1 (repeated)')).toBe(
      'Hello (repeated) World',
    );
  });

  it('matches is true when any part of the input matches (the spec example months)', () => {
    const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July'];
    expect(months.filter((month) => matches(month, 'ar?y'))).toEqual([
      'January',
      'February',
      'May',
    ]);
    expect(matches('abracadabra', '^a.*a$')).toBe(true);
    expect(matches('abracadabra', '^bra')).toBe(false);
  });

  it("uses Java's meaning of \\s: a no-break space is not white space", () => {
    expect(matches('a\u00a0b', '\\s')).toBe(false);
    expect(replace('a \tb', '\\s+', '_')).toBe('a_b');
  });

  it('reads a pattern from a field, compiling each distinct pattern once', () => {
    const find = expressionOf(`<Apply function="matches">${S}<FieldRef field="t"/></Apply>`);
    expect(find({ s: 'abc', t: 'b.' })).toBe(true);
    expect(find({ s: 'abc', t: '^b' })).toBe(false);
    expect(() => find({ s: 'abc', t: '(' })).toThrow('is invalid');
  });

  it('refuses a constant pattern that could backtrack exponentially when compiling', () => {
    expect(() =>
      expressionOf(`<Apply function="matches">${S}${constants('(a+)+b')}</Apply>`),
    ).toThrow('exponential time');
  });

  it('refuses Java constructs JavaScript lacks, and invalid patterns, when compiling', () => {
    expect(() => expressionOf(`<Apply function="matches">${S}${constants('a*+')}</Apply>`)).toThrow(
      'possessive quantifiers',
    );
    expect(() => expressionOf(`<Apply function="matches">${S}${constants('[a')}</Apply>`)).toThrow(
      'unclosed character class',
    );
    expect(() =>
      expressionOf(`<Apply function="replace">${S}${constants('(a)', '$2')}</Apply>`),
    ).toThrow('no group 2');
  });
});
