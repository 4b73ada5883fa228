import { performance } from 'node:perf_hooks';
import type { PmmlError } from '@scorecast/pmml';
import type { ActiveModel } from '../models.service';
import type { ChunkResults } from './batch-output';
import type { RecordColumns } from './record-columns';
import type { ScoringMetrics } from './scoring-metrics';

/**
 * Scores chunks of records with one model or with every member of a group, and keeps what the
 * answer and the metrics need: how many records failed, the first failure's message, and each
 * model's time in the engine.
 */
export class ChunkScorer {
  failedRecords = 0;
  firstError: string | undefined;
  private records = 0;
  private readonly seconds: number[];

  /** `nameModels`: prefix failure messages with the model (a group has several). */
  constructor(
    private readonly models: readonly ActiveModel[],
    private readonly nameModels: boolean,
  ) {
    this.seconds = models.map(() => 0);
  }

  /** Every model's result columns for the chunk, in the order of the models. */
  score(chunk: RecordColumns): ChunkResults {
    const inputs = chunk.columns();
    const count = chunk.count;
    const errors: (PmmlError | null)[][] = [];
    const results = this.models.map((model, index) => {
      const started = performance.now();
      const scored = model.compiled.scoreColumns(inputs, count);
      this.seconds[index] += (performance.now() - started) / 1000;
      errors.push(scored.errors);
      return scored.columns;
    });
    for (let row = 0; row < count; row++) {
      let failed = 0;
      while (failed < errors.length && errors[failed][row] === null) failed++;
      if (failed === errors.length) continue;
      this.failedRecords++;
      const message = (errors[failed][row] as PmmlError).message;
      this.firstError ??= this.nameModels
        ? `Model '${this.models[failed].name}': ${message}`
        : message;
    }
    this.records += count;
    return results;
  }

  /** Reports the call to the metrics: per model, the records it scored and its time. */
  report(metrics: ScoringMetrics): void {
    this.models.forEach((model, index) =>
      metrics.recordCall(model.name, this.records, this.seconds[index]),
    );
  }
}
