import { CronSyntaxError, parseQuartzCron } from '../scheduling/cron';

/** Why Quartz would refuse a cron expression (the parser's message), or undefined. */
export function cronProblem(expression: string): string | undefined {
  try {
    parseQuartzCron(expression);
    return undefined;
  } catch (error) {
    if (error instanceof CronSyntaxError) return error.message;
    throw error;
  }
}
