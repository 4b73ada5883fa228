import { invalidPmml, PmmlError } from './errors';
import { ExpressionCompiler } from './expressions/compile-expression';
import { FunctionTable } from './expressions/function-table';
import {
  INPUT_VALID,
  InputClassifier,
  readDataDictionary,
  type DataFieldDef,
} from './fields/data-dictionary';
import { SlotLayout } from './fields/eval-context';
import { FieldScope } from './fields/field-scope';
import { compileModelElement, isModelElement } from './model/compile-model';
import { defineDerivedFields } from './model/derived-fields';
import { CompiledPmml } from './scoring/compiled-pmml';
import { DEFAULT_XML_LIMITS, parseXml, type XmlLimits } from './xml/parse-xml';
import type { XmlElement } from './xml/xml-element';

export interface CompileOptions {
  /** Which model to score when the document holds several (by modelName); the first scorable one by default. */
  readonly modelName?: string;
  readonly limits?: Partial<XmlLimits>;
}

function selectModel(pmml: XmlElement, modelName: string | undefined): XmlElement {
  const models = pmml.children.filter(isModelElement);
  if (models.length === 0) throw invalidPmml('PMML: the document contains no model element.');
  if (modelName !== undefined) {
    const named = models.find((model) => model.attr('modelName') === modelName);
    if (!named) throw invalidPmml(`PMML: the document has no model named "${modelName}".`);
    return named;
  }
  return models.find((model) => model.attr('isScorable') !== 'false') ?? models[0];
}

/**
 * Compiles a PMML document (3.2 to 4.4) into a model ready to score. Everything that can be
 * checked without data is checked here, so a model that compiles does not fail later for
 * lack of support.
 *
 * @example
 * const model = compilePmml(fs.readFileSync('iris.pmml', 'utf8'));
 * model.score({ 'Petal.Length': 1.4, 'Petal.Width': 0.2 }); // { Species: 'setosa', ... }
 */
export function compilePmml(text: string, options: CompileOptions = {}): CompiledPmml {
  const root = parseXml(text, { ...DEFAULT_XML_LIMITS, ...options.limits });
  if (root.name !== 'PMML') throw invalidPmml(`The root element is ${root.name}, not PMML.`);
  const version = root.attr('version');
  const dataFields = readDataDictionary(root);
  const layout = new SlotLayout();
  const rootScope = new FieldScope(layout);
  for (const field of dataFields) defineDataField(rootScope, field);

  const functions = new FunctionTable(layout);
  const transformations = root.child('TransformationDictionary');
  functions.declare(transformations?.childrenNamed('DefineFunction') ?? []);
  const expressions = new ExpressionCompiler(functions);
  functions.compileBodies(expressions);
  defineDerivedFields(transformations, rootScope, expressions);

  const modelElement = selectModel(root, options.modelName);
  const model = compileModelElement(
    modelElement,
    rootScope,
    { expressions, dataFields: new Map(dataFields.map((field) => [field.name, field])) },
    { topLevel: true, mathContext: 'double' },
  );
  const compiled = new CompiledPmml(model, layout, dataFields, {
    pmmlVersion: version,
    headerDescription: root.child('Header')?.attr('description'),
    sourceLength: text.length,
  });
  // Closures keep the elements they were compiled from (for messages), and V8 shares a
  // function's context among its closures, so a model would keep most of its document: cut
  // the tree down to the elements themselves.
  root.release();
  return compiled;
}

function defineDataField(scope: FieldScope, field: DataFieldDef): void {
  // Until a MiningField installs its treatments, a DataField reads the raw input, with
  // invalid values as missing.
  const name = field.name;
  const classifier = new InputClassifier(field);
  const slot = scope.layout.allocate((context) =>
    classifier.classify(context.input[name]) === INPUT_VALID ? classifier.value : null,
  );
  scope.define({
    name,
    dataType: field.dataType,
    opType: field.opType,
    slot,
    categories: field.categories,
    displayValues: field.displayValues,
    origin: 'data',
  });
}

export { PmmlError };
