/**
 * A mock of a class whose every method throws `unexpected call to X.m` until the test gives it
 * an implementation, so that a unit test states every collaboration it relies on.
 */
export function strictMock<T extends object>(
  type: abstract new (...args: never[]) => T,
): jest.Mocked<T> {
  const mock: Record<string, jest.Mock> = {};
  for (const name of Object.getOwnPropertyNames(type.prototype)) {
    const descriptor = Object.getOwnPropertyDescriptor(type.prototype, name);
    if (name === 'constructor' || typeof descriptor?.value !== 'function') continue;
    mock[name] = jest.fn((): never => {
      throw new Error(`unexpected call to ${type.name}.${name}`);
    });
  }
  return mock as unknown as jest.Mocked<T>;
}
