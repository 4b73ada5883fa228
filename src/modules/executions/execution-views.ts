import { NotFoundError } from '../../core/errors/domain-errors';
import type { ExecutionLogEntity, LogValue } from './execution-log.entity';
import { javaInstant } from './java-instant';
import type { JobExecutionEntity } from './job-execution.entity';

/** An execution as the history answers it: the document's fields in its order, then ours. */
export interface ExecutionView {
  jobId: number;
  jobExecutionNumber: number;
  isExecutionForDeviceGroup: boolean;
  /** null while Queued. */
  jobExecutionStartTime: string | null;
  /** null until it ends. */
  jobExecutionEndTime: string | null;
  /** Milliseconds as text; while Running, the time so far. */
  jobExecutionDuration: string;
  jobExecutionStatus: string;
  jobExecutionStatusMessage: string[];
  trigger: string;
  scheduledFireTime: string;
  dataFrom: string;
  dataTo: string;
  recordsScored: number;
  retryOf: number | null;
}

/** GET /job/{id}/status. */
export interface ExecutionStatusView {
  jobExecutionStatus: string;
  jobExecutionDuration: string;
}

/** The status of a job that has never had an execution. */
export const NOT_EXECUTED: ExecutionStatusView = {
  jobExecutionStatus: 'NotExecuted',
  jobExecutionDuration: '0',
};

/** An execution's duration in ms: final once it ended, the time so far while Running. */
export function durationOf(execution: JobExecutionEntity, now: number): number {
  if (execution.status === 'Running') return Math.max(0, now - execution.startedAt);
  return execution.durationMs;
}

export function executionView(execution: JobExecutionEntity, now: number): ExecutionView {
  return {
    jobId: execution.jobId,
    jobExecutionNumber: execution.executionNumber,
    isExecutionForDeviceGroup: execution.forDeviceGroup,
    jobExecutionStartTime: execution.startedAt > 0 ? javaInstant(execution.startedAt) : null,
    jobExecutionEndTime: execution.endedAt > 0 ? javaInstant(execution.endedAt) : null,
    jobExecutionDuration: String(durationOf(execution, now)),
    jobExecutionStatus: execution.status,
    jobExecutionStatusMessage: execution.statusMessage,
    trigger: execution.trigger,
    scheduledFireTime: new Date(execution.scheduledFireTime).toISOString(),
    dataFrom: new Date(execution.windowFrom).toISOString(),
    dataTo: new Date(execution.windowTo).toISOString(),
    recordsScored: execution.recordsScored,
    retryOf: execution.retryOf > 0 ? execution.retryOf : null,
  };
}

export function statusView(execution: JobExecutionEntity, now: number): ExecutionStatusView {
  return {
    jobExecutionStatus: execution.status,
    jobExecutionDuration: String(durationOf(execution, now)),
  };
}

/** One line of GET …/logs. */
export interface ExecutionLogView {
  sequence: number;
  time: string;
  level: string;
  message: string;
  details: Record<string, LogValue>;
}

export function logView(line: ExecutionLogEntity): ExecutionLogView {
  return {
    sequence: line.sequence,
    time: new Date(line.time).toISOString(),
    level: line.level,
    message: line.message,
    details: line.details,
  };
}

export const executionNotFound = (number: string): NotFoundError =>
  new NotFoundError(`Job Execution number ${number} does not exist.`);

const MAX_NUMBER = 2_147_483_647;

/** The execution number in a path, or undefined when it cannot name one (so: not found). */
export function parseExecutionNumber(text: string): number | undefined {
  const number = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  return number >= 1 && number <= MAX_NUMBER ? number : undefined;
}
