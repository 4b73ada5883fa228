import { evaluationError, invalidPmml } from '../../errors';
import type { ExpressionCompiler } from '../../expressions/compile-expression';
import type { EvalContext, Evaluator } from '../../fields/eval-context';
import type { FieldScope } from '../../fields/field-scope';
import {
  TRUE,
  compilePredicate,
  findPredicate,
  type CompiledPredicate,
} from '../../predicates/compile-predicate';
import type { Value } from '../../values/value';
import type { XmlElement } from '../../xml/xml-element';

/** One Characteristic: its Attributes in document order, and what reason codes need. */
export interface CompiledCharacteristic {
  readonly element: XmlElement;
  readonly attributes: readonly XmlElement[];
  readonly baselineScore: number | undefined;
  /** The Attribute that applies to the record (the first whose predicate is true). */
  matchingAttribute(context: EvalContext): number;
  partialScore(attribute: number, context: EvalContext): number;
}

function toNumber(value: Value): number {
  return typeof value === 'number' ? value : typeof value === 'boolean' ? +value : Number(value);
}

function compileCharacteristic(
  element: XmlElement,
  scope: FieldScope,
  expressions: ExpressionCompiler,
): CompiledCharacteristic {
  const attributes = element.childrenNamed('Attribute');
  if (attributes.length === 0) {
    throw invalidPmml(`${element.where}: a Characteristic needs at least one Attribute.`);
  }
  const predicates: CompiledPredicate[] = attributes.map((attribute) =>
    compilePredicate(findPredicate(attribute), scope),
  );
  // A ComplexPartialScore takes precedence over the partialScore attribute.
  const complexScores: (Evaluator | undefined)[] = attributes.map((attribute) => {
    const complex = attribute.child('ComplexPartialScore');
    return complex ? expressions.compileChild(complex, scope).evaluate : undefined;
  });
  const fixedScores = Float64Array.from(attributes, (attribute, index) => {
    if (complexScores[index]) return NaN;
    const score = attribute.numberAttr('partialScore');
    if (score === undefined) {
      throw invalidPmml(
        `${attribute.where}: an Attribute needs a partialScore attribute or a ComplexPartialScore.`,
      );
    }
    return score;
  });
  const count = attributes.length;
  const name = element.attr('name') ?? element.where;

  return {
    element,
    attributes,
    baselineScore: element.numberAttr('baselineScore'),
    matchingAttribute(context) {
      for (let index = 0; index < count; index++) {
        if (predicates[index](context) === TRUE) return index;
      }
      throw evaluationError(
        `Characteristic "${name}": no Attribute applies to the record, so the scorecard has no score.`,
      );
    },
    partialScore(attribute, context) {
      const complex = complexScores[attribute];
      if (!complex) return fixedScores[attribute];
      const value = complex(context);
      if (value === null) {
        throw evaluationError(
          `Characteristic "${name}": the ComplexPartialScore of the matching Attribute is missing.`,
        );
      }
      return toNumber(value);
    },
  };
}

export function compileCharacteristics(
  scorecard: XmlElement,
  scope: FieldScope,
  expressions: ExpressionCompiler,
): CompiledCharacteristic[] {
  const characteristics = scorecard
    .requiredChild('Characteristics')
    .childrenNamed('Characteristic')
    .map((element) => compileCharacteristic(element, scope, expressions));
  if (characteristics.length === 0) {
    throw invalidPmml(`${scorecard.where}: the Characteristics element is empty.`);
  }
  return characteristics;
}
