import { DEMO_FOREST, DEMO_MODEL_GROUP } from './demo-models';
import type { DemoSummary } from './demo-seeder';
import { demoInstructions, exampleCsv } from './demo-summary';
import { injectedAnomalies } from './synthetic-measurements';

const FROM = Date.UTC(2026, 10, 22, 10, 15);

const SUMMARY: DemoSummary = {
  group: { id: 1, name: 'Demo plant', created: true },
  subgroup: { id: 2, name: 'Demo press line', created: false },
  devices: ['Demo press 1', 'Demo press 2', 'Demo conveyor'].map((name, index) => ({
    id: 3 + index,
    name,
    created: true,
    from: FROM,
    valuesWritten: 518_400,
    anomalies: injectedAnomalies(index),
  })),
  seconds: 86_400,
  models: [{ name: DEMO_FOREST, created: true }],
  modelGroup: {
    name: DEMO_MODEL_GROUP,
    created: true,
    models: [DEMO_FOREST],
    primaryModel: DEMO_FOREST,
  },
  jobs: [
    { name: 'Demo anomaly scan', id: 7, created: true },
    { name: 'Demo hourly motion check', skipped: 'Model or model group was changed.' },
  ],
};

const OPTIONS = { baseUrl: 'http://localhost:8080', basePath: '/service/zementis' };

describe('demo instructions', () => {
  it('gives an ordinary reading and a shock of the first device as CSV', () => {
    const [header, ordinary, shock, end] = exampleCsv(SUMMARY).split('\n');
    const offGravity = (row: string): number => {
      const [x, y, z] = row.split(',').map(Number);
      return Math.abs(Math.hypot(x, y, z) - 1);
    };

    expect(header).toBe('accelerationX,accelerationY,accelerationZ,gyroX,gyroY,gyroZ');
    expect(offGravity(ordinary)).toBeLessThan(0.3);
    expect(offGravity(shock)).toBeGreaterThan(2);
    expect(end).toBe('');
  });

  it('lists the objects with their ids and the faults at their times (UTC)', () => {
    const text = demoInstructions(SUMMARY, OPTIONS).join('\n');

    expect(text).toContain('Demo plant (id 1, created)');
    expect(text).toContain('Demo press line (id 2, already there)');
    expect(text).toContain(
      'Demo conveyor (id 5, created): 518,400 values written, 1 Hz from 2026-11-22 10:15',
    );
    // The first shock of the first device is at second 11,520 of its day: 3 h 12 min in.
    expect(text).toContain('shocks at 2026-11-22 13:27');
    expect(text).toContain('drift 2026-11-22 21:15 to 2026-11-22 23:15');
  });

  it('shows curl commands against the service, with the token or the command that makes one', () => {
    const withToken = demoInstructions(SUMMARY, { ...OPTIONS, token: 'abc.def.ghi' });
    const without = demoInstructions(SUMMARY, OPTIONS);

    expect(withToken).toContain('  TOKEN=abc.def.ghi');
    expect(without).toContain(
      '  TOKEN=$(npx scorecast token --roles ADMIN)   # or a token of your identity provider',
    );
    const text = without.join('\n');
    expect(text).toContain(
      `'http://localhost:8080/measurement/measurements?source=3&revert=true&pageSize=3'`,
    );
    expect(text).toContain(`http://localhost:8080/service/zementis/apply/${DEMO_FOREST}`);
    expect(text).toContain(
      `http://localhost:8080/service/zementis/pmml/apply-group/${DEMO_MODEL_GROUP}`,
    );
  });

  it('says why the model group is missing, and offers no group command then', () => {
    const text = demoInstructions(
      { ...SUMMARY, modelGroup: { name: DEMO_MODEL_GROUP, skipped: 'Model X is gone.' } },
      OPTIONS,
    ).join('\n');

    expect(text).toContain(`model group  ${DEMO_MODEL_GROUP} not made: Model X is gone.`);
    expect(text).not.toContain('apply-group');
  });

  it('lists the example jobs and how to follow the first one that was made', () => {
    const text = demoInstructions(SUMMARY, OPTIONS).join('\n');

    expect(text).toContain('job          Demo anomaly scan (id 7, created)');
    expect(text).toContain(
      'job          Demo hourly motion check not made: Model or model group was changed.',
    );
    expect(text).toContain('/service/zementis/job/7/history/1/inferences');
  });
});
