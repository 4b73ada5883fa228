import { PmmlError } from '../errors';
import type { DataFieldDef } from '../fields/data-dictionary';
import type { EvalContext, SlotLayout } from '../fields/eval-context';
import type { UsageType } from '../fields/mining-schema';
import type { CompiledModelElement, FunctionName, ModelElementName } from '../model/model-types';
import {
  compileRecordPreparer,
  compileRowFiller,
  type RecordPreparer,
  type RowFiller,
} from './record-preparer';
import type { DataType, OpType, Value } from '../values/value';

export interface FieldDescription {
  readonly name: string;
  readonly dataType: DataType;
  readonly opType: OpType;
  readonly usageType: UsageType;
  /** The valid values of a categorical or ordinal field, when the document lists them. */
  readonly values?: readonly Value[];
}

export interface OutputFieldDescription {
  readonly name: string;
  readonly dataType: DataType;
  readonly opType: OpType;
  readonly feature: string;
  /** False for intermediate results that the producer did not mean as final outputs. */
  readonly isFinalResult: boolean;
}

export interface ModelDescription {
  readonly modelType: ModelElementName;
  readonly functionName: FunctionName;
  readonly modelName: string | undefined;
  readonly algorithmName: string | undefined;
  readonly pmmlVersion: string | undefined;
  /** The document's own description (Header description), if it has one. */
  readonly headerDescription: string | undefined;
  /** Length of the PMML text, in characters. */
  readonly sourceLength: number;
}

/** One record's results: the predicted value of each target and the value of each output field. */
export type ScoreResult = Record<string, Value>;

/** Results of many records: per record either its result or the reason it could not be scored. */
export interface BatchResult {
  readonly results: (ScoreResult | null)[];
  readonly errors: (PmmlError | null)[];
}

/** Column-wise results: one array per result field, `errors[i]` set where record i failed. */
export interface ColumnarResult {
  readonly columns: Record<string, Value[]>;
  readonly errors: (PmmlError | null)[];
}

/** Row fillers kept per model: one per column layout, as a caller rarely uses more. */
const MAX_ROW_FILLERS = 8;

function asPmmlError(error: unknown): PmmlError {
  if (error instanceof PmmlError) return error;
  if (error instanceof RangeError)
    return new PmmlError('EVALUATION', `Scoring failed: ${error.message}`);
  throw error;
}

/**
 * A compiled PMML model. It keeps no reference to the document; scoring reuses one working
 * context, so a single instance must not be shared between worker threads (it need not be:
 * JavaScript runs one call at a time).
 */
export class CompiledPmml {
  readonly description: ModelDescription;
  readonly inputFields: readonly FieldDescription[];
  readonly targetFields: readonly FieldDescription[];
  readonly outputFields: readonly OutputFieldDescription[];
  /** Names of the result entries, in order: targets, then output fields. */
  readonly resultFields: readonly string[];
  private readonly context: EvalContext;
  private readonly resultTemplate: ScoreResult;
  private readonly prepare: RecordPreparer;
  private readonly resultSlots: readonly { name: string; slot: number; target: boolean }[];
  // The model's evaluation and first target only: keeping the CompiledModelElement would keep
  // its XmlElement, and with it the whole document.
  private readonly evaluateModel: CompiledModelElement['evaluate'];
  private readonly primaryTarget: string | undefined;
  private readonly rowFillers = new Map<string, RowFiller>();

  constructor(
    model: CompiledModelElement,
    layout: SlotLayout,
    dataFields: readonly DataFieldDef[],
    info: {
      pmmlVersion: string | undefined;
      headerDescription: string | undefined;
      sourceLength: number;
    },
  ) {
    this.evaluateModel = model.evaluate;
    this.primaryTarget = model.targets[0]?.field.name;
    const byName = new Map(dataFields.map((field) => [field.name, field]));
    const describe = (name: string, usageType: UsageType): FieldDescription => {
      const field = model.scope.resolve(name, model.element.where);
      const dataField = byName.get(name);
      return {
        name,
        dataType: field.dataType,
        opType: field.opType,
        usageType,
        ...(dataField && dataField.categories.length > 0 && field.opType !== 'continuous'
          ? { values: dataField.categories }
          : {}),
      };
    };
    const inputUsages: ReadonlySet<UsageType> = new Set(['active', 'group', 'order']);
    this.description = {
      modelType: model.modelType,
      functionName: model.functionName,
      modelName: model.modelName,
      algorithmName: model.element.attr('algorithmName'),
      pmmlVersion: info.pmmlVersion,
      headerDescription: info.headerDescription,
      sourceLength: info.sourceLength,
    };
    this.inputFields = model.miningFields
      .filter((spec) => inputUsages.has(spec.usageType))
      .map((spec) => describe(spec.name, spec.usageType));
    this.targetFields = model.targets.map((target) =>
      describe(target.field.name, target.spec.usageType),
    );
    this.outputFields = model.outputs.map(({ name, dataType, opType, feature, isFinalResult }) => ({
      name,
      dataType,
      opType,
      feature,
      isFinalResult,
    }));
    const outputNames = new Set(model.outputs.map((output) => output.name));
    this.resultSlots = [
      ...model.targets
        .filter((target) => !outputNames.has(target.field.name))
        .map((target) => ({ name: target.field.name, slot: -1, target: true })),
      ...model.outputs.map((output) => ({ name: output.name, slot: output.slot, target: false })),
    ];
    this.resultFields = this.resultSlots.map((entry) => entry.name);
    this.resultTemplate = Object.fromEntries(this.resultFields.map((name) => [name, null]));
    const activeSlots = Int32Array.from(
      model.miningFields
        .filter((spec) => spec.usageType === 'active')
        .map((spec) => model.scope.resolve(spec.name, spec.element.where).slot),
    );
    this.prepare = compileRecordPreparer(activeSlots, layout);
    this.context = layout.newContext();
  }

