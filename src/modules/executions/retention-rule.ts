import type { JobRetention } from '../jobs/job';

const DAY_MS = 86_400_000;

/** How long a job's executions are kept: the newest `keep`, and those younger than `days`. */
export interface RetentionLimits {
  /** 0: no limit by count. */
  keep: number;
  /** 0: no limit by age. */
  days: number;
}

/** The job's own limits where it has them, else the service's defaults. */
export function retentionLimits(
  retention: JobRetention,
  defaults: { keepDefault: number; retentionDaysDefault: number },
): RetentionLimits {
  return {
    keep: retention.keepExecutions ?? defaults.keepDefault,
    days: retention.retentionDays ?? defaults.retentionDaysDefault,
  };
}

/**
 * Which executions of a job go: numbered below `belowNumber` (beyond the newest `keep`) or
 * created before `createdBefore` (older than `days`). `numberAtKeep` is the number of the
 * job's keep-th newest execution, undefined when it has fewer.
 */
export function purgeRule(
  limits: RetentionLimits,
  numberAtKeep: number | undefined,
  now: number,
): { belowNumber: number; createdBefore: number } {
  return {
    belowNumber: limits.keep > 0 ? (numberAtKeep ?? 0) : 0,
    createdBefore: limits.days > 0 ? now - limits.days * DAY_MS : 0,
  };
}
