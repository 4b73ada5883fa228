import { invalidPmml, unsupported } from '../errors';
import type { EvalContext, Evaluator } from '../fields/eval-context';
import type { FieldScope } from '../fields/field-scope';
import { INVALID, parseValue } from '../values/parse-value';
import type { Value } from '../values/value';
import type { XmlElement } from '../xml/xml-element';
import { compileApply } from './apply-expression';
import { compileConstant } from './constant-expression';
import { compileDiscretize } from './discretize-expression';
import { EXPRESSION_ELEMENTS, type CompiledExpression } from './expression-types';
import type { FunctionTable } from './function-table';
import { compileMapValues } from './map-values-expression';
import { compileNormContinuous, compileNormDiscrete } from './normalization-expressions';
import { compileTextIndex } from './text-index-expression';

/** The first expression element among the children, if any. */
export function findExpression(parent: XmlElement): XmlElement | undefined {
  return parent.children.find((child) => EXPRESSION_ELEMENTS.has(child.name));
}

export function requiredExpression(parent: XmlElement): XmlElement {
  const found = findExpression(parent);
  if (!found) throw invalidPmml(`${parent.where}: an expression element is required.`);
  return found;
}

/** Reads a FieldRef-like attribute value: `mapMissingTo` replaces a missing result. */
export function withMissingReplacement(evaluate: Evaluator, replacement: Value): Evaluator {
  if (replacement === null) return evaluate;
  return (context: EvalContext) => {
    const value = evaluate(context);
    return value === null ? replacement : value;
  };
}

/**
 * Turns expression elements into evaluators. One instance per document: it knows the
 * document's DefineFunctions besides the built-ins.
 */
export class ExpressionCompiler {
  constructor(readonly functions: FunctionTable) {}

  compile(element: XmlElement, scope: FieldScope): CompiledExpression {
    switch (element.name) {
      case 'Constant':
        return compileConstant(element, scope, this.functions);
      case 'FieldRef':
        return this.compileFieldRef(element, scope);
      case 'NormContinuous':
        return compileNormContinuous(element, scope);
      case 'NormDiscrete':
        return compileNormDiscrete(element, scope);
      case 'Discretize':
        return compileDiscretize(element, scope);
      case 'MapValues':
        return compileMapValues(element, scope);
      case 'TextIndex':
        return compileTextIndex(element, scope, this);
      case 'Apply':
        return compileApply(element, scope, this);
      case 'Aggregate':
      case 'Lag':
        throw unsupported(
          `${element.where}: ${element.name} needs several records at once; it is not supported.`,
        );
      default:
        throw invalidPmml(`${element.where}: ${element.name} is not an expression.`);
    }
  }

  /** The expression inside `parent` (a DerivedField, OutputField, ...). */
  compileChild(parent: XmlElement, scope: FieldScope): CompiledExpression {
    return this.compile(requiredExpression(parent), scope);
  }

  private compileFieldRef(element: XmlElement, scope: FieldScope): CompiledExpression {
    const field = scope.resolve(element.requiredAttr('field'), element.where);
    const slot = field.slot;
    const replacementText = element.attr('mapMissingTo');
    const parsed =
      replacementText === undefined ? null : parseValue(replacementText, field.dataType);
    const replacement = parsed === INVALID ? (replacementText ?? null) : parsed;
    const read: Evaluator = (context) => context.get(slot);
    return {
      evaluate: withMissingReplacement(read, replacement),
      dataType: field.dataType,
      opType: field.opType,
      fieldSlot: replacement === null ? slot : undefined,
    };
  }
}
