import { ARITHMETIC_FUNCTIONS } from './arithmetic-functions';
import type { PmmlFunction } from './pmml-function';

/** Every function Apply may call by name, besides the document's own DefineFunctions. */
export const BUILTIN_FUNCTIONS: ReadonlyMap<string, PmmlFunction> = new Map(
  [...ARITHMETIC_FUNCTIONS].map((fn) => [fn.name, fn]),
);
