import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { MetricsService } from '../../core/metrics/metrics.service';

/** Prometheus figures of the executions, on the app's own registry. */
@Injectable()
export class ExecutionMetrics {
  private readonly executions: Counter<'status'>;
  private readonly duration: Histogram<'status'>;
  private readonly recordsScored: Counter;

  constructor(metrics: MetricsService) {
    this.executions = new Counter({
      name: 'scorecast_executions_total',
      help: 'Executions that ended, by final status (skipped fires count as Cancelled)',
      labelNames: ['status'] as const,
      registers: [metrics.registry],
    });
    this.duration = new Histogram({
      name: 'scorecast_execution_duration_seconds',
      help: 'Time from the start of an execution to its end, by final status',
      labelNames: ['status'] as const,
      buckets: [0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600],
      registers: [metrics.registry],
    });
    this.recordsScored = new Counter({
      name: 'scorecast_execution_records_scored_total',
      help: 'Records scored by executions, counted once per model that scored them',
      registers: [metrics.registry],
    });
  }

  ended(status: string, durationMs: number): void {
    this.executions.inc({ status });
    this.duration.observe({ status }, durationMs / 1000);
  }

  scored(records: number): void {
    this.recordsScored.inc(records);
  }
}
