import type { Value } from '@scorecast/pmml';
import { CsvBytes, cellTexts, type ColumnCells, columnCells } from '../../../core/csv/csv-bytes';
import type { BatchFormatName } from './batch-format';

/** A model whose results go into the answer, with its result fields in order. */
export interface AppliedModel {
  readonly name: string;
  readonly fields: readonly string[];
}

/** What is applied: one model, or the members of a group in the group's order. */
export type ApplySubject =
  | { readonly kind: 'model'; readonly model: AppliedModel }
  | { readonly kind: 'group'; readonly group: string; readonly models: readonly AppliedModel[] };

/** One chunk's results: per applied model (in the subject's order), field name → values. */
export type ChunkResults = readonly Readonly<Record<string, readonly Value[]>>[];

/** The answer to a batch, built a chunk at a time and kept until the whole input was read. */
export interface BatchOutput {
  append(results: ChunkResults, count: number): void;
  /** The whole answer as consecutive pieces of bytes. */
  finish(): Uint8Array[];
}

export function batchOutput(format: BatchFormatName, subject: ApplySubject): BatchOutput {
  switch (format) {
    case 'csv':
      return new CsvOutput(subject);
    case 'json':
      return new JsonOutput(subject, true);
    case 'json-lines':
      return new JsonOutput(subject, false);
  }
}

function modelsOf(subject: ApplySubject): readonly AppliedModel[] {
  return subject.kind === 'model' ? [subject.model] : subject.models;
}

/** A result value as JSON; numbers that are not finite (NaN, ±Infinity) become null. */
export function jsonValue(value: Value): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  return JSON.stringify(value);
}

/**
 * CSV: a header of the result fields (`<model>.<field>` for a group), then one row per record,
 * a failed record's cells empty.
 */
class CsvOutput implements BatchOutput {
  private readonly out = new CsvBytes();
  private readonly models: readonly AppliedModel[];

  constructor(subject: ApplySubject) {
    this.models = modelsOf(subject);
    const header = this.models.flatMap((model) =>
      subject.kind === 'model'
        ? model.fields
        : model.fields.map((field) => `${model.name}.${field}`),
    );
    this.writeRows(
      header.map((name) => cellTexts([name])),
      1,
    );
  }

  append(results: ChunkResults, count: number): void {
    this.writeRows(
      this.models.flatMap((model, index) =>
        model.fields.map((field) => columnCells(results[index][field])),
      ),
      count,
    );
  }

  finish(): Uint8Array[] {
    return [this.out.view];
  }

  private writeRows(columns: readonly ColumnCells[], count: number): void {
    // CsvBytes needs a column; a model without result fields gives empty lines.
    if (columns.length === 0) this.out.text('\n'.repeat(count));
    else this.out.rows(columns, count);
  }
}

/**
 * JSON: `{"model": "X", "outputs": [...]}` (`"group"` for a group, each record then holding an
 * object per model), or JSON lines: one such record per line.
 */
class JsonOutput implements BatchOutput {
  private readonly pieces: Uint8Array[] = [];
  private readonly models: readonly AppliedModel[];
  /** Per model, per field: the field's JSON key followed by a colon. */
  private readonly keys: readonly (readonly string[])[];
  /** Per model: its name as a JSON key (groups only). */
  private readonly modelKeys: readonly string[] | undefined;
  private records = 0;

  constructor(
    subject: ApplySubject,
    private readonly asArray: boolean,
  ) {
    this.models = modelsOf(subject);
    this.keys = this.models.map((model) =>
      model.fields.map((field) => `${JSON.stringify(field)}:`),
    );
    this.modelKeys =
      subject.kind === 'group'
        ? this.models.map((model) => `${JSON.stringify(model.name)}:`)
        : undefined;
    if (asArray) {
      const owner =
        subject.kind === 'model'
          ? `"model":${JSON.stringify(subject.model.name)}`
          : `"group":${JSON.stringify(subject.group)}`;
      this.pieces.push(Buffer.from(`{${owner},"outputs":[`));
    }
  }

  append(results: ChunkResults, count: number): void {
    if (count === 0) return;
    const texts = new Array<string>(count);
    for (let row = 0; row < count; row++) texts[row] = this.recordText(results, row);
    const separator = this.asArray ? ',' : '\n';
    let text = texts.join(separator);
    if (this.asArray && this.records > 0) text = `,${text}`;
    if (!this.asArray) text += '\n';
    this.records += count;
    this.pieces.push(Buffer.from(text));
  }

  finish(): Uint8Array[] {
    return this.asArray ? [...this.pieces, Buffer.from(']}')] : this.pieces;
  }

  private recordText(results: ChunkResults, row: number): string {
    if (!this.modelKeys) return this.modelText(results, 0, row);
    let text = '{';
    for (let model = 0; model < this.models.length; model++) {
      if (model > 0) text += ',';
      text += this.modelKeys[model] + this.modelText(results, model, row);
    }
    return `${text}}`;
  }

  private modelText(results: ChunkResults, model: number, row: number): string {
    const { fields } = this.models[model];
    const keys = this.keys[model];
    const columns = results[model];
    let text = '{';
    for (let field = 0; field < fields.length; field++) {
      if (field > 0) text += ',';
      text += keys[field] + jsonValue(columns[fields[field]][row]);
    }
    return `${text}}`;
  }
}
