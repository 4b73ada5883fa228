import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CronSyntaxError } from './cron-errors';
import { parseQuartzCron } from './quartz-cron-parser';
import { nextFireTimes } from './quartz-fire-times';

// The shared conformance corpus: fire times computed by Quartz 2.3.2 itself. Read in place,
// never copied into the repository; see /work/shared/quartz-cron/README.md.
const CASES_FILE =
  process.env.QUARTZ_CRON_CASES ??
  join(__dirname, '..', '..', '..', '..', '..', 'shared', 'quartz-cron', 'cases.jsonl');

interface CorpusCase {
  id: string;
  category: string;
  expr: string;
  timeZone: string;
  after: string;
  n: number;
  next?: string[];
  invalid?: boolean;
}

const cases: CorpusCase[] = existsSync(CASES_FILE)
  ? readFileSync(CASES_FILE, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as CorpusCase)
  : [];

if (cases.length === 0) {
  console.warn(`Quartz cron corpus not found at ${CASES_FILE}; its cases are skipped.`);
}
const describeCorpus = cases.length > 0 ? describe : describe.skip;

describeCorpus(
  `Quartz cron corpus (${cases.length > 0 ? CASES_FILE : `skipped: ${CASES_FILE} not found`})`,
  () => {
    it.each(cases.filter((c) => c.invalid))('rejects $id: $expr', ({ expr }) => {
      expect(() => parseQuartzCron(expr)).toThrow(CronSyntaxError);
    });

    it.each(cases.filter((c) => !c.invalid))(
      'fires like Quartz for $id: $expr in $timeZone after $after',
      ({ expr, timeZone, after, n, next }) => {
        const fireTimes = nextFireTimes(parseQuartzCron(expr), timeZone, new Date(after), n);
        expect(fireTimes.map((fireTime) => fireTime.toISOString())).toEqual(next);
      },
    );
  },
);
