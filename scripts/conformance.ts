// Runs the shared PMML conformance corpus against the built `scorecast score` command and
// fails when fewer cases pass than the bar in .ci/conformance-min-pass (raised as the engine
// improves, never lowered).
//
//   npm run conformance [-- --only id1,id2 --json report.json]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const CORPUS = resolve(ROOT, '../shared/pmml-conformance');
const CHECKER = join(CORPUS, 'check.mjs');
const CLI = join(ROOT, 'dist/src/cli.js');

function main(): number {
  if (!existsSync(CHECKER)) {
    process.stdout.write(
      `pmml-conformance: the corpus (${CORPUS}) is absent, so nothing was checked.\n`,
    );
    return 0;
  }
  if (!existsSync(CLI)) {
    process.stderr.write(`pmml-conformance: ${CLI} is missing; run \`npm run build\` first.\n`);
    return 1;
  }
  const extra = process.argv.slice(2);
  const minPass = readFileSync(join(ROOT, '.ci/conformance-min-pass'), 'utf8').trim();
  const partial = extra.includes('--only');
  const args = [
    CHECKER,
    '--scorer',
    `node ${JSON.stringify(CLI)} score`,
    ...(partial ? [] : ['--min-pass', minPass]),
    ...extra,
  ];
  const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (!partial)
    process.stdout.write(
      `pmml-conformance: the bar is ${minPass} passing cases (.ci/conformance-min-pass).\n`,
    );
  return run.status ?? 1;
}

process.exitCode = main();
