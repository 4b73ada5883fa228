import { compilePmml, type CompiledPmml } from '@scorecast/pmml';
import { DEMO_FOREST, DEMO_MOTION_STATE, DEMO_VIBRATION_LEVEL, demoModels } from './demo-models';
import {
  DEMO_DEVICE_PROFILES,
  injectedAnomalies,
  MOTION_INPUTS,
  motionChunks,
  type MotionSample,
  motionSamplesAt,
} from './synthetic-measurements';

const dayOf = (deviceIndex: number): MotionSample[] =>
  [
    ...motionChunks(
      {
        profile: DEMO_DEVICE_PROFILES[deviceIndex],
        start: 0,
        anomalies: injectedAnomalies(deviceIndex),
      },
      3600,
    ),
  ].flat();

describe('demo models', () => {
  const models = demoModels();
  const documents = new Map(models.map((model) => [model.name, model.pmml()]));
  const compiled = new Map<string, CompiledPmml>(
    [...documents].map(([name, text]) => [name, compilePmml(text)]),
  );
  const model = (name: string): CompiledPmml => compiled.get(name)!;
  // Device 0 runs from second 0 to 2700 of every hour and idles the rest.
  const [running, idle] = motionSamplesAt(
    { profile: DEMO_DEVICE_PROFILES[0], start: 0, anomalies: [] },
    [600, 3000],
  );
  const shockSecond = injectedAnomalies(0)[0].from;
  const shock = dayOf(0)[shockSecond];

  it('are named by their documents and take the same six double inputs, so they can form a group', () => {
    expect(models.map((entry) => entry.name)).toEqual([
      DEMO_FOREST,
      DEMO_VIBRATION_LEVEL,
      DEMO_MOTION_STATE,
    ]);
    for (const [name, pmml] of compiled) {
      expect(pmml.description.modelName).toBe(name);
      expect(pmml.inputFields.map((field) => `${field.name}:${field.dataType}`)).toEqual(
        MOTION_INPUTS.map((input) => `${input}:double`),
      );
    }
  });

  it('writes the same documents on every run', () => {
    expect(demoModels().map((entry) => entry.pmml())).toEqual([...documents.values()]);
  });

  it('scores the vibration level as 1000 × |‖a‖ − 1| + 5 × ‖ω‖', () => {
    for (const sample of [running, idle, shock]) {
      const expected =
        1000 *
          Math.abs(
            Math.hypot(sample.accelerationX, sample.accelerationY, sample.accelerationZ) - 1,
          ) +
        5 * Math.hypot(sample.gyroX, sample.gyroY, sample.gyroZ);
      expect(model(DEMO_VIBRATION_LEVEL).score(sample).vibrationLevel).toBeCloseTo(expected, 9);
    }
    expect(model(DEMO_VIBRATION_LEVEL).score(idle).vibrationLevel).toBeLessThan(15);
    expect(model(DEMO_VIBRATION_LEVEL).score(shock).vibrationLevel).toBeGreaterThan(1000);
  });

  it('classifies the motion state of a resting, a running and a shocked device', () => {
    const state = (sample: MotionSample): unknown =>
      model(DEMO_MOTION_STATE).score(sample).motionState;

    expect([state(idle), state(running), state(shock)]).toEqual(['rest', 'moving', 'shock']);
  });

  it('lets the isolation forest flag nearly every shock and few ordinary readings', () => {
    const forest = model(DEMO_FOREST);
    let shocks = 0;
    let shocksFlagged = 0;
    let ordinary = 0;
    let ordinaryFlagged = 0;
    for (const deviceIndex of DEMO_DEVICE_PROFILES.keys()) {
      const anomalies = injectedAnomalies(deviceIndex);
      dayOf(deviceIndex).forEach((sample, second) => {
        const anomaly = anomalies.find((fault) => second >= fault.from && second < fault.to);
        if (anomaly?.kind === 'shock' && second === anomaly.from) {
          shocks++;
          if (forest.score(sample).outlier === true) shocksFlagged++;
        } else if (!anomaly && second % 10 === 0) {
          ordinary++;
          if (forest.score(sample).outlier === true) ordinaryFlagged++;
        }
      });
    }

    expect(shocks).toBe(12);
    expect(shocksFlagged).toBe(12);
    expect(ordinaryFlagged / ordinary).toBeLessThan(0.05);
    expect(ordinary).toBeGreaterThan(20_000);
  });
});
