import { apply, constants } from './testing/expression-fixture';

const X = '<FieldRef field="x"/>';

describe('value functions', () => {
  it('isMissing and isNotMissing look at a missing argument', () => {
    expect(apply('isMissing', X)).toBe(true);
    expect(apply('isMissing', X, { x: 1 })).toBe(false);
    expect(apply('isNotMissing', X)).toBe(false);
  });

  it('isValid is false for missing values and NaN; isNotValid only for NaN', () => {
    expect(apply('isValid', X, { x: 1 })).toBe(true);
    expect(apply('isValid', X)).toBe(false);
    expect(apply('isValid', X, { x: NaN })).toBe(false);
    expect(apply('isNotValid', X)).toBe(false);
    expect(apply('isNotValid', X, { x: NaN })).toBe(true);
  });

  it('isIn and isNotIn compare with the listed values', () => {
    expect(apply('isIn', `<FieldRef field="s"/>${constants('a', 'b')}`, { s: 'b' })).toBe(true);
    expect(apply('isNotIn', `<FieldRef field="s"/>${constants('a', 'b')}`, { s: 'c' })).toBe(true);
    expect(apply('isIn', `${X}${constants(1, 2, 3)}`, { x: 3 })).toBe(true);
  });

  it('isIn with a missing value asks whether the list holds a missing value', () => {
    expect(apply('isIn', `${X}${constants(1, 2)}`)).toBe(false);
    expect(apply('isIn', `${X}<Constant missing="true"/>`)).toBe(true);
    expect(apply('isNotIn', `${X}${constants(1, 2)}`)).toBe(true);
  });
});
