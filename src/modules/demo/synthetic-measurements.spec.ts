import {
  DEMO_DEVICE_PROFILES,
  type DayOptions,
  injectedAnomalies,
  MOTION_INPUTS,
  MOTION_SERIES,
  motionChunks,
  type MotionSample,
  motionSamplesAt,
  SECONDS_PER_DAY,
} from './synthetic-measurements';

const START = Date.UTC(2026, 10, 22, 10, 15);

const day = (deviceIndex: number, overrides: Partial<DayOptions> = {}): DayOptions => ({
  profile: DEMO_DEVICE_PROFILES[deviceIndex],
  start: START,
  anomalies: injectedAnomalies(deviceIndex),
  ...overrides,
});

function wholeDay(options: DayOptions): MotionSample[] {
  return [...motionChunks(options, 3600)].flat();
}

// How far the acceleration is from gravity alone, in g.
const offGravity = (sample: MotionSample): number =>
  Math.abs(Math.hypot(sample.accelerationX, sample.accelerationY, sample.accelerationZ) - 1);

const mean = (values: number[]): number =>
  values.reduce((sum, value) => sum + value, 0) / values.length;

describe('synthetic measurements', () => {
  let samples: MotionSample[];

  beforeAll(() => {
    samples = wholeDay(day(0));
  });

  it('gives a day at 1 Hz from the start, in chunks of the asked size', () => {
    const chunks = [...motionChunks(day(0, { seconds: 1500 }), 600)];

    expect(chunks.map((chunk) => chunk.length)).toEqual([600, 600, 300]);
    expect(samples).toHaveLength(SECONDS_PER_DAY);
    expect(samples[0].time).toBe(START);
    expect(samples[SECONDS_PER_DAY - 1].time).toBe(START + (SECONDS_PER_DAY - 1) * 1000);
    expect(samples.every((sample, index) => sample.time === START + index * 1000)).toBe(true);
  });

  it('gives the same readings for the same device and seed, whatever the chunk size', () => {
    const again = [...motionChunks(day(0, { seconds: 5000 }), 777)].flat();
    const otherSeed = [...motionChunks(day(0, { seconds: 5000, seed: 7 }), 777)].flat();

    expect(again).toEqual(samples.slice(0, 5000));
    expect(otherSeed).not.toEqual(samples.slice(0, 5000));
  });

  it('stores the six series as c8y_Acceleration (g) and c8y_Gyroscope (deg/s)', () => {
    expect(
      MOTION_SERIES.map(({ fragment, series, unit }) => `${fragment}.${series} ${unit}`),
    ).toEqual([
      'c8y_Acceleration.accelerationX g',
      'c8y_Acceleration.accelerationY g',
      'c8y_Acceleration.accelerationZ g',
      'c8y_Gyroscope.gyroX deg/s',
      'c8y_Gyroscope.gyroY deg/s',
      'c8y_Gyroscope.gyroZ deg/s',
    ]);
  });

  it('injects four shocks, a drift and a stuck sensor at fixed seconds, shifted per device', () => {
    const kinds = (index: number): string[] => injectedAnomalies(index).map((a) => a.kind);
    expect(kinds(0)).toEqual(['shock', 'shock', 'drift', 'shock', 'stuck', 'shock']);
    expect(injectedAnomalies(0)[0]).toEqual({ kind: 'shock', from: 11_520, to: 11_523 });
    expect(injectedAnomalies(2)[0]).toEqual({ kind: 'shock', from: 12_360, to: 12_363 });
    expect(injectedAnomalies(1).find((a) => a.kind === 'drift')).toEqual({
      kind: 'drift',
      from: 41_400,
      to: 48_600,
    });
    expect(injectedAnomalies(1).find((a) => a.kind === 'stuck')).toEqual({
      kind: 'stuck',
      from: 64_200,
      to: 65_400,
    });
  });

  it('stays within half a g of gravity outside the faults, and far beyond it in a shock', () => {
    const anomalies = injectedAnomalies(0);
    const faulty = (second: number): boolean =>
      anomalies.some((anomaly) => second >= anomaly.from && second < anomaly.to);
    const ordinary = samples.filter((_, second) => !faulty(second));
    const shocks = anomalies.filter((anomaly) => anomaly.kind === 'shock');

    expect(Math.max(...ordinary.map(offGravity))).toBeLessThan(0.5);
    for (const shock of shocks) {
      expect(offGravity(samples[shock.from])).toBeGreaterThan(2);
      expect(
        Math.hypot(samples[shock.from].gyroX, samples[shock.from].gyroY, samples[shock.from].gyroZ),
      ).toBeGreaterThan(200);
    }
  });

  it('repeats the last reading while the sensor is stuck', () => {
    const stuck = injectedAnomalies(0).find((anomaly) => anomaly.kind === 'stuck')!;
    const before = samples[stuck.from - 1];
    const during = samples.slice(stuck.from, stuck.to);

    expect(during).toHaveLength(1200);
    for (const sample of during) {
      expect(MOTION_INPUTS.map((input) => sample[input])).toEqual(
        MOTION_INPUTS.map((input) => before[input]),
      );
    }
    expect(samples[stuck.to].accelerationX).not.toBe(before.accelerationX);
  });

  it('drifts accelerationX by about 0.3 g and gyroZ by about 4 deg/s over the drift', () => {
    const drift = injectedAnomalies(0).find((anomaly) => anomaly.kind === 'drift')!;
    const hourBefore = samples.slice(drift.from - 3600, drift.from);
    const lastTenMinutes = samples.slice(drift.to - 600, drift.to);
    const shift = (input: 'accelerationX' | 'gyroZ'): number =>
      mean(lastTenMinutes.map((sample) => sample[input])) -
      mean(hourBefore.map((sample) => sample[input]));

    expect(shift('accelerationX')).toBeGreaterThan(0.25);
    expect(shift('accelerationX')).toBeLessThan(0.35);
    expect(shift('gyroZ')).toBeGreaterThan(3);
  });

  it('injects nothing when asked for fault-free data', () => {
    const clean = wholeDay(day(0, { anomalies: [] }));

    expect(Math.max(...clean.map(offGravity))).toBeLessThan(0.5);
  });

  it('picks the samples at given seconds, the same as the whole day has there', () => {
    expect(motionSamplesAt(day(0), [11_520, 5])).toEqual([samples[11_520], samples[5]]);
  });
});
