import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import {
  CronSyntaxError,
  nextFireTimes,
  parseQuartzCron,
  UnknownTimeZoneError,
} from '../modules/scheduling/cron';

/** One case of the Quartz cron conformance corpus (/work/shared/quartz-cron/README.md). */
interface CronQuery {
  id: unknown;
  expr: string;
  timeZone: string;
  after: string;
  n: number;
}

export type CronAnswer =
  | { id: unknown; next: string[] }
  | { id: unknown; invalid: true; error: string }
  | { id: unknown; error: string };

/**
 * The answer to one JSON line: the next `n` fire times of `expr` in `timeZone` after `after`,
 * `invalid` when Quartz would reject the expression, or `error` when the line itself is unusable
 * (not JSON, an unknown time zone, a bad date).
 */
export function answerCronQuery(line: string): CronAnswer {
  let query: CronQuery;
  try {
    query = readQuery(JSON.parse(line));
  } catch (error) {
    return { id: idOf(line), error: error instanceof Error ? error.message : String(error) };
  }
  const { id } = query;
  try {
    const expression = parseQuartzCron(query.expr);
    const next = nextFireTimes(expression, query.timeZone, new Date(query.after), query.n);
    return { id, next: next.map((fireTime) => fireTime.toISOString()) };
  } catch (error) {
    if (error instanceof CronSyntaxError) return { id, invalid: true, error: error.message };
    if (error instanceof UnknownTimeZoneError) return { id, error: error.message };
    throw error;
  }
}

function readQuery(value: unknown): CronQuery {
  if (typeof value !== 'object' || value === null) throw new Error('Expected a JSON object.');
  const { id, expr, timeZone, after, n = 1 } = value as Record<string, unknown>;
  if (typeof expr !== 'string') throw new Error('"expr" must be a string.');
  if (typeof timeZone !== 'string') throw new Error('"timeZone" must be a string.');
  if (typeof after !== 'string' || Number.isNaN(Date.parse(after))) {
    throw new Error('"after" must be an ISO-8601 instant.');
  }
  if (!Number.isInteger(n) || (n as number) < 0) {
    throw new Error('"n" must be a whole number, 0 or more.');
  }
  return { id, expr, timeZone, after, n: n as number };
}

// Still echo the id of a line that is JSON but not a usable query, so that it can be matched.
function idOf(line: string): unknown {
  try {
    return (JSON.parse(line) as { id?: unknown }).id;
  } catch {
    return undefined;
  }
}

/**
 * `scorecast cron-next`: the stdin/stdout contract of the Quartz cron conformance checker. Reads
 * one JSON query per line until stdin closes and writes one JSON answer per query, in order.
 */
export function cronNextCommand(): Command {
  return new Command('cron-next')
    .description(
      'read {"id","expr","timeZone","after","n"} JSON lines from stdin and write the next n ' +
        'Quartz cron fire times (or "invalid") as JSON lines',
    )
    .action(async () => {
      for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
        if (!line.trim()) continue;
        if (!process.stdout.write(`${JSON.stringify(answerCronQuery(line))}\n`)) {
          await once(process.stdout, 'drain');
        }
      }
    });
}
