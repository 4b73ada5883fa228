import { Inject, Injectable } from '@nestjs/common';
import type { Value } from '@scorecast/pmml';
import type { AppConfig } from '../../../core/config/app-config';
import { APP_CONFIG } from '../../../core/config/app-config.provider';
import { ValidationError } from '../../../core/errors/domain-errors';
import { ModelGroupsService } from '../model-groups.service';
import { type ActiveModel, ModelsService } from '../models.service';
import { type BatchFormat, batchFormatOf } from './batch-format';
import { recordParseError } from './batch-reader';
import { type ApplySubject, batchOutput } from './batch-output';
import { type BodyStream, readBodyText } from './body-text';
import { ChunkScorer } from './chunk-scorer';
import { RecordColumns } from './record-columns';
import { ScoringMetrics } from './scoring-metrics';

/**
 * Records per engine call: large enough to amortise the call, small enough that a chunk's
 * inputs and results die young.
 */
const CHUNK_RECORDS = 4096;

/** The answer to one record: every result field of the model. */
export interface AppliedRecord {
  model: string;
  outputs: Record<string, Value>[];
}

/** The answer to a batch, complete, and how many of its records could not be scored. */
export interface AppliedBatch {
  readonly contentType: string;
  readonly body: Uint8Array[];
  readonly failedRecords: number;
  readonly firstError: string | undefined;
}

/** The `record` query parameter as a record: a JSON object. */
function recordParameter(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      const record: unknown = JSON.parse(value);
      if (typeof record === 'object' && record !== null && !Array.isArray(record)) {
        return record as Record<string, unknown>;
      }
    } catch {
      // Not JSON: answered below like any other value that is not an object.
    }
  }
  throw recordParseError(1);
}

/** Scoring records sent to the apply endpoints with a model, or with every model of a group. */
@Injectable()
export class ApplyService {
  constructor(
    private readonly models: ModelsService,
    private readonly groups: ModelGroupsService,
    private readonly metrics: ScoringMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Scores one record (the JSON text of an object); a record that fails is a 400. */
  async applyRecord(modelName: string, recordJson: unknown): Promise<AppliedRecord> {
    const model = await this.models.activeModel(modelName);
    const chunk = new RecordColumns();
    chunk.addObject(recordParameter(recordJson));
    const scorer = new ChunkScorer([model], false);
    const [columns] = scorer.score(chunk);
    scorer.report(this.metrics);
    if (scorer.firstError !== undefined) throw new ValidationError(scorer.firstError);
    const fields = model.compiled.resultFields;
    // JSON.stringify writes numbers that are not finite as null.
    return {
      model: model.name,
      outputs: [Object.fromEntries(fields.map((field) => [field, columns[field][0]]))],
    };
  }

  /** Scores a batch body with a model, answering in the body's format. */
  async applyBatch(
    modelName: string,
    body: BodyStream,
    contentType: string | undefined,
  ): Promise<AppliedBatch> {
    const format = batchFormatOf(contentType);
    const model = await this.models.activeModel(modelName);
    const subject: ApplySubject = {
      kind: 'model',
      model: { name: model.name, fields: model.compiled.resultFields },
    };
    return this.scoreBody(body, format, subject, [model]);
  }

  /** Scores a batch body with every model of a group, in the group's order. */
  async applyGroupBatch(
    groupName: string,
    body: BodyStream,
    contentType: string | undefined,
  ): Promise<AppliedBatch> {
    const format = batchFormatOf(contentType);
    const group = await this.groups.get(groupName);
    const models: ActiveModel[] = [];
    // One at a time, so that the first inactive member in the group's order is the one named.
    for (const name of group.models) models.push(await this.models.activeModel(name));
    const subject: ApplySubject = {
      kind: 'group',
      group: group.groupName,
      models: models.map((model) => ({ name: model.name, fields: model.compiled.resultFields })),
    };
    return this.scoreBody(body, format, subject, models);
  }

  /**
   * Reads the body while it arrives and scores it a chunk at a time. The answer is only kept
   * until the whole body was read: a record that cannot be parsed fails the request, with
   * nothing of the answer sent.
   */
  private async scoreBody(
    body: BodyStream,
    format: BatchFormat,
    subject: ApplySubject,
    models: readonly ActiveModel[],
  ): Promise<AppliedBatch> {
    const reader = format.newReader();
    const output = batchOutput(format.name, subject);
    const scorer = new ChunkScorer(models, subject.kind === 'group');
    let chunk = new RecordColumns();
    const scoreChunk = (): void => {
      if (chunk.count > 0) output.append(scorer.score(chunk), chunk.count);
      chunk = new RecordColumns();
    };
    try {
      await readBodyText(body, this.config.models.applyBodyLimitBytes, (text) => {
        reader.read(text, chunk);
        if (chunk.count >= CHUNK_RECORDS) scoreChunk();
      });
      reader.end(chunk);
      scoreChunk();
    } finally {
      scorer.report(this.metrics);
    }
    return {
      contentType: format.responseType,
      body: output.finish(),
      failedRecords: scorer.failedRecords,
      firstError: scorer.firstError,
    };
  }
}
