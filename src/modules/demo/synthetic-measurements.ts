import { gaussian, type Random, seededRandom } from './seeded-random';

/** The inputs of every demo model, one per measured series. */
export const MOTION_INPUTS = [
  'accelerationX',
  'accelerationY',
  'accelerationZ',
  'gyroX',
  'gyroY',
  'gyroZ',
] as const;

export type MotionInput = (typeof MOTION_INPUTS)[number];

/** One reading of the six series. */
export type MotionRecord = Record<MotionInput, number>;

/** A reading and when it was taken (ms since 1970). */
export type MotionSample = MotionRecord & { time: number };

export interface MotionSeries {
  input: MotionInput;
  fragment: string;
  series: string;
  unit: string;
}

/** Where each input is stored, as a Cumulocity IMU would send it. */
export const MOTION_SERIES: readonly MotionSeries[] = MOTION_INPUTS.map((input) =>
  input.startsWith('acceleration')
    ? { input, fragment: 'c8y_Acceleration', series: input, unit: 'g' }
    : { input, fragment: 'c8y_Gyroscope', series: input, unit: 'deg/s' },
);

/** The type of the measurements: both fragments of one instant form one measurement. */
export const MOTION_MEASUREMENT_TYPE = 'c8y_MotionMeasurement';

export const SECONDS_PER_DAY = 86_400;
export const SAMPLE_INTERVAL_MS = 1000;

/** How one demo device is mounted and runs. */
export interface DeviceProfile {
  /** Mounting tilt, degrees. */
  rollDegrees: number;
  pitchDegrees: number;
  /** Constant offset of the gyroscope, deg/s. */
  gyroBias: readonly [number, number, number];
  /** Where in its hourly duty cycle (45 min running, 15 min idle) the day starts, seconds. */
  dutyPhase: number;
  /** Seed of its noise. */
  seed: number;
}

/** The three demo devices. */
export const DEMO_DEVICE_PROFILES: readonly DeviceProfile[] = [
  { rollDegrees: 2, pitchDegrees: -3, gyroBias: [0.2, -0.1, 0.05], dutyPhase: 0, seed: 101 },
  { rollDegrees: 9, pitchDegrees: 4, gyroBias: [-0.15, 0.1, 0.2], dutyPhase: 1200, seed: 202 },
  { rollDegrees: -5, pitchDegrees: 11, gyroBias: [0.05, 0.25, -0.2], dutyPhase: 2400, seed: 303 },
];

export type AnomalyKind = 'shock' | 'drift' | 'stuck';

/** An injected fault over seconds [from, to) of the day. */
export interface InjectedAnomaly {
  kind: AnomalyKind;
  from: number;
  to: number;
}

const SHOCK_SECONDS = [11_520, 34_920, 54_360, 77_040];
// Impact and ringing: the added acceleration (g) and rotation rate (deg/s) second by second.
const SHOCK_ACCELERATION = [4, -1.6, 0.6];
const SHOCK_ROTATION = [240, -90, 30];
const DRIFT_START = 39_600;
const DRIFT_SECONDS = 7_200;
// Bias at the end of a drift: a loosening mount or a failing sensor.
const DRIFT_ACCELERATION_X = 0.3;
const DRIFT_GYRO_Z = 4;
const STUCK_START = 63_000;
const STUCK_SECONDS = 1_200;

/**
 * The faults injected into a demo device's day, at fixed offsets shifted per device: four
 * shocks of 3 s, a 2 h drift of accelerationX and gyroZ, and 20 min of a stuck sensor (the last
 * reading repeated).
 */
export function injectedAnomalies(deviceIndex: number): InjectedAnomaly[] {
  const window = (kind: AnomalyKind, from: number, seconds: number): InjectedAnomaly => ({
    kind,
    from,
    to: from + seconds,
  });
  return [
    ...SHOCK_SECONDS.map((second) =>
      window('shock', second + deviceIndex * 420, SHOCK_ACCELERATION.length),
    ),
    window('drift', DRIFT_START + deviceIndex * 1800, DRIFT_SECONDS),
    window('stuck', STUCK_START + deviceIndex * 1200, STUCK_SECONDS),
  ].sort((a, b) => a.from - b.from);
}

export interface DayOptions {
  profile: DeviceProfile;
  /** Time of the first sample, ms since 1970. */
  start: number;
  /** Faults to inject; none for training data. */
  anomalies: readonly InjectedAnomaly[];
  /** Seconds to generate (a day by default). */
  seconds?: number;
  /** Overrides the profile's noise seed (training data is another draw of the same devices). */
  seed?: number;
}

