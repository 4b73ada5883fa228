import { MetricsService } from '../../../core/metrics/metrics.service';
import { ScoringMetrics } from './scoring-metrics';

describe('ScoringMetrics', () => {
  it("counts records and observes scoring time per model on the app's registry", async () => {
    const metrics = new MetricsService();
    const scoring = new ScoringMetrics(metrics);
    scoring.recordCall('A', 3, 0.002);
    scoring.recordCall('A', 2, 0.003);
    scoring.recordCall('B', 1, 0.5);
    const text = await metrics.registry.metrics();
    expect(text).toContain('scorecast_model_records_scored_total{model="A"} 5');
    expect(text).toContain('scorecast_model_records_scored_total{model="B"} 1');
    expect(text).toContain('scorecast_model_scoring_seconds_count{model="A"} 2');
    expect(text).toContain('scorecast_model_scoring_seconds_sum{model="B"} 0.5');
  });
});
