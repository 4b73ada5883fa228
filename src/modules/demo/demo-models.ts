import { isolationForestPmml } from './isolation-forest-pmml';
import { type IsolationForest, trainIsolationForest } from './isolation-forest-trainer';
import { motionStatePmml, vibrationLevelPmml } from './sample-models';
import {
  DEMO_DEVICE_PROFILES,
  MOTION_INPUTS,
  motionChunks,
  SECONDS_PER_DAY,
} from './synthetic-measurements';

export const DEMO_FOREST = 'DemoAnomalyForest';
export const DEMO_VIBRATION_LEVEL = 'DemoVibrationLevel';
export const DEMO_MOTION_STATE = 'DemoMotionState';
/** The three models take the same six inputs, so they make a group; the forest is primary. */
export const DEMO_MODEL_GROUP = 'DemoMotionModels';

/**
 * The forest calls the most abnormal 2% of its fault-free training data outliers, as
 * scikit-learn's IsolationForest(contamination=0.02) does, so that an alarm means something.
 * With contamination 'auto' (an offset of -0.5 whatever the data, JPMML's 0.5 constant) it
 * flagged a fifth of all ordinary readings of this data (a quarter of those of a running
 * device), which buried the injected faults among false alarms.
 */
const FOREST_CONTAMINATION = 0.02;
const FOREST_TREES = 100;
const FOREST_MAX_SAMPLES = 256;
const FOREST_SEED = 20_240_611;
// Every 13th second of a fault-free day of each device: about 20,000 rows, all phases of the
// duty cycle; another draw of the noise than the seeded measurements.
const TRAINING_STRIDE = 13;
const TRAINING_SEED_OFFSET = 1000;

/** Fault-free readings of the demo devices, one row of the six inputs each. */
function forestTrainingRows(): number[][] {
  const rows: number[][] = [];
  let second = 0;
  for (const profile of DEMO_DEVICE_PROFILES) {
    const day = { profile, start: 0, anomalies: [], seed: profile.seed + TRAINING_SEED_OFFSET };
    for (const chunk of motionChunks(day, SECONDS_PER_DAY / 24)) {
      for (const sample of chunk) {
        if (second++ % TRAINING_STRIDE === 0) {
          rows.push(MOTION_INPUTS.map((input) => sample[input]));
        }
      }
    }
  }
  return rows;
}

function trainDemoForest(): IsolationForest {
  return trainIsolationForest(MOTION_INPUTS, forestTrainingRows(), {
    trees: FOREST_TREES,
    maxSamples: FOREST_MAX_SAMPLES,
    contamination: FOREST_CONTAMINATION,
    seed: FOREST_SEED,
  });
}

export interface DemoModel {
  name: string;
  /** Writes the PMML document (the forest is trained on the way, in about a second). */
  pmml(): string;
}

/** The demo's models; their documents are deterministic, the same text on every run. */
export function demoModels(): DemoModel[] {
  return [
    {
      name: DEMO_FOREST,
      pmml: () =>
        isolationForestPmml(trainDemoForest(), {
          modelName: DEMO_FOREST,
          description: `IsolationForest(n_estimators=${FOREST_TREES}, max_samples=${FOREST_MAX_SAMPLES}, contamination=${FOREST_CONTAMINATION}) trained by Scorecast on fault-free synthetic IMU data`,
        }),
    },
    { name: DEMO_VIBRATION_LEVEL, pmml: () => vibrationLevelPmml(DEMO_VIBRATION_LEVEL) },
    { name: DEMO_MOTION_STATE, pmml: () => motionStatePmml(DEMO_MOTION_STATE) },
  ];
}
