import { apply, constants } from './testing/expression-fixture';

const S = '<FieldRef field="s"/>';

describe('string functions', () => {
  it('changes case', () => {
    expect(apply('uppercase', S, { s: 'Value' })).toBe('VALUE');
    expect(apply('lowercase', S, { s: 'Value' })).toBe('value');
  });

  it('counts UTF-16 characters like Java', () => {
    expect(apply('stringLength', S, { s: 'aBc9x' })).toBe(5);
    expect(apply('stringLength', '<Constant dataType="string"></Constant>')).toBe(0);
  });

  it('substring counts from 1 and cuts a range that runs past the end', () => {
    expect(apply('substring', `${S}${constants(2, 3)}`, { s: 'aBc9x' })).toBe('Bc9');
    expect(apply('substring', `${S}${constants(1, 4)}`, { s: 'value' })).toBe('valu');
    expect(apply('substring', `${S}${constants(2, 100)}`, { s: 'value' })).toBe('alue');
    expect(apply('substring', `${S}${constants(6, 1)}`, { s: 'value' })).toBe('');
    expect(() => apply('substring', `${S}${constants(0, 1)}`, { s: 'value' })).toThrow(
      'less than 1',
    );
  });

  it('trimBlanks strips control characters and spaces but not no-break spaces, like Java', () => {
    expect(apply('trimBlanks', S, { s: '\t value \n' })).toBe('value');
    expect(apply('trimBlanks', S, { s: '\u00a0value' })).toBe('\u00a0value');
  });

  it('concat joins its arguments, skipping missing ones, with numbers in Java notation', () => {
    expect(apply('concat', constants(2, '-', 2000))).toBe('2-2000');
    expect(apply('concat', `${constants('2')}<FieldRef field="x"/>${constants('-', '2000')}`)).toBe(
      '2-2000',
    );
    expect(
      apply('concat', '<FieldRef field="x"/><FieldRef field="f"/>', { x: 1.5e-5, f: 0.1 }),
    ).toBe('1.5E-50.1');
  });

  it('turns numbers into text as Java does for string functions', () => {
    expect(apply('uppercase', '<FieldRef field="x"/>', { x: 1e7 + 0.5 })).toBe('1.00000005E7');
    expect(apply('stringLength', '<FieldRef field="x"/>', { x: 0.001 })).toBe(5);
  });
});
