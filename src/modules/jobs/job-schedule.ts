/** A job that runs once, at scheduleAt, over the past window [dataFrom, dataTo]. */
export interface OnceSchedule {
  frequency: 'once';
  scheduleAt: Date;
  dataFrom: Date;
  dataTo: Date;
}

/** A job that fires by a Quartz cron expression in a time zone, over the seconds before each fire. */
export interface PeriodicSchedule {
  frequency: 'periodic';
  cronExpression: string;
  dataFromPreviousNSeconds: number;
  /** As the client sent it: legacy aliases such as Asia/Calcutta are kept. */
  timeZone: string;
}

export type JobSchedule = OnceSchedule | PeriodicSchedule;

export const MAX_WINDOW_SECONDS = 86_400;

// yyyy-MM-dd'T'HH:mm:ss.SSSXXX, as the Zementis document requires.
const ZEMENTIS_DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(Z|[+-]\d\d:\d\d)$/;

/** Whether an IANA time zone name (or a legacy alias) is known to this runtime. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function dateTime(name: string, value: unknown, problems: string[]): Date | undefined {
  if (value === undefined || value === null || value === '') {
    problems.push(`${name} is required for a once job.`);
    return undefined;
  }
  const text = typeof value === 'string' ? value : '';
  const millis = ZEMENTIS_DATE_TIME.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(millis)) {
    problems.push(
      `${name} must be an ISO-8601 date-time of the form yyyy-MM-dd'T'HH:mm:ss.SSSXXX, such as 2019-12-30T22:59:50.235+05:30.`,
    );
    return undefined;
  }
  return new Date(millis);
}

function readOnce(
  raw: Record<string, unknown>,
  now: Date,
  problems: string[],
): OnceSchedule | undefined {
  const found = problems.length;
  const scheduleAt = dateTime('scheduleAt', raw.scheduleAt, problems);
  const dataFrom = dateTime('dataFrom', raw.dataFrom, problems);
  const dataTo = dateTime('dataTo', raw.dataTo, problems);
  if (scheduleAt && scheduleAt.getTime() <= now.getTime()) {
    problems.push('scheduleAt must be in the future.');
  }
  if (dataFrom && dataTo) {
    if (dataFrom.getTime() >= dataTo.getTime()) problems.push('dataFrom must be before dataTo.');
    else if (dataTo.getTime() - dataFrom.getTime() > MAX_WINDOW_SECONDS * 1000) {
      problems.push('dataFrom and dataTo must not be more than 24 hours apart.');
    }
  }
  if (dataTo && dataTo.getTime() > now.getTime())
    problems.push('dataTo must not be in the future.');
  if (dataFrom && dataFrom.getTime() > now.getTime()) {
    problems.push('dataFrom must not be in the future.');
  }
  if (problems.length > found || !scheduleAt || !dataFrom || !dataTo) return undefined;
  return { frequency: 'once', scheduleAt, dataFrom, dataTo };
}

function readPeriodic(
  raw: Record<string, unknown>,
  cronProblem: (expression: string) => string | undefined,
  problems: string[],
): PeriodicSchedule | undefined {
  const found = problems.length;
  const { cronExpression, dataFromPreviousNSeconds, timeZone } = raw;
  if (typeof cronExpression !== 'string' || cronExpression.trim() === '') {
    problems.push('cronExpression is required for a periodic job.');
  } else {
    const problem = cronProblem(cronExpression);
    if (problem !== undefined)
      problems.push(`cronExpression is not a valid Quartz cron expression: ${problem}`);
  }
  if (
    typeof dataFromPreviousNSeconds !== 'number' ||
    !Number.isInteger(dataFromPreviousNSeconds) ||
    dataFromPreviousNSeconds < 1 ||
    dataFromPreviousNSeconds > MAX_WINDOW_SECONDS
  ) {
    problems.push(
      `dataFromPreviousNSeconds is required for a periodic job: a whole number of seconds from 1 to ${MAX_WINDOW_SECONDS}.`,
    );
  }
  if (typeof timeZone !== 'string' || timeZone === '') {
    problems.push('timeZone is required for a periodic job.');
  } else if (!isKnownTimeZone(timeZone)) {
    problems.push(`timeZone '${timeZone}' is not a known IANA time zone, such as Europe/Berlin.`);
  }
  if (problems.length > found) return undefined;
  return {
    frequency: 'periodic',
    cronExpression: (cronExpression as string).trim(),
    dataFromPreviousNSeconds: dataFromPreviousNSeconds as number,
    timeZone: timeZone as string,
  };
}

/**
 * The jobSchedule of a job request, checked as of `now`; every problem found is appended to
 * `problems` (the API reports them all at once) and the schedule is then undefined.
 * `cronProblem` says what is wrong with a cron expression, or undefined when Quartz takes it.
 */
export function readJobSchedule(
  raw: unknown,
  now: Date,
  cronProblem: (expression: string) => string | undefined,
  problems: string[],
): JobSchedule | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push('jobSchedule is required: an object with the frequency and its fields.');
    return undefined;
  }
  const schedule = raw as Record<string, unknown>;
  switch (schedule.frequency) {
    case 'once':
      return readOnce(schedule, now, problems);
    case 'periodic':
      return readPeriodic(schedule, cronProblem, problems);
    default:
      problems.push('frequency can be either once or periodic.');
      return undefined;
  }
}
