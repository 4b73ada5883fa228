import { DEMO_FOREST } from './demo-models';
import type { DemoObject, DemoSummary } from './demo-seeder';
import {
  DEMO_DEVICE_PROFILES,
  type InjectedAnomaly,
  MOTION_INPUTS,
  motionSamplesAt,
  SAMPLE_INTERVAL_MS,
} from './synthetic-measurements';

export interface InstructionsOptions {
  /** Where the service listens, e.g. http://localhost:8080. */
  baseUrl: string;
  /** The Zementis API base path, e.g. /service/zementis. */
  basePath: string;
  /** A token to show; without one, the command that makes one is shown. */
  token?: string;
}

// An ordinary second of the first device (running) and the first second of its first shock:
// the same values in every demo, whenever it was seeded.
const ORDINARY_SECOND = 600;

/** CSV of two readings of the first demo device: an ordinary one and a shock. */
export function exampleCsv(summary: DemoSummary): string {
  const shock = summary.devices[0].anomalies.find((anomaly) => anomaly.kind === 'shock');
  const seconds = shock ? [ORDINARY_SECOND, shock.from] : [ORDINARY_SECOND];
  const samples = motionSamplesAt(
    { profile: DEMO_DEVICE_PROFILES[0], start: 0, anomalies: summary.devices[0].anomalies },
    seconds,
  );
  const rows = samples.map((sample) => MOTION_INPUTS.map((input) => sample[input]).join(','));
  return `${[MOTION_INPUTS.join(','), ...rows].join('\n')}\n`;
}

const minute = (time: number): string =>
  new Date(time).toISOString().slice(0, 16).replace('T', ' ');
const state = (object: { created: boolean }): string =>
  object.created ? 'created' : 'already there';
const described = (object: DemoObject): string =>
  `${object.name} (id ${object.id}, ${state(object)})`;

function faults(anomalies: readonly InjectedAnomaly[], from: number, seconds: number): string {
  const at = (second: number): string => minute(from + second * SAMPLE_INTERVAL_MS);
  const within = anomalies.filter((anomaly) => anomaly.from < seconds);
  const shocks = within
    .filter((anomaly) => anomaly.kind === 'shock')
    .map((anomaly) => at(anomaly.from));
  const spans = within
    .filter((anomaly) => anomaly.kind !== 'shock')
    .map(
      (anomaly) => `${anomaly.kind} ${at(anomaly.from)} to ${at(Math.min(anomaly.to, seconds))}`,
    );
  return [...(shocks.length > 0 ? [`shocks at ${shocks.join(', ')}`] : []), ...spans].join('; ');
}

/** How to follow the first example job: it runs half a minute after seeding. */
function jobLines(summary: DemoSummary, api: string, auth: string): string[] {
  const job = summary.jobs.find((candidate) => 'id' in candidate);
  if (!job || !('id' in job)) return [];
  return [
    `  # the job ${job.name}: its runs, then what the first run scored (jobs run in the service):`,
    `  curl ${auth} ${api}/job/${job.id}/history`,
    `  curl ${auth} '${api}/job/${job.id}/history/1/inferences'`,
  ];
}

/** What the demo holds and how to try it with curl, as lines to print. */
export function demoInstructions(summary: DemoSummary, options: InstructionsOptions): string[] {
  const api = `${options.baseUrl}${options.basePath}`;
  const auth = '-H "Authorization: Bearer $TOKEN"';
  const csv = exampleCsv(summary).replace(/\n/g, '\\n');
  const group = summary.modelGroup;
  return [
    'Demo data (times in UTC):',
    `  group        ${described(summary.group)}`,
    `  subgroup     ${described(summary.subgroup)}`,
    ...summary.devices.flatMap((device) => [
      `  device       ${described(device)}: ${
        device.valuesWritten > 0
          ? `${device.valuesWritten.toLocaleString('en-US')} values written`
          : 'measurements kept'
      }, 1 Hz from ${minute(device.from)}`,
      `               c8y_Acceleration and c8y_Gyroscope; ${faults(device.anomalies, device.from, summary.seconds)}`,
    ]),
    `  models       ${summary.models.map((model) => `${model.name} (${state(model)})`).join(', ')}`,
    'skipped' in group
      ? `  model group  ${group.name} not made: ${group.skipped}`
      : `  model group  ${group.name} (${state(group)}): ${group.models.join(', ')}; primary ${group.primaryModel}`,
    ...summary.jobs.map((job) =>
      'skipped' in job
        ? `  job          ${job.name} not made: ${job.skipped}`
        : `  job          ${job.name} (id ${job.id}, ${state(job)})`,
    ),
    '',
    'Try it:',
    options.token
      ? `  TOKEN=${options.token}`
      : '  TOKEN=$(npx scorecast token --roles ADMIN)   # or a token of your identity provider',
    `  curl ${auth} '${options.baseUrl}/inventory/managedObjects?fragmentType=c8y_IsDevice&pageSize=10'`,
    `  curl ${auth} '${options.baseUrl}/measurement/measurements?source=${summary.devices[0].id}&revert=true&pageSize=3'`,
    `  curl ${auth} ${api}/models`,
    '  # an ordinary reading and a shock, scored by the isolation forest, then by every model of the group:',
    `  curl ${auth} -H 'Content-Type: text/csv' --data-binary $'${csv}' ${api}/apply/${DEMO_FOREST}`,
    ...('skipped' in group
      ? []
      : [
          `  curl ${auth} -H 'Content-Type: text/csv' --data-binary $'${csv}' ${api}/pmml/apply-group/${group.name}`,
        ]),
    ...jobLines(summary, api, auth),
  ];
}
