import type { Value } from '../values/value';

/**
 * A function that Apply can call. Arguments arrive already evaluated, in an array the caller
 * reuses between calls (do not keep it).
 */
export interface PmmlFunction {
  readonly name: string;
  readonly minArgs: number;
  /** Infinity for variadic functions (sum, min, concat, ...). */
  readonly maxArgs: number;
  /**
   * True (most functions): a missing argument makes the result missing without calling
   * `apply`. False for functions that look at missing values themselves (isMissing, if, ...).
   */
  readonly propagatesMissing: boolean;
  /** The result; `null` for missing. NaN or an infinity is an invalid result. */
  apply(args: readonly Value[]): Value;
}

/** Shorthand for defining functions in the catalogues. */
export function pmmlFunction(
  name: string,
  arity: number | readonly [number, number],
  apply: (args: readonly Value[]) => Value,
  propagatesMissing = true,
): PmmlFunction {
  const [minArgs, maxArgs] = typeof arity === 'number' ? [arity, arity] : arity;
  return { name, minArgs, maxArgs, propagatesMissing, apply };
}
