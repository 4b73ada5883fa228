import type { JobRetention } from './job';
import { isKnownTimeZone } from './job-schedule';

export const MAX_JOB_NAME_LENGTH = 255;
export const MAX_JOB_DESCRIPTION_LENGTH = 2000;
// The mappings are stored as JSON in a TEXT column (64 KB on MySQL); room is left for the
// stored Idempotency-Key answer, which holds them too.
export const MAX_MAPPINGS_BYTES = 48_000;
export const MAX_KEEP_EXECUTIONS = 100_000;
export const MAX_RETENTION_DAYS = 3650;

/** What a job request holds beyond the Zementis fields, checked. */
export interface JobRequestExtensions {
  retention: JobRetention;
  /** A once job's time zone when the client gave one; else the server's is used. */
  onceTimeZone?: string;
}

function retentionValue(
  name: string,
  value: unknown,
  max: number,
  problems: string[],
): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max) {
    return value;
  }
  problems.push(
    `${name} must be a whole number from 1 to ${max}, or null for the service's default.`,
  );
  return null;
}

function onceTimeZone(schedule: unknown, problems: string[]): string | undefined {
  if (typeof schedule !== 'object' || schedule === null) return undefined;
  const { frequency, timeZone } = schedule as Record<string, unknown>;
  if (frequency !== 'once' || timeZone === undefined || timeZone === null || timeZone === '') {
    return undefined;
  }
  if (typeof timeZone === 'string' && isKnownTimeZone(timeZone)) return timeZone;
  const shown = typeof timeZone === 'string' ? timeZone : JSON.stringify(timeZone);
  problems.push(`timeZone '${shown}' is not a known IANA time zone, such as Europe/Berlin.`);
  return undefined;
}

/**
 * The extension fields of a job request (keepExecutions, retentionDays, a once job's timeZone)
 * and the size limits of the stored fields; readJobRequest checks everything else. Problems are
 * appended to `problems`. Fields the API answers but a client cannot set (jobId, jobStatus,
 * createdBy…) are ignored, so that a job read with GET can be sent back with PUT.
 */
export function readJobRequestExtensions(raw: unknown, problems: string[]): JobRequestExtensions {
  const none: JobRequestExtensions = { retention: { keepExecutions: null, retentionDays: null } };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return none;
  const body = raw as Record<string, unknown>;
  if (typeof body.jobName === 'string' && body.jobName.trim().length > MAX_JOB_NAME_LENGTH) {
    problems.push(`jobName must not be longer than ${MAX_JOB_NAME_LENGTH} characters.`);
  }
  if (
    typeof body.jobDescription === 'string' &&
    body.jobDescription.length > MAX_JOB_DESCRIPTION_LENGTH
  ) {
    problems.push(
      `jobDescription must not be longer than ${MAX_JOB_DESCRIPTION_LENGTH} characters.`,
    );
  }
  const mappings = body.modelToDeviceMappings;
  if (
    typeof mappings === 'object' &&
    mappings !== null &&
    Buffer.byteLength(JSON.stringify(mappings)) > MAX_MAPPINGS_BYTES
  ) {
    problems.push(
      `modelToDeviceMappings must not be larger than ${MAX_MAPPINGS_BYTES} bytes as JSON.`,
    );
  }
  const zone = onceTimeZone(body.jobSchedule, problems);
  return {
    retention: {
      keepExecutions: retentionValue(
        'keepExecutions',
        body.keepExecutions,
        MAX_KEEP_EXECUTIONS,
        problems,
      ),
      retentionDays: retentionValue(
        'retentionDays',
        body.retentionDays,
        MAX_RETENTION_DAYS,
        problems,
      ),
    },
    ...(zone === undefined ? {} : { onceTimeZone: zone }),
  };
}
