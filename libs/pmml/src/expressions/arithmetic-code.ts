import type { Evaluator } from '../fields/eval-context';

/**
 * An expression made of the four operators on doubles over field values and numeric
 * constants, such as a standard scaler's (x − mean) / scale. Apply records it when it takes
 * its double fast path, so that a whole tree can be compiled into one function.
 */
export type ArithmeticForm =
  | { readonly kind: 'slot'; readonly slot: number }
  | { readonly kind: 'constant'; readonly value: number }
  | {
      readonly kind: 'operation';
      readonly operator: ArithmeticOperator;
      readonly left: ArithmeticForm;
      readonly right: ArithmeticForm;
    };

export type ArithmeticOperator = '+' | '-' | '*' | '/';

/** A generated evaluator, before it is given its slots, constants and fallback. */
type ArithmeticFactory = (
  slots: Int32Array,
  constants: Float64Array,
  generic: Evaluator,
) => Evaluator;

/** Generated code: the statements that read the slots, and the expression over them. */
interface ArithmeticCode {
  readonly statements: string[];
  readonly slots: number[];
  readonly constants: number[];
  temporaries: number;
}

/**
 * Factories by code shape: a shape is compiled once, and fields of the same shape (every
 * input's scaler) share it, with their slots and constants as data. Sharing one function
 * also keeps its call sites monomorphic.
 */
const factories = new Map<string, ArithmeticFactory>();
/** Beyond this many shapes the cache starts again: documents are uploaded for months. */
const MAX_FACTORIES = 1000;
/** Larger forms stay with their ordinary evaluators: generated code is for small formulas. */
const MAX_LEAVES = 64;

function leafCount(form: ArithmeticForm): number {
  return form.kind === 'operation' ? leafCount(form.left) + leafCount(form.right) : 1;
}

function emit(form: ArithmeticForm, code: ArithmeticCode): string {
  switch (form.kind) {
    case 'slot': {
      const name = `v${code.slots.length}`;
      code.statements.push(
        `const ${name} = context.get(slots[${code.slots.length}]);`,
        `if (typeof ${name} !== 'number') return generic(context);`,
      );
      code.slots.push(form.slot);
      return name;
    }
    case 'constant':
      code.constants.push(form.value);
      return `constants[${code.constants.length - 1}]`;
    case 'operation': {
      const left = emit(form.left, code);
      const right = emit(form.right, code);
      if (form.operator !== '/' || form.right.kind === 'constant')
        return `(${left} ${form.operator} ${right})`;
      // A zero divisor is the generic path's to report (it is an invalid result).
      const divisor = `t${code.temporaries++}`;
      code.statements.push(
        `const ${divisor} = ${right};`,
        `if (${divisor} === 0) return generic(context);`,
      );
      return `(${left} / ${divisor})`;
    }
  }
}

/**
 * Compiles an arithmetic form into one evaluator. While every field read holds a number, it
 * computes the result in place: no call per operator and no boxed intermediate result. Any
 * other value (missing, text) or a zero divisor takes `generic`, the expression's ordinary
 * evaluator, which gives the exact result there. Fields are read in the order the generic
 * evaluator reads them, so errors and missing values come out the same.
 */
export function compileArithmetic(form: ArithmeticForm, generic: Evaluator): Evaluator {
  const code: ArithmeticCode = { statements: [], slots: [], constants: [], temporaries: 0 };
  const result = emit(form, code);
  const body = [...code.statements, `return ${result};`].join('\n');
  let factory = factories.get(body);
  if (factory === undefined) {
    if (factories.size >= MAX_FACTORIES) factories.clear();
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    factory = new Function(
      'slots',
      'constants',
      'generic',
      `return function arithmetic(context) {\n${body}\n};`,
    ) as ArithmeticFactory;
    factories.set(body, factory);
  }
  return factory(Int32Array.from(code.slots), Float64Array.from(code.constants), generic);
}

/** The arithmetic evaluator of an expression that has a form with an operator, else its own. */
export function fastestEvaluator(expression: {
  readonly evaluate: Evaluator;
  readonly arithmetic?: ArithmeticForm;
}): Evaluator {
  const form = expression.arithmetic;
  return form?.kind === 'operation' && leafCount(form) <= MAX_LEAVES
    ? compileArithmetic(form, expression.evaluate)
    : expression.evaluate;
}
