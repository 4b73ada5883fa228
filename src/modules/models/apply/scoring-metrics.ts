import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { MetricsService } from '../../../core/metrics/metrics.service';

/** Prometheus figures of the apply endpoints, per model, on the app's own registry. */
@Injectable()
export class ScoringMetrics {
  private readonly recordsScored: Counter<'model'>;
  private readonly scoringSeconds: Histogram<'model'>;

  constructor(metrics: MetricsService) {
    this.recordsScored = new Counter({
      name: 'scorecast_model_records_scored_total',
      help: 'Records a model scored through the apply endpoints, including those that failed',
      labelNames: ['model'] as const,
      registers: [metrics.registry],
    });
    this.scoringSeconds = new Histogram({
      name: 'scorecast_model_scoring_seconds',
      help: 'Time a model spent scoring one apply call (a single record or a whole batch)',
      labelNames: ['model'] as const,
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30],
      registers: [metrics.registry],
    });
  }

  /** Counts one call of `model`: `records` scored in `seconds` of engine time. */
  recordCall(model: string, records: number, seconds: number): void {
    this.recordsScored.inc({ model }, records);
    this.scoringSeconds.observe({ model }, seconds);
  }
}
