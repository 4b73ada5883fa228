import { invalidPmml, PmmlError } from '../errors';
import type { EvalContext, Evaluator } from '../fields/eval-context';
import type { FieldScope } from '../fields/field-scope';
import { toBoolean } from '../functions/argument-conversions';
import type { Value } from '../values/value';
import { parseNumberText, type XmlElement } from '../xml/xml-element';
import type { ArithmeticForm, ArithmeticOperator } from './arithmetic-code';
import type { ExpressionCompiler } from './compile-expression';
import { EXPRESSION_ELEMENTS, type CompiledExpression } from './expression-types';
import type { CallableFunction } from './function-table';

const INVALID_TREATMENTS = ['returnInvalid', 'asIs', 'asMissing'] as const;

// Apply's mapMissingTo/defaultValue are untyped text; numbers are what they usually mean.
function literal(text: string | undefined): Value {
  if (text === undefined) return null;
  const number = text.trim() === '' ? undefined : parseNumberText(text);
  return number ?? text;
}

function compileIf(element: XmlElement, args: CompiledExpression[]): Evaluator {
  if (args.length < 2 || args.length > 3) {
    throw invalidPmml(
      `${element.where}: function "if" takes 2 or 3 arguments, got ${args.length}.`,
    );
  }
  const [condition, whenTrue, whenFalse] = args.map((arg) => arg.evaluate);
  return (context) => {
    const test = condition(context);
    if (test === null) return null;
    if (toBoolean(test, 'if')) return whenTrue(context);
    return whenFalse === undefined ? null : whenFalse(context);
  };
}

const ARITHMETIC: Readonly<Record<string, (a: number, b: number) => number>> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
};

// `field op constant` with the operator inlined: what standard scalers compute per input.
function withConstantRight(
  name: string,
  left: Evaluator,
  c: number,
  generic: Evaluator,
): Evaluator | undefined {
  switch (name) {
    case '+':
      return (context) => {
        const a = left(context);
        return typeof a === 'number' ? a + c : a === null ? null : generic(context);
      };
    case '-':
      return (context) => {
        const a = left(context);
        return typeof a === 'number' ? a - c : a === null ? null : generic(context);
      };
    case '*':
      return (context) => {
        const a = left(context);
        return typeof a === 'number' ? a * c : a === null ? null : generic(context);
      };
    case '/':
      if (c === 0) return undefined;
      return (context) => {
        const a = left(context);
        return typeof a === 'number' ? a / c : a === null ? null : generic(context);
      };
    default:
      return undefined;
  }
}

// The four operators on numbers are most of what scalers and encoders compute: they skip the
// generic call. Anything else (text operands, division by zero) takes the generic path.
function compileArithmetic(
  name: string,
  compiled: readonly CompiledExpression[],
  generic: Evaluator,
): Evaluator | undefined {
  const operation = ARITHMETIC[name];
  if (operation === undefined || compiled.length !== 2) return undefined;
  const constant = compiled[1].constant?.value;
  if (typeof constant === 'number') {
    const specialised = withConstantRight(name, compiled[0].evaluate, constant, generic);
    if (specialised) return specialised;
  }
  const [left, right] = compiled.map((arg) => arg.evaluate);
  const divides = name === '/';
  return (context) => {
    const a = left(context);
    if (a === null) return null;
    const b = right(context);
    if (b === null) return null;
    if (typeof a !== 'number' || typeof b !== 'number' || (divides && b === 0))
      return generic(context);
    return operation(a, b);
  };
}

/** An argument as an arithmetic form: a form itself, a plain FieldRef or a finite number. */
function argumentForm(arg: CompiledExpression): ArithmeticForm | undefined {
  if (arg.arithmetic) return arg.arithmetic;
  if (arg.fieldSlot !== undefined) return { kind: 'slot', slot: arg.fieldSlot };
  const value = arg.constant?.value;
  return typeof value === 'number' && Number.isFinite(value)
    ? { kind: 'constant', value }
    : undefined;
}

