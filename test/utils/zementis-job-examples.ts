// The job bodies of the Zementis Jobs API document (shared/seeds/zementis-jobs-api.md), as
// written there, and small PMML models with the inputs they map.

export const ACTIVITY_INPUTS = ['accelerationX', 'accelerationY', 'accelerationZ'];

export const ANOMALY_INPUTS = [
  'rssi',
  'accelerationY',
  'accelerationX',
  'accelerationZ',
  'air_pressure',
  'gyroX',
  'gyroY',
  'gyroZ',
  'lux',
  'compassX',
  'compassY',
  'compassZ',
];

/** POST /job, "201 - Created" request. */
export const ACTIVITY_REQUEST = {
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
    scheduleAt: '2020-03-18T17:42:00.000Z',
    dataFrom: '2020-02-26T10:20:00.000Z',
    dataTo: '2020-02-27T10:20:00.000Z',
  },
};

/** POST /job, "201 - Created" response (also the first job of GET /jobs). */
export const ACTIVITY_JOB = {
  jobId: 15898918,
  jobName: 'ActivityDetectionJob',
  jobDescription: 'Detect activities',
  jobCreationDate: '2020-03-18T17:41:25.901Z',
  modelOrGroup: 'DecisionTreeClassifier',
  applyAllModels: false,
  groupOrDeviceId: 15889549,
  modelToDeviceMappings: {
    accelerationY: 'c8y_Acceleration.accelerationY.value',
    accelerationX: 'c8y_Acceleration.accelerationX.value',
    accelerationZ: 'c8y_Acceleration.accelerationZ.value',
  },
  jobSchedule: {
    frequency: 'once',
    cronExpression: '',
    timeZone: 'Asia/Kolkata',
    dataFromPreviousNSeconds: 0,
    scheduleAt: '2020-03-18T17:42:00.000Z',
    dataFrom: '2020-02-26T10:20:00.000Z',
    dataTo: '2020-02-27T10:20:00.000Z',
  },
};

/** GET /job/15896925 response (also in GET /jobs and DELETE /job). */
export const ANOMALY_JOB = {
  jobId: 15896925,
  jobName: 'AnomalyDetectionJob',
  jobDescription:
    'Job involving many versions of Isolation Forest model to detect anomalies in devices',
  jobCreationDate: '2020-02-27T14:23:16.557Z',
  modelOrGroup: 'AnomalyDetectionModels',
  applyAllModels: true,
  groupOrDeviceId: 15896385,
  modelToDeviceMappings: {
    rssi: 'c8y_SignalStrengthWifi.rssi.value',
    accelerationY: 'c8y_Acceleration.accelerationY.value',
    accelerationX: 'c8y_Acceleration.accelerationX.value',
    accelerationZ: 'c8y_Acceleration.accelerationZ.value',
    air_pressure: 'c8y_Gyroscope.gyroX.value',
    gyroX: 'c8y_Gyroscope.gyroX.value',
    gyroY: 'c8y_Gyroscope.gyroY.value',
    gyroZ: 'c8y_Gyroscope.gyroZ.value',
    lux: 'c8y_Luxometer.lux.value',
    compassX: 'c8y_Compass.compassX.value',
    compassY: 'c8y_Compass.compassY.value',
    compassZ: 'c8y_Compass.compassZ.value',
  },
  jobSchedule: {
    frequency: 'once',
    cronExpression: '',
    timeZone: 'Asia/Calcutta',
    dataFromPreviousNSeconds: 0,
    scheduleAt: '2020-02-27T14:24:00.000Z',
    dataFrom: '2020-02-26T12:30:00.000Z',
    dataTo: '2020-02-27T12:30:00.000Z',
  },
};

/** POST /job, "400 - Bad Request" request. */
export const INVALID_FREQUENCY_REQUEST = {
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
    frequency: 'invalid',
    scheduleAt: '2020-04-18T17:42:00.000Z',
    dataFrom: '2020-02-26T10:20:00.000Z',
    dataTo: '2020-02-27T10:20:00.000Z',
  },
};

/** POST /job, "404 - Not Found" request. */
export const UNKNOWN_DEVICE_REQUEST = {
  ...INVALID_FREQUENCY_REQUEST,
  groupOrDeviceId: 123456,
  jobSchedule: {
    frequency: 'once',
    scheduleAt: '2020-04-18T17:42:00.000Z',
    dataFrom: '2020-02-26T10:20:00.000Z',
    dataTo: '2020-02-27T10:20:00.000Z',
  },
};

export const NO_AUTH = {
  error: 'general/internalError',
  message: 'No auth information found',
  info: 'https://cumulocity.com/guides/reference/rest-implementation/#error_reporting',
};

/** A linear regression `score = Σ inputs`: every input active. */
export function linearModelPmml(modelName: string, inputs: readonly string[]): string {
  const fields = inputs
    .map((input) => `<DataField name="${input}" optype="continuous" dataType="double"/>`)
    .join('\n    ');
  const mining = inputs.map((input) => `<MiningField name="${input}"/>`).join('\n      ');
  const predictors = inputs
    .map((input) => `<NumericPredictor name="${input}" coefficient="1"/>`)
    .join('\n      ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">
  <Header description="${modelName}"/>
  <DataDictionary>
    ${fields}
    <DataField name="score" optype="continuous" dataType="double"/>
  </DataDictionary>
  <RegressionModel functionName="regression" modelName="${modelName}">
    <MiningSchema>
      <MiningField name="score" usageType="target"/>
      ${mining}
    </MiningSchema>
    <RegressionTable intercept="0">
      ${predictors}
    </RegressionTable>
  </RegressionModel>
</PMML>`;
}