const DUTY_CYCLE_SECONDS = 3600;
const RUNNING_SECONDS = 2700;
const DEGREES = Math.PI / 180;

// Sensor resolution: 0.1 mg and 0.001 deg/s, which also keeps the numbers short in CSV and JSON.
const toAcceleration = (value: number): number => Number(value.toFixed(4));
const toRotation = (value: number): number => Number(value.toFixed(3));

function randomDirection(random: Random): [number, number, number] {
  const x = gaussian(random);
  const y = gaussian(random);
  const z = gaussian(random);
  const length = Math.hypot(x, y, z) || 1;
  return [x / length, y / length, z / length];
}

/** Generates a device's readings one second at a time, for `motionChunks` and `motionSamplesAt`. */
function* motionSamples(options: DayOptions): Generator<MotionSample> {
  const { profile, start, anomalies } = options;
  const seconds = options.seconds ?? SECONDS_PER_DAY;
  const random = seededRandom(options.seed ?? profile.seed);
  let previous: MotionSample | undefined;
  let shockDirection: [number, number, number] = [0, 0, 1];
  let shockAxis: [number, number, number] = [0, 0, 1];
  for (let second = 0; second < seconds; second++) {
    const time = start + second * SAMPLE_INTERVAL_MS;
    const anomaly = anomalies.find((fault) => second >= fault.from && second < fault.to);
    if (anomaly?.kind === 'stuck' && previous) {
      previous = { ...previous, time };
      yield previous;
      continue;
    }
    const running = (second + profile.dutyPhase) % DUTY_CYCLE_SECONDS < RUNNING_SECONDS;
    // The mount breathes a little with the temperature over the day.
    const wobble = 0.3 * Math.sin((2 * Math.PI * second) / SECONDS_PER_DAY + profile.seed);
    const roll = (profile.rollDegrees + wobble) * DEGREES;
    const pitch = (profile.pitchDegrees - wobble) * DEGREES;
    const vibration = running ? 0.03 : 0.004;
    const rotation = running ? 1.5 : 0.1;
    const acceleration = [
      -Math.sin(pitch) + vibration * gaussian(random),
      Math.sin(roll) * Math.cos(pitch) + vibration * gaussian(random),
      Math.cos(roll) * Math.cos(pitch) + vibration * gaussian(random),
    ];
    const gyro = profile.gyroBias.map((bias) => bias + rotation * gaussian(random));
    if (anomaly?.kind === 'drift') {
      const progress = (second - anomaly.from) / (anomaly.to - anomaly.from);
      acceleration[0] += DRIFT_ACCELERATION_X * progress;
      gyro[2] += DRIFT_GYRO_Z * progress;
    } else if (anomaly?.kind === 'shock') {
      const step = second - anomaly.from;
      if (step === 0) {
        shockDirection = randomDirection(random);
        shockAxis = randomDirection(random);
      }
      for (let axis = 0; axis < 3; axis++) {
        acceleration[axis] += SHOCK_ACCELERATION[step] * shockDirection[axis];
        gyro[axis] += SHOCK_ROTATION[step] * shockAxis[axis];
      }
    }
    previous = {
      time,
      accelerationX: toAcceleration(acceleration[0]),
      accelerationY: toAcceleration(acceleration[1]),
      accelerationZ: toAcceleration(acceleration[2]),
      gyroX: toRotation(gyro[0]),
      gyroY: toRotation(gyro[1]),
      gyroZ: toRotation(gyro[2]),
    };
    yield previous;
  }
}

/**
 * A device's day at 1 Hz, deterministic for its profile (and seed), in chunks of `chunkSize`
 * samples, so that a day of several devices never sits in memory at once.
 */
export function* motionChunks(options: DayOptions, chunkSize = 600): Generator<MotionSample[]> {
  let chunk: MotionSample[] = [];
  for (const sample of motionSamples(options)) {
    chunk.push(sample);
    if (chunk.length === chunkSize) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** The samples at the given seconds of the day (for examples and tests). */
export function motionSamplesAt(options: DayOptions, seconds: readonly number[]): MotionSample[] {
  const wanted = new Set(seconds);
  const found = new Map<number, MotionSample>();
  const last = Math.max(...seconds);
  let second = 0;
  for (const sample of motionSamples({
    ...options,
    seconds: Math.min(last + 1, options.seconds ?? SECONDS_PER_DAY),
  })) {
    if (wanted.has(second)) found.set(second, sample);
    second++;
  }
  return seconds.flatMap((at) => {
    const sample = found.get(at);
    return sample ? [sample] : [];
  });
}
