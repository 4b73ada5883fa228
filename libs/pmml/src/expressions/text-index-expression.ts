import { unsupported } from '../errors';
import type { FieldScope } from '../fields/field-scope';
import type { XmlElement } from '../xml/xml-element';
import type { ExpressionCompiler } from './compile-expression';
import type { CompiledExpression } from './expression-types';

export function compileTextIndex(
  element: XmlElement,
  _scope: FieldScope,
  _compiler: ExpressionCompiler,
): CompiledExpression {
  throw unsupported(`${element.where}: TextIndex is not supported yet.`);
}