/** The form of `left operator right` on doubles, when both sides have one. */
function arithmeticForm(
  name: string,
  args: readonly CompiledExpression[],
): ArithmeticForm | undefined {
  if (!(name in ARITHMETIC) || args.length !== 2) return undefined;
  const left = argumentForm(args[0]);
  const right = argumentForm(args[1]);
  if (!left || !right || (name === '/' && right.kind === 'constant' && right.value === 0))
    return undefined;
  return { kind: 'operation', operator: name as ArithmeticOperator, left, right };
}

function compileCall(fn: CallableFunction, argEvaluators: Evaluator[]): Evaluator {
  const args: Value[] = new Array<Value>(argEvaluators.length).fill(null);
  const count = argEvaluators.length;
  const propagates = fn.propagatesMissing;
  return (context: EvalContext) => {
    for (let index = 0; index < count; index++) {
      const value = argEvaluators[index](context);
      if (value === null && propagates) return null;
      args[index] = value;
    }
    return fn.call(args, context);
  };
}

/**
 * Apply: calls a function on its evaluated arguments. A missing argument gives `mapMissingTo`
 * (or missing); a missing result gives `defaultValue`; an error or NaN result is handled per
 * `invalidValueTreatment` (returnInvalid fails the record, asMissing gives missing, asIs keeps NaN).
 */
export function compileApply(
  element: XmlElement,
  scope: FieldScope,
  compiler: ExpressionCompiler,
): CompiledExpression {
  const name = element.requiredAttr('function');
  const args = element.children
    .filter((child) => EXPRESSION_ELEMENTS.has(child.name))
    .map((child) => compiler.compile(child, scope));
  const mapMissingTo = literal(element.attr('mapMissingTo'));
  const defaultValue = literal(element.attr('defaultValue'));
  const treatment = element.enumAttr('invalidValueTreatment', INVALID_TREATMENTS, 'returnInvalid');

  let call: Evaluator;
  let dataType: CompiledExpression['dataType'];
  let arithmetic: ArithmeticForm | undefined;
  if (name === 'if') {
    call = compileIf(element, args);
    dataType = args[1]?.dataType;
  } else {
    const fn = compiler.functions.resolve(name, element.where);
    if (args.length < fn.minArgs || args.length > fn.maxArgs) {
      const expected = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : `${fn.minArgs} or more`;
      throw invalidPmml(
        `${element.where}: function "${name}" takes ${expected} argument(s), got ${args.length}.`,
      );
    }
    const evaluators = args.map((arg) => arg.evaluate);
    // Built-ins choose their implementation from the arguments' types and constants; the
    // double fast path does not apply to integer or float arithmetic (7 / 2 = 3 for integers).
    const bound = fn.bind?.(args, element.where);
    const generic = compileCall(
      bound ? { ...fn, call: (values) => bound.apply(values) } : fn,
      evaluators,
    );
    const fast = bound?.dataType === 'double' ? compileArithmetic(name, args, generic) : undefined;
    call = fast ?? generic;
    dataType = bound ? bound.dataType : fn.dataType;
    if (fast) arithmetic = arithmeticForm(name, args);
  }

  if (treatment === 'returnInvalid' && mapMissingTo === null && defaultValue === null) {
    return { evaluate: call, dataType, ...(arithmetic ? { arithmetic } : {}) };
  }
  const evaluate: Evaluator = (context) => {
    let result: Value;
    try {
      result = call(context);
    } catch (error) {
      if (
        treatment === 'returnInvalid' ||
        !(error instanceof PmmlError) ||
        error.code !== 'EVALUATION'
      )
        throw error;
      return treatment === 'asMissing' ? null : NaN;
    }
    if (result === null) {
      return anyMissing(args, context) ? (mapMissingTo ?? defaultValue) : defaultValue;
    }
    if (typeof result === 'number' && Number.isNaN(result) && treatment === 'asMissing')
      return null;
    return result;
  };
  return { evaluate, dataType };
}

// Only consulted when the result is missing: tells a missing argument from a missing result.
function anyMissing(args: readonly CompiledExpression[], context: EvalContext): boolean {
  for (const arg of args) if (arg.evaluate(context) === null) return true;
  return false;
}
