import type { Job } from '../jobs/job';

/** The data an execution reads: [from, to), or [from, to] when `toInclusive`; ms since 1970. */
export interface ExecutionWindow {
  from: number;
  to: number;
  toInclusive: boolean;
}

/**
 * The window of a job's fire: a periodic job reads the N seconds before the fire,
 * [fire − dataFromPreviousNSeconds, fire); a once job its fixed [dataFrom, dataTo], end included.
 */
export function executionWindow(job: Job, fireTime: Date): ExecutionWindow {
  const schedule = job.definition.jobSchedule;
  if (schedule.frequency === 'periodic') {
    const to = fireTime.getTime();
    return { from: to - schedule.dataFromPreviousNSeconds * 1000, to, toInclusive: false };
  }
  return {
    from: schedule.dataFrom.getTime(),
    to: schedule.dataTo.getTime(),
    toInclusive: true,
  };
}

/** The part of a window after `time` (ms): where a read that stopped after `time` resumes. */
export function windowAfter(window: ExecutionWindow, time: number): ExecutionWindow {
  return { ...window, from: Math.max(window.from, time + 1) };
}

/** Whether a window holds no instant at all. */
export function isEmptyWindow(window: ExecutionWindow): boolean {
  return window.toInclusive ? window.from > window.to : window.from >= window.to;
}
