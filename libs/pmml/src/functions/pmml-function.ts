import type { DataType, Value } from '../values/value';

/** What the compiler knows about one argument of a call site. */
export interface ArgumentInfo {
  /** The argument's data type, when its expression fixes one. */
  readonly dataType?: DataType;
  /** Set when the argument is a Constant: its value (null for a missing constant). */
  readonly constant?: { readonly value: Value };
}

/** The implementation chosen for one call site, with the data type of its result. */
export interface BoundFunction {
  readonly apply: (args: readonly Value[]) => Value;
  readonly dataType?: DataType;
}

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
  /**
   * Optional compile-time step for one call site: sees the arguments' data types and
   * constants, may refuse them (throwing `unsupported`/`invalidPmml` that names `where`) and
   * returns the implementation to call, e.g. with a constant regex compiled once. Without
   * it, `apply` is called and the result's data type is unknown.
   */
  readonly bind?: (args: readonly ArgumentInfo[], where: string) => BoundFunction;
}

/** Shorthand for defining functions in the catalogues. */
export function pmmlFunction(
  name: string,
  arity: number | readonly [number, number],
  apply: (args: readonly Value[]) => Value,
  propagatesMissing = true,
  bind?: PmmlFunction['bind'],
): PmmlFunction {
  const [minArgs, maxArgs] = typeof arity === 'number' ? [arity, arity] : arity;
  return { name, minArgs, maxArgs, propagatesMissing, apply, bind };
}
