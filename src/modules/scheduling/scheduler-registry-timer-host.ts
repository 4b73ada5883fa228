import type { SchedulerRegistry } from '@nestjs/schedule';
import type { TriggerTimerHost } from './trigger-timers';

/** The triggers' timers as named timeouts in @nestjs/schedule's registry, on the system clock. */
export class SchedulerRegistryTimerHost implements TriggerTimerHost {
  constructor(private readonly registry: SchedulerRegistry) {}

  now(): number {
    return Date.now();
  }

  setTimer(name: string, delayMs: number, callback: () => void): void {
    this.clearTimer(name);
    this.registry.addTimeout(name, setTimeout(callback, delayMs));
  }

  clearTimer(name: string): void {
    if (this.registry.doesExist('timeout', name)) this.registry.deleteTimeout(name);
  }
}
