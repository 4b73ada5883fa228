import { Injectable } from '@nestjs/common';
import { Histogram } from 'prom-client';
import { MetricsService } from '../../core/metrics/metrics.service';

/** Prometheus figures of the triggers, on the app's own registry. */
@Injectable()
export class TriggerMetrics {
  private readonly lateness: Histogram;

  constructor(metrics: MetricsService) {
    this.lateness = new Histogram({
      name: 'scorecast_trigger_lateness_seconds',
      help: 'How long after its scheduled time a fire of the schedule was handed to the execution engine',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 60],
      registers: [metrics.registry],
    });
  }

  fired(scheduled: Date, at: number): void {
    this.lateness.observe(Math.max(0, at - scheduled.getTime()) / 1000);
  }
}
