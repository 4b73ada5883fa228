import { type FireTimeAfter, latestFireTimeBetween, type MisfirePolicy } from './job-fire-times';

/** The longest delay Node's setTimeout takes; a longer one fires after 1 ms instead. */
export const MAX_TIMER_DELAY_MS = 2_147_483_647;

/** The clock and the named timers the triggers run on (SchedulerRegistry, or fakes in tests). */
export interface TriggerTimerHost {
  now(): number;
  /** Runs `callback` after `delayMs`, replacing whatever timer `name` held. */
  setTimer(name: string, delayMs: number, callback: () => void): void;
  /** Clears the timer `name` holds, if any. */
  clearTimer(name: string): void;
}

export type FireKind = 'schedule' | 'misfire';

export interface TriggerFire {
  jobId: number;
  fireTime: Date;
  kind: FireKind;
}

export interface TriggerTimersOptions {
  misfirePolicy: MisfirePolicy;
  /** The longest single timer; longer waits are hops that re-check the target on the clock. */
  maxHopMs?: number;
  /**
   * A fire noticed later than this (a suspended process, a blocked event loop, a clock step) is
   * a misfire, handled by the policy, instead of a late fire; Quartz's default threshold.
   */
  misfireThresholdMs?: number;
}

interface Trigger {
  readonly name: string;
  readonly fireTimeAfter: FireTimeAfter;
  /** The next fire time, epoch ms. */
  target: number;
  readonly wake: () => void;
}

// A clock step, or a suspended host (timers run on a clock that stops meanwhile), is noticed
// within a minute; a far fire costs one cheap wake-up a minute until then.
const DEFAULT_MAX_HOP_MS = 60_000;
const DEFAULT_MISFIRE_THRESHOLD_MS = 60_000;

/** The name of a job's timer in SchedulerRegistry. */
export const triggerName = (jobId: number): string => `job-${jobId}`;

/**
 * One timer per job, each armed for the job's next fire time and re-armed when it fires. Knows
 * nothing of Nest or the database: the host supplies the clock and the timers, `onFire` hears
 * each fire (synchronously, after the next one is armed, so a slow or failing listener never
 * delays or stops the trigger).
 */
export class TriggerTimers {
  private readonly triggers = new Map<number, Trigger>();
  private readonly maxHopMs: number;
  private readonly misfireThresholdMs: number;

  constructor(
    private readonly host: TriggerTimerHost,
    private readonly onFire: (fire: TriggerFire) => void,
    private readonly options: TriggerTimersOptions,
  ) {
    this.maxHopMs = Math.min(options.maxHopMs ?? DEFAULT_MAX_HOP_MS, MAX_TIMER_DELAY_MS);
    this.misfireThresholdMs = options.misfireThresholdMs ?? DEFAULT_MISFIRE_THRESHOLD_MS;
  }

  /**
   * Arms (or re-arms) a job's trigger for its first fire time after `after` (default: now);
   * that fire time, or undefined when the schedule never fires again (then no trigger is left).
   */
  arm(
    jobId: number,
    fireTimeAfter: FireTimeAfter,
    after: number = this.host.now(),
  ): Date | undefined {
    this.disarm(jobId);
    const first = fireTimeAfter(new Date(after));
    if (first === undefined) return undefined;
    const trigger: Trigger = {
      name: triggerName(jobId),
      fireTimeAfter,
      target: first.getTime(),
      wake: () => this.wake(jobId, trigger),
    };
    this.triggers.set(jobId, trigger);
    this.setTimer(trigger);
    return first;
  }

  disarm(jobId: number): void {
    const trigger = this.triggers.get(jobId);
    if (!trigger) return;
    this.triggers.delete(jobId);
    this.host.clearTimer(trigger.name);
  }

  disarmAll(): void {
    for (const jobId of [...this.triggers.keys()]) this.disarm(jobId);
  }

  /** When the job fires next, or undefined when it has no trigger. */
  nextFireTime(jobId: number): Date | undefined {
    const trigger = this.triggers.get(jobId);
    return trigger ? new Date(trigger.target) : undefined;
  }

  get size(): number {
    return this.triggers.size;
  }

  private setTimer(trigger: Trigger): void {
    const delay = Math.max(0, Math.min(trigger.target - this.host.now(), this.maxHopMs));
    this.host.setTimer(trigger.name, delay, trigger.wake);
  }

  private wake(jobId: number, trigger: Trigger): void {
    // A timer cleared by a re-arm may already have been queued to run.
    if (this.triggers.get(jobId) !== trigger) return;
    const now = this.host.now();
    if (now < trigger.target) {
      this.setTimer(trigger); // an intermediate hop, or a clock stepped back
      return;
    }
    const due = trigger.target;
    let fire: TriggerFire | undefined;
    let next: Date | undefined;
    if (now - due <= this.misfireThresholdMs) {
      fire = { jobId, fireTime: new Date(due), kind: 'schedule' };
      next = trigger.fireTimeAfter(fire.fireTime);
    } else {
      if (this.options.misfirePolicy === 'run-once') {
        const latest = latestFireTimeBetween(
          trigger.fireTimeAfter,
          new Date(due - 1),
          new Date(now),
        );
        if (latest) fire = { jobId, fireTime: latest, kind: 'misfire' };
      }
      next = trigger.fireTimeAfter(new Date(now));
    }
    if (next === undefined) {
      this.triggers.delete(jobId);
      this.host.clearTimer(trigger.name);
    } else {
      trigger.target = next.getTime();
      this.setTimer(trigger);
    }
    if (fire) this.onFire(fire);
  }
}