  /**
   * Scores one record given as field name → value (numbers, strings, booleans; null, undefined
   * or '' for missing). Throws a PmmlError when the record cannot be scored.
   */
  score(record: Readonly<Record<string, unknown>>): ScoreResult {
    const values = this.context.values;
    this.evaluate(record);
    // Copying a template gives every result the same shape, with the keys in place.
    const result: ScoreResult = { ...this.resultTemplate };
    const prediction = this.lastPrediction;
    const entries = this.resultSlots;
    for (let index = 0; index < entries.length; index++) {
      const entry = entries[index];
      result[entry.name] = entry.target
        ? this.targetValue(entry.name, prediction)
        : values[entry.slot];
    }
    return result;
  }

  /** Scores many records; a record that cannot be scored gets an error, the others are scored. */
  scoreBatch(records: readonly Readonly<Record<string, unknown>>[]): BatchResult {
    const results: (ScoreResult | null)[] = new Array<ScoreResult | null>(records.length);
    const errors: (PmmlError | null)[] = new Array<PmmlError | null>(records.length).fill(null);
    for (let index = 0; index < records.length; index++) {
      try {
        results[index] = this.score(records[index]);
      } catch (error) {
        results[index] = null;
        errors[index] = asPmmlError(error);
      }
    }
    return { results, errors };
  }

  /**
   * Scores records given column-wise (input name → values, all `rowCount` long) into result
   * columns, without building an object per record. Failed records have null in every column.
   */
  scoreColumns(
    columns: Readonly<Record<string, ArrayLike<unknown>>>,
    rowCount: number,
  ): ColumnarResult {
    const names = Object.keys(columns);
    const sources = names.map((name) => columns[name]);
    const output: Record<string, Value[]> = {};
    const targets = this.resultSlots.map((entry) => {
      const values = new Array<Value>(rowCount);
      output[entry.name] = values;
      return values;
    });
    const errors: (PmmlError | null)[] = new Array<PmmlError | null>(rowCount).fill(null);
    this.scoreRows(names, sources, rowCount, targets, errors);
    return { columns: output, errors };
  }

  // The loop lives apart from scoreColumns so that the optimised loop (entered on stack
  // replacement during the first call) never runs into code without type feedback: that
  // made V8 drop the optimised code at the end of every call.
  private scoreRows(
    names: readonly string[],
    sources: readonly ArrayLike<unknown>[],
    rowCount: number,
    targets: Value[][],
    errors: (PmmlError | null)[],
  ): void {
    // Each field starts with its column's first value, so that a column of numbers gets a
    // number field that V8 updates in place instead of boxing every value anew.
    const row: Record<string, unknown> = Object.fromEntries(
      names.map((name, column) => [name, rowCount > 0 ? sources[column][0] : null]),
    );
    const fill = this.rowFiller(names);
    const entries = this.resultSlots;
    const values = this.context.values;
    for (let index = 0; index < rowCount; index++) {
      fill(row, sources, index);
      try {
        this.evaluate(row);
        const prediction = this.lastPrediction;
        for (let entry = 0; entry < entries.length; entry++) {
          const { name, slot, target } = entries[entry];
          targets[entry][index] = target ? this.targetValue(name, prediction) : values[slot];
        }
      } catch (error) {
        errors[index] = asPmmlError(error);
        for (const target of targets) target[index] = null;
      }
    }
  }

  private rowFiller(names: readonly string[]): RowFiller {
    const key = JSON.stringify(names);
    let filler = this.rowFillers.get(key);
    if (filler === undefined) {
      if (this.rowFillers.size >= MAX_ROW_FILLERS) this.rowFillers.clear();
      filler = compileRowFiller(names);
      this.rowFillers.set(key, filler);
    }
    return filler;
  }

  private lastPrediction: ReturnType<CompiledModelElement['evaluate']> = null;

  private evaluate(record: Readonly<Record<string, unknown>>): void {
    const context = this.context;
    context.nextRecord();
    context.input = record;
    // Every active input is read first, so an invalid value fails the record even when the
    // model would not have looked at it (as JPMML prepares all arguments).
    this.prepare(context, record);
    this.lastPrediction = this.evaluateModel(context);
  }

  private targetValue(
    name: string,
    prediction: ReturnType<CompiledModelElement['evaluate']>,
  ): Value {
    if (!prediction) return null;
    if (name === this.primaryTarget) return prediction.value;
    return prediction.otherTargets?.get(name) ?? null;
  }
}
