import { DEMO_FOREST, DEMO_MODEL_GROUP } from './demo-models';
import { MOTION_SERIES } from './synthetic-measurements';

/** A demo job: its request body, as a client would POST it. */
export interface DemoJobRequest {
  jobName: string;
  body: Record<string, unknown>;
}

/** The once job starts this long after seeding: soon, but after the service has its triggers. */
const SCAN_DELAY_MS = 30_000;
const SCAN_WINDOW_MS = 60 * 60 * 1000;

export const DEMO_SCAN_JOB = 'Demo anomaly scan';
export const DEMO_HOURLY_JOB = 'Demo hourly motion check';

const mappings = (): Record<string, string> =>
  Object.fromEntries(
    MOTION_SERIES.map((series) => [series.input, `${series.fragment}.${series.series}.value`]),
  );

const isoMs = (time: number): string => new Date(time).toISOString();

/**
 * The demo's example jobs on the demo group, whose measurements end at `dataEnd` (ms): the
 * isolation forest once over the last hour of data, half a minute from `now`, and every model
 * of the demo group at the top of each hour over the hour before.
 */
export function demoJobRequests(groupId: number, dataEnd: number, now: Date): DemoJobRequest[] {
  return [
    {
      jobName: DEMO_SCAN_JOB,
      body: {
        jobName: DEMO_SCAN_JOB,
        jobDescription: 'The isolation forest over the last hour of the demo data, once.',
        modelOrGroup: DEMO_FOREST,
        groupOrDeviceId: groupId,
        modelToDeviceMappings: mappings(),
        jobSchedule: {
          frequency: 'once',
          scheduleAt: isoMs(now.getTime() + SCAN_DELAY_MS),
          dataFrom: isoMs(dataEnd - SCAN_WINDOW_MS),
          dataTo: isoMs(dataEnd),
        },
      },
    },
    {
      jobName: DEMO_HOURLY_JOB,
      body: {
        jobName: DEMO_HOURLY_JOB,
        jobDescription:
          'Every model of the demo group over the past hour, at the top of each hour.',
        modelOrGroup: DEMO_MODEL_GROUP,
        applyAllModels: true,
        groupOrDeviceId: groupId,
        modelToDeviceMappings: mappings(),
        jobSchedule: {
          frequency: 'periodic',
          cronExpression: '0 0 * * * ?',
          timeZone: 'UTC',
          dataFromPreviousNSeconds: SCAN_WINDOW_MS / 1000,
        },
      },
    },
  ];
}
