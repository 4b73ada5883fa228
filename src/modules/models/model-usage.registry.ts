import { Injectable } from '@nestjs/common';
import { ConflictError } from '../../core/errors/domain-errors';

/** For each of the given model or group names that something uses, the names of its users. */
export type ModelUsageCheck = (names: readonly string[]) => Promise<Map<string, string[]>>;

/**
 * Lets the modules that refer to models by name (jobs) veto deleting them, without the models
 * module depending on them: they register a check when they start.
 */
@Injectable()
export class ModelUsageRegistry {
  private readonly checks: ModelUsageCheck[] = [];

  register(check: ModelUsageCheck): void {
    this.checks.push(check);
  }

  /** Model or group name → the jobs that use it, for those used at all. */
  async usersOf(names: readonly string[]): Promise<Map<string, string[]>> {
    const users = new Map<string, string[]>();
    for (const check of this.checks) {
      for (const [name, jobs] of await check(names)) {
        users.set(name, [...(users.get(name) ?? []), ...jobs]);
      }
    }
    return users;
  }

  /** Throws a ConflictError naming the jobs when any of the models or groups is used. */
  async refuseIfUsed(names: readonly string[]): Promise<void> {
    const users = await this.usersOf(names);
    if (users.size === 0) return;
    const uses = [...users].map(([name, jobs]) => `'${name}' is used by job(s) ${jobs.join(', ')}`);
    throw new ConflictError(`Cannot delete: ${uses.join('; ')}.`);
  }
}
