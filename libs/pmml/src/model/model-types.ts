import type { ExpressionCompiler } from '../expressions/compile-expression';
import type { EvalContext } from '../fields/eval-context';
import type { FieldInfo, FieldScope } from '../fields/field-scope';
import type { MiningFieldSpec } from '../fields/mining-schema';
import type { Value } from '../values/value';
import type { XmlElement } from '../xml/xml-element';
import type { Prediction } from './prediction';

export const MODEL_ELEMENTS = [
  'AnomalyDetectionModel',
  'AssociationModel',
  'BaselineModel',
  'BayesianNetworkModel',
  'ClusteringModel',
  'GaussianProcessModel',
  'GeneralRegressionModel',
  'MiningModel',
  'NaiveBayesModel',
  'NearestNeighborModel',
  'NeuralNetwork',
  'RegressionModel',
  'RuleSetModel',
  'Scorecard',
  'SequenceModel',
  'SupportVectorMachineModel',
  'TextModel',
  'TimeSeriesModel',
  'TreeModel',
] as const;
export type ModelElementName = (typeof MODEL_ELEMENTS)[number];

export const FUNCTION_NAMES = [
  'classification',
  'regression',
  'clustering',
  'associationRules',
  'sequences',
  'timeSeries',
  'mixed',
] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export type MathContext = 'double' | 'float';

/** The target field of a model, as its MiningSchema and the DataDictionary describe it. */
export interface TargetInfo {
  readonly field: FieldInfo;
  readonly spec: MiningFieldSpec;
  /** Declared categories of a categorical target (DataField Values or Target TargetValues). */
  readonly categories: readonly Value[];
}

/** A compiled OutputField: computes its value once the model has predicted. */
export type OutputComputer = (prediction: Prediction | null, context: EvalContext) => Value;

/** What a model-type compiler gets: the element, its scope, its target and the tools. */
export interface ModelCompileEnv {
  readonly element: XmlElement;
  readonly modelType: ModelElementName;
  readonly functionName: FunctionName;
  /** The model's fields: mining fields with treatments and local derived fields. */
  readonly scope: FieldScope;
  readonly target: TargetInfo | undefined;
  /** Every target of the MiningSchema (multi-target models such as k-NN). */
  readonly targets: readonly TargetInfo[];
  readonly mathContext: MathContext;
  readonly expressions: ExpressionCompiler;
  /** Compiles a nested model element (segments of a MiningModel) in the given scope. */
  compileNested(element: XmlElement, scope: FieldScope): CompiledModelElement;
}

/** A model type's scoring logic, before Targets and Output are applied. */
export interface ModelCore {
  /** The raw prediction for the current record, or null when the model predicts nothing. */
  evaluate(context: EvalContext): Prediction | null;
  /**
   * Output features only this model type can compute (a tree node's entityId, a scorecard's
   * reasonCode, association ruleValues). Return undefined to get the generic handling.
   */
  outputFeature?(field: XmlElement, feature: string): OutputComputer | undefined;
  /** Categories the model predicts, in its own order, when they are known at compile time. */
  readonly categories?: readonly Value[];
  /**
   * Output fields of nested models that this model's results include, as JPMML exposes those of
   * a modelChain's last segments. The core sets their slots while it evaluates; they are listed
   * before the model's own outputs.
   */
  readonly nestedOutputs?: readonly CompiledOutputField[];
  /**
   * The core's predictions already include the Target's rescaleConstant (a boosted ensemble in
   * float arithmetic starts its sum from it, as XGBoost does), so post-processing must not add it.
   */
  readonly appliesRescaleConstant?: boolean;
}

export type ModelCompiler = (env: ModelCompileEnv) => ModelCore;

export interface CompiledOutputField {
  readonly name: string;
  readonly slot: number;
  readonly isFinalResult: boolean;
  readonly feature: string;
  readonly dataType: FieldInfo['dataType'];
  readonly opType: FieldInfo['opType'];
  readonly compute: OutputComputer;
}

/** A model element ready to score: inputs prepared, core, Targets and Output wired. */
export interface CompiledModelElement {
  readonly element: XmlElement;
  readonly modelType: ModelElementName;
  readonly functionName: FunctionName;
  readonly modelName: string | undefined;
  readonly scope: FieldScope;
  readonly miningFields: readonly MiningFieldSpec[];
  readonly targets: readonly TargetInfo[];
  readonly outputs: readonly CompiledOutputField[];
  readonly mathContext: MathContext;
  /** The model type's own logic (a MiningModel evaluates tree segments through it directly). */
  readonly core: ModelCore;
  /**
   * Scores the current record: returns the prediction and leaves the outputs in their slots.
   * A plain function, so that it can be kept without the element (and its document).
   */
  readonly evaluate: (context: EvalContext) => Prediction | null;
}
