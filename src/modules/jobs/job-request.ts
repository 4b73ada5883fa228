import { parseSeriesPath } from '../devices/device-data-source';
import { type JobSchedule, readJobSchedule } from './job-schedule';

/** A job as a client defines it, checked and normalised. */
export interface JobDefinition {
  jobName: string;
  jobDescription: string;
  groupOrDeviceId: number;
  modelOrGroup: string;
  applyAllModels: boolean;
  /** Model input → `fragment.series.value`, in the order the client gave them. */
  modelToDeviceMappings: Record<string, string>;
  jobSchedule: JobSchedule;
}

/** What a job's modelOrGroup names, as far as checking a job needs it. */
export interface ModelTarget {
  /** The models the job would score with (a model, a group's primary, or all members). */
  models: { name: string; isActive: boolean }[];
  /** The active input fields those models take (members of a group take the same ones). */
  inputs: string[];
}

/** The lookups checking a job needs, so that this module stays free of I/O. */
export interface JobLookups {
  /** undefined when no model or group has that name. */
  modelTarget(modelOrGroup: string, applyAllModels: boolean): Promise<ModelTarget | undefined>;
  deviceOrGroupExists(id: number): Promise<boolean>;
  /** Why Quartz refuses a cron expression, or undefined when it takes it. */
  cronProblem: (expression: string) => string | undefined;
}

export interface JobRequestResult {
  job?: JobDefinition;
  /** Every problem found, for a 400 (or a 404 when `deviceNotFound` is the only one). */
  problems: string[];
  /** The documented 404 text, when groupOrDeviceId names nothing. */
  deviceNotFound?: string;
}

// Names and descriptions keep letters and digits of any script, spaces and common punctuation;
// anything else (quotes, angle brackets, slashes, control characters…) becomes an underscore.
const UNSAFE_TEXT = /[^\p{L}\p{N} _.,:;()\-+#@]/gu;

export function safeText(text: string): string {
  return text.replace(UNSAFE_TEXT, '_');
}

// Older clients send these names; the answers always use the new ones.
const OLDER_SPELLINGS: Record<string, string> = {
  associatedGroupOrDeviceId: 'groupOrDeviceId',
  associatedModel: 'modelOrGroup',
  applyToAllModels: 'applyAllModels',
};

function withCurrentSpellings(body: Record<string, unknown>): Record<string, unknown> {
  const result = { ...body };
  for (const [older, current] of Object.entries(OLDER_SPELLINGS)) {
    if (result[current] === undefined && result[older] !== undefined)
      result[current] = result[older];
    delete result[older];
  }
  return result;
}

function deviceId(value: unknown): number | undefined {
  const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

function readMappings(value: unknown, problems: string[]): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(
      'modelToDeviceMappings is required: an object from model input to measurement series.',
    );
    return undefined;
  }
  const mappings: Record<string, string> = {};
  for (const [input, path] of Object.entries(value)) {
    if (typeof path !== 'string' || !parseSeriesPath(path)) {
      problems.push(
        `modelToDeviceMappings: '${input}' must map to a measurement series written fragment.series.value, such as c8y_Acceleration.accelerationX.value.`,
      );
    } else {
      mappings[input] = path;
    }
  }
  return mappings;
}

/**
 * Reads and checks a job request (POST or PUT /job) as of `now`, collecting every problem.
 */
export async function readJobRequest(
  raw: unknown,
  now: Date,
  lookups: JobLookups,
): Promise<JobRequestResult> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { problems: ['The request body must be a JSON object describing the job.'] };
  }
  const body = withCurrentSpellings(raw as Record<string, unknown>);
  const problems: string[] = [];

  const jobName = typeof body.jobName === 'string' ? body.jobName.trim() : '';
  if (jobName === '') problems.push('jobName is required.');
  if (body.jobDescription !== undefined && typeof body.jobDescription !== 'string') {
    problems.push('jobDescription must be text.');
  }
  if (body.applyAllModels !== undefined && typeof body.applyAllModels !== 'boolean') {
    problems.push('applyAllModels must be true or false.');
  }
  const applyAllModels = body.applyAllModels === true;

  const mappings = readMappings(body.modelToDeviceMappings, problems);
  const modelOrGroup = typeof body.modelOrGroup === 'string' ? body.modelOrGroup : '';
  if (modelOrGroup === '') {
    problems.push('modelOrGroup is required: the name of a model or model group.');
  } else {
    const target = await lookups.modelTarget(modelOrGroup, applyAllModels);
    if (!target) {
      problems.push(`Model or model group '${modelOrGroup}' not found.`);
    } else {
      for (const model of target.models.filter((candidate) => !candidate.isActive)) {
        problems.push(
          `Model '${model.name}' is not active; activate it before scheduling a job with it.`,
        );
      }
      if (mappings) {
        const inputs = new Set(target.inputs);
        for (const input of Object.keys(mappings).filter((name) => !inputs.has(name))) {
          problems.push(
            `modelToDeviceMappings: '${input}' is not an input field of '${modelOrGroup}'.`,
          );
        }
        const unmapped = target.inputs.filter((input) => !(input in mappings));
        if (unmapped.length > 0) {
          problems.push(
            `modelToDeviceMappings must map every input of '${modelOrGroup}'; missing: ${unmapped.join(', ')}.`,
          );
        }
      }
    }
  }

  const schedule = readJobSchedule(body.jobSchedule, now, lookups.cronProblem, problems);

  const id = deviceId(body.groupOrDeviceId);
  let deviceNotFound: string | undefined;
  if (body.groupOrDeviceId === undefined || body.groupOrDeviceId === null) {
    problems.push('groupOrDeviceId is required: the id of a device or device group.');
  } else if (id === undefined || !(await lookups.deviceOrGroupExists(id))) {
    const shown =
      typeof body.groupOrDeviceId === 'string'
        ? body.groupOrDeviceId
        : JSON.stringify(body.groupOrDeviceId);
    deviceNotFound = `Device or group with id ${shown} does not exist or it is invalid`;
    problems.push(deviceNotFound);
  }

  if (problems.length > 0 || !schedule || !mappings || id === undefined) {
    return { problems, deviceNotFound };
  }
  return {
    problems,
    job: {
      jobName: safeText(jobName),
      jobDescription: safeText(typeof body.jobDescription === 'string' ? body.jobDescription : ''),
      groupOrDeviceId: id,
      modelOrGroup,
      applyAllModels,
      modelToDeviceMappings: mappings,
      jobSchedule: schedule,
    },
  };
}
