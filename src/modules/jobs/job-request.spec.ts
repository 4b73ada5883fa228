import { type JobLookups, readJobRequest, safeText } from './job-request';

const NOW = new Date('2026-11-23T12:00:00.000Z');

function lookups(overrides: Partial<JobLookups> = {}): JobLookups {
  return {
    modelTarget: (name) =>
      Promise.resolve(
        name === 'DecisionTreeClassifier'
          ? {
              models: [{ name, isActive: true }],
              inputs: ['accelerationX', 'accelerationY', 'accelerationZ'],
            }
          : undefined,
      ),
    deviceOrGroupExists: (id) => Promise.resolve(id === 15889549),
    cronProblem: () => undefined,
    ...overrides,
  };
}

// The create-job example of the Zementis Jobs API, with dates moved around NOW.
const EXAMPLE = {
  jobName: 'ActivityDetectionJob',
  jobDescription: 'Detect activities',
  modelOrGroup: 'DecisionTreeClassifier',
  groupOrDeviceId: 15889549,
  applyAllModels: false,
  modelToDeviceMappings: {
    accelerationY: 'c8y_Acceleration.accelerationY.value',
    accelerationX: 'c8y_Acceleration.accelerationX.value',
    accelerationZ: 'c8y_Acceleration.accelerationZ.value',
  },
  jobSchedule: {
    frequency: 'once',
    scheduleAt: '2026-11-23T17:42:00.000Z',
    dataFrom: '2026-11-22T10:20:00.000Z',
    dataTo: '2026-11-23T10:20:00.000Z',
  },
};

describe('readJobRequest', () => {
  it('reads the documented example', async () => {
    const result = await readJobRequest(EXAMPLE, NOW, lookups());
    expect(result.problems).toEqual([]);
    expect(result.job).toMatchObject({
      jobName: 'ActivityDetectionJob',
      groupOrDeviceId: 15889549,
      applyAllModels: false,
      jobSchedule: { frequency: 'once', scheduleAt: new Date('2026-11-23T17:42:00.000Z') },
    });
  });

  it('accepts the older field spellings', async () => {
    const { modelOrGroup, groupOrDeviceId, applyAllModels, ...rest } = EXAMPLE;
    const result = await readJobRequest(
      {
        ...rest,
        associatedModel: modelOrGroup,
        associatedGroupOrDeviceId: String(groupOrDeviceId),
        applyToAllModels: applyAllModels,
      },
      NOW,
      lookups(),
    );
    expect(result.problems).toEqual([]);
    expect(result.job).toMatchObject({ modelOrGroup, groupOrDeviceId, applyAllModels });
  });

  it('turns unsafe characters of name and description into underscores', async () => {
    const result = await readJobRequest(
      { ...EXAMPLE, jobName: 'Pumps <Hall 7>', jobDescription: 'x"y/z' },
      NOW,
      lookups(),
    );
    expect(result.job).toMatchObject({ jobName: 'Pumps _Hall 7_', jobDescription: 'x_y_z' });
    expect(safeText('Zähler #3 (Süd), 2.5: ok')).toBe('Zähler #3 (Süd), 2.5: ok');
  });

  it('gives the documented 404 text for an unknown device, alone', async () => {
    const result = await readJobRequest({ ...EXAMPLE, groupOrDeviceId: 123456 }, NOW, lookups());
    expect(result.problems).toEqual([
      'Device or group with id 123456 does not exist or it is invalid',
    ]);
    expect(result.deviceNotFound).toBe(
      'Device or group with id 123456 does not exist or it is invalid',
    );
  });

  it('reports every problem together', async () => {
    const result = await readJobRequest(
      {
        jobDescription: 'Detect activities',
        modelOrGroup: 'DecisionTreeClassifier',
        groupOrDeviceId: 15889549,
        modelToDeviceMappings: {
          accelerationX: 'c8y_Acceleration.accelerationX',
          rssi: 'c8y_SignalStrengthWifi.rssi.value',
        },
        jobSchedule: { ...EXAMPLE.jobSchedule, frequency: 'invalid' },
      },
      NOW,
      lookups(),
    );
    expect(result.job).toBeUndefined();
    expect(result.problems).toEqual([
      'jobName is required.',
      "modelToDeviceMappings: 'accelerationX' must map to a measurement series written fragment.series.value, such as c8y_Acceleration.accelerationX.value.",
      "modelToDeviceMappings: 'rssi' is not an input field of 'DecisionTreeClassifier'.",
      "modelToDeviceMappings must map every input of 'DecisionTreeClassifier'; missing: accelerationX, accelerationY, accelerationZ.",
      'frequency can be either once or periodic.',
    ]);
  });

  it('refuses an unknown or inactive model', async () => {
    const unknown = await readJobRequest({ ...EXAMPLE, modelOrGroup: 'Nope' }, NOW, lookups());
    expect(unknown.problems).toEqual(["Model or model group 'Nope' not found."]);
    const inactive = await readJobRequest(
      EXAMPLE,
      NOW,
      lookups({
        modelTarget: () =>
          Promise.resolve({
            models: [{ name: 'DecisionTreeClassifier', isActive: false }],
            inputs: ['accelerationX', 'accelerationY', 'accelerationZ'],
          }),
      }),
    );
    expect(inactive.problems).toEqual([
      "Model 'DecisionTreeClassifier' is not active; activate it before scheduling a job with it.",
    ]);
  });

  it('passes the cron parser’s reason on for a periodic job', async () => {
    const result = await readJobRequest(
      {
        ...EXAMPLE,
        jobSchedule: {
          frequency: 'periodic',
          cronExpression: '0 0 * * *',
          dataFromPreviousNSeconds: 60,
          timeZone: 'Europe/Berlin',
        },
      },
      NOW,
      lookups({ cronProblem: () => 'it has 5 fields; Quartz needs 6 or 7.' }),
    );
    expect(result.problems).toEqual([
      'cronExpression is not a valid Quartz cron expression: it has 5 fields; Quartz needs 6 or 7.',
    ]);
  });

  it('asks for a JSON object', async () => {
    expect((await readJobRequest([], NOW, lookups())).problems).toEqual([
      'The request body must be a JSON object describing the job.',
    ]);
  });
});
