// In-process throughput of the PMML engine on ../shared/pmml-bench, next to scikit-learn's
// figures from the same kit (baseline.json). Inputs are parsed before timing: this measures
// the engine, not CSV handling (bench.mjs measures the whole `scorecast score` process).
//
//   npx ts-node --transpile-only -r tsconfig-paths/register bench/pmml-bench.ts [--models a,b]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { compilePmml, type CompiledPmml } from '@scorecast/pmml';

const KIT = resolve(__dirname, '../../shared/pmml-bench');

interface Baseline {
  batch_predict: Record<'10k' | '100k', { records_per_s: number }>;
  single_record: { latency_ms_median: number };
}

function readMaybeGzip(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8');
  return gunzipSync(readFileSync(`${file}.gz`)).toString('utf8');
}

function readColumns(
  file: string,
  repeat: number,
): { columns: Record<string, number[]>; rows: number } {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const names = header.split(',');
  const columns: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let pass = 0; pass < repeat; pass++) {
    for (const line of lines) {
      line.split(',').forEach((cell, index) => columns[names[index]].push(Number(cell)));
    }
  }
  return { columns, rows: lines.length * repeat };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeSeconds(action: () => void): number {
  const start = process.hrtime.bigint();
  action();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function batchRate(
  model: CompiledPmml,
  input: { columns: Record<string, number[]>; rows: number },
): number {
  model.scoreColumns(input.columns, input.rows);
  const seconds = [0, 1, 2, 3, 4].map(() =>
    timeSeconds(() => model.scoreColumns(input.columns, input.rows)),
  );
  return input.rows / median(seconds);
}

/**
 * Records per timed group: few enough that most groups see no garbage collection, enough that
 * the timer reads (each about as costly as a small record) do not count.
 */
const LATENCY_GROUP = 100;
const LATENCY_ROUNDS = 5;

/**
 * The median latency of score(record), as scikit-learn's single_record figure is a median:
 * calls are timed LATENCY_GROUP at a time, so that the median leaves out the groups that a
 * garbage collection interrupted. Each of LATENCY_ROUNDS passes over the records gives a
 * median and the lowest is reported: a burst of the VM's other work can slow a whole pass
 * (a record takes about a microsecond), and only ever adds time. The mean over all calls is
 * given too.
 */
function singleRecordMicros(
  model: CompiledPmml,
  input: { columns: Record<string, number[]>; rows: number },
): { median: number; mean: number } {
  const names = Object.keys(input.columns);
  const records = Array.from({ length: input.rows }, (_, row) =>
    Object.fromEntries(names.map((name) => [name, input.columns[name][row]])),
  );
  for (const record of records) model.score(record);
  let best = Infinity;
  let total = 0;
  let calls = 0;
  for (let round = 0; round < LATENCY_ROUNDS; round++) {
    const groups: number[] = [];
    for (let start = 0; start + LATENCY_GROUP <= records.length; start += LATENCY_GROUP) {
      const seconds = timeSeconds(() => {
        for (let row = start; row < start + LATENCY_GROUP; row++) model.score(records[row]);
      });
      groups.push(seconds / LATENCY_GROUP);
      total += seconds;
      calls += LATENCY_GROUP;
    }
    best = Math.min(best, median(groups));
  }
  return { median: best * 1e6, mean: (total / calls) * 1e6 };
}

// The JS heap plus memory outside it: `external` holds array buffers and WebAssembly memories.
// Buffers are released after a collection, concurrently, so collections repeat until it settles.
function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  let previous = Number.NaN;
  for (let round = 0; round < 10; round++) {
    gc?.();
    const usage = process.memoryUsage();
    const used = usage.heapUsed + usage.external;
    if (Math.abs(used - previous) < 1e5) return used;
    previous = used;
  }
  return previous;
}

// Heap held by one compiled model: the heap with it alive minus the heap just before.
function retainedHeapMb(compile: () => CompiledPmml): number {
  const before = heapUsed();
  const held = [compile()];
  const withModel = heapUsed();
  held.pop();
  return (withModel - before) / 1e6;
}

const format = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function main(): void {
  const only = process.argv.includes('--models')
    ? process.argv[process.argv.indexOf('--models') + 1].split(',')
    : undefined;
  if (!existsSync(KIT)) {
    process.stdout.write(`pmml-bench: ${KIT} is absent; nothing to measure.\n`);
    return;
  }
  const models = readdirSync(join(KIT, 'models'))
    .filter((name) => !only || only.includes(name))
    .sort();
  const input10k = readColumns(join(KIT, 'data/data-10k.csv'), 1);
  const input100k = readColumns(join(KIT, 'data/data-10k.csv'), 10);
  const rows: string[][] = [
    [
      'model',
      'PMML MB',
      'compile ms',
      'heap MB',
      'rec/s 10k',
      'sklearn 10k',
      'ratio',
      'rec/s 100k',
      'sklearn 100k',
      'ratio',
      '1 record us',
      'mean us',
      'sklearn us',
      'speed-up',
    ],
  ];
  for (const name of models) {
    const dir = join(KIT, 'models', name);
    const baseline = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')) as Baseline;
    const text = readMaybeGzip(join(dir, 'model.pmml'));
    let model = compilePmml(text);
    const compileMs = median(
      [0, 1, 2].map(() => timeSeconds(() => (model = compilePmml(text))) * 1000),
    );
    const heapMb = retainedHeapMb(() => compilePmml(text));
    const rate10k = batchRate(model, input10k);
    const rate100k = batchRate(model, input100k);
    // A model of its own: one that scored columns has met their rows' shape in its record
    // reader too, as a service's model for single records would not.
    const micros = singleRecordMicros(compilePmml(text), input10k);
    const sklearnMicros = baseline.single_record.latency_ms_median * 1000;
    rows.push([
      name,
      format(text.length / 1e6, 1),
      format(compileMs, 1),
      format(heapMb, 1),
      format(rate10k),
      format(baseline.batch_predict['10k'].records_per_s),
      `${format(rate10k / baseline.batch_predict['10k'].records_per_s, 2)}x`,
      format(rate100k),
      format(baseline.batch_predict['100k'].records_per_s),
      `${format(rate100k / baseline.batch_predict['100k'].records_per_s, 2)}x`,
      format(micros.median, 2),
      format(micros.mean, 2),
      format(sklearnMicros, 1),
      `${format(sklearnMicros / micros.median, 0)}x`,
    ]);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows)
    process.stdout.write(
      `${row.map((cell, column) => cell.padStart(widths[column])).join('  ')}\n`,
    );
  process.stdout.write(
    'heap MB: memory held by one compiled model: JS heap, array buffers and WebAssembly memory (needs --expose-gc).\n' +
      '1 record us: median latency of score(record), timed 100 calls at a time, lowest of 5 passes (mean us: over all calls); sklearn us and speed-up: against its median latency.\n',
  );
}

main();
