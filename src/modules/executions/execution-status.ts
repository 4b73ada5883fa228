export const EXECUTION_STATUSES = [
  'Queued',
  'Running',
  'Success',
  'Warning',
  'Failure',
  'Cancelled',
] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

/** The statuses an execution ends in; it never changes again after one of them. */
export const FINISHED_STATUSES: readonly ExecutionStatus[] = [
  'Success',
  'Warning',
  'Failure',
  'Cancelled',
];

export const EXECUTION_TRIGGERS = ['schedule', 'misfire', 'manual', 'retry'] as const;
/** What made an execution: its schedule, a fire missed while no replica ran, a user, a retry. */
export type ExecutionTrigger = (typeof EXECUTION_TRIGGERS)[number];

export function isExecutionStatus(text: string): text is ExecutionStatus {
  return (EXECUTION_STATUSES as readonly string[]).includes(text);
}

export function isFinished(status: string): boolean {
  return (FINISHED_STATUSES as readonly string[]).includes(status);
}

/** Only these may be cancelled; only finished executions that did not complete may be retried. */
export const CANCELLABLE: readonly ExecutionStatus[] = ['Queued', 'Running'];
export const RETRYABLE: readonly ExecutionStatus[] = ['Failure', 'Cancelled'];

/** Fires of the schedule are skipped while the job still runs; what a user asks for never is. */
export function mayBeSkipped(trigger: ExecutionTrigger): boolean {
  return trigger === 'schedule' || trigger === 'misfire';
}

/** The documented Warning text for a device that had no data in the window. */
export const noDataMessage = (deviceId: number): string =>
  `The device ${deviceId} was not active or sending any measurements during the time specified for data range`;

export const skippedMessage = (runningNumber: number): string =>
  `Skipped: execution ${runningNumber} of this job was still queued or running when this one was due.`;

/** How a run ended, as the runner saw it. */
export interface RunOutcome {
  /** Stopped on request (POST …/cancel). */
  cancelled: boolean;
  /** Stopped at EXECUTION_TIMEOUT_MS. */
  timedOut?: { timeoutMs: number };
  /** Record-model scorings that gave results. */
  recordsScored: number;
  /** Devices whose window held no data. */
  devicesWithoutData: readonly number[];
  /** What went wrong with a device, a model or the whole run, one text each, in order. */
  failures: readonly string[];
  /** Something made the whole run impossible (unknown device, no usable model). */
  fatal: boolean;
}

export interface FinalStatus {
  status: Exclude<ExecutionStatus, 'Queued' | 'Running'>;
  messages: string[];
}

/**
 * The status an execution ends with:
 * - cancelled: Cancelled (what was stored stays);
 * - timed out, or a failure that stopped the whole run: Failure;
 * - failures and nothing scored: Failure;
 * - failures, or devices without data (also when no device had any): Warning;
 * - otherwise Success, with no messages.
 */
export function finalStatus(outcome: RunOutcome): FinalStatus {
  const noData = outcome.devicesWithoutData.map(noDataMessage);
  const problems = [...outcome.failures, ...noData];
  if (outcome.cancelled) {
    return {
      status: 'Cancelled',
      messages: [
        `Cancelled on request after ${outcome.recordsScored} record scorings; what was stored is kept.`,
        ...problems,
      ],
    };
  }
  if (outcome.timedOut) {
    return {
      status: 'Failure',
      messages: [
        `The execution ran longer than ${outcome.timedOut.timeoutMs} ms (EXECUTION_TIMEOUT_MS) and was stopped; what was stored is kept.`,
        ...problems,
      ],
    };
  }
  if (outcome.fatal || (outcome.failures.length > 0 && outcome.recordsScored === 0)) {
    return { status: 'Failure', messages: problems };
  }
  if (problems.length > 0) return { status: 'Warning', messages: problems };
  return { status: 'Success', messages: [] };
}
