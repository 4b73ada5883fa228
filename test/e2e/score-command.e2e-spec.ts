import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve(__dirname, '../../dist/src/cli.js');

const MODEL = `<?xml version="1.0"?>
<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">
  <DataDictionary>
    <DataField name="x" optype="continuous" dataType="double">
      <Interval closure="closedClosed" leftMargin="0" rightMargin="100"/>
    </DataField>
    <DataField name="colour" optype="categorical" dataType="string"><Value value="red"/><Value value=" blue"/></DataField>
    <DataField name="y" optype="continuous" dataType="double"/>
  </DataDictionary>
  <RegressionModel functionName="regression">
    <MiningSchema>
      <MiningField name="y" usageType="target"/>
      <MiningField name="x" missingValueReplacement="10"/>
      <MiningField name="colour" invalidValueTreatment="asMissing"/>
    </MiningSchema>
    <Output>
      <OutputField name="predicted" feature="predictedValue"/>
      <OutputField name="half" feature="transformedValue"><Apply function="/"><FieldRef field="predicted"/><Constant>2</Constant></Apply></OutputField>
    </Output>
    <RegressionTable intercept="1">
      <NumericPredictor name="x" coefficient="2"/>
      <CategoricalPredictor name="colour" value=" blue" coefficient="100"/>
    </RegressionTable>
  </RegressionModel>
</PMML>`;

describe('scorecast score (the conformance scorer contract)', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(CLI))
      throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
    dir = mkdtempSync(join(tmpdir(), 'scorecast-score-'));
    writeFileSync(join(dir, 'model.pmml'), MODEL);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function score(input: string): { status: number | null; output: string; stderr: string } {
    writeFileSync(join(dir, 'input.csv'), input);
    rmSync(join(dir, 'out.csv'), { force: true });
    const run = spawnSync(
      process.execPath,
      [CLI, 'score', join(dir, 'model.pmml'), join(dir, 'input.csv'), join(dir, 'out.csv')],
      {
        encoding: 'utf8',
      },
    );
    const outFile = join(dir, 'out.csv');
    return {
      status: run.status,
      output: existsSync(outFile) ? readFileSync(outFile, 'utf8') : '',
      stderr: run.stderr,
    };
  }

  it('writes every target and output field for each record, reading blanks in categories verbatim', () => {
    const run = score('x,colour,extra\n1,red,ignored\n2," blue",\n,red,\n');
    expect(run.status).toBe(0);
    expect(run.output).toBe('y,predicted,half\n3,3,1.5\n105,105,52.5\n21,21,10.5\n');
  });

  it('writes empty cells for a record that cannot be scored and still scores the others', () => {
    const run = score('x,colour\n1,red\n500,red\n3,red\n');
    expect(run.status).toBe(0);
    expect(run.output).toBe('y,predicted,half\n3,3,1.5\n,,\n7,7,3.5\n');
    expect(run.stderr).toContain(
      '1 record(s) could not be scored; the first: Field "x" has the invalid value 500.',
    );
  });

  it('gives the same output in worker threads as on one thread for a large input', () => {
    const rows = Array.from(
      { length: 25_000 },
      (_, index) => `${index % 103},${index % 3 === 0 ? 'red' : ''}`,
    );
    const input = `x,colour\n${rows.join('\n')}\n`;
    writeFileSync(join(dir, 'large.csv'), input);
    const outputs = ['1', '2'].map((threads) => {
      const out = join(dir, `large-${threads}.csv`);
      const run = spawnSync(
        process.execPath,
        [
          CLI,
          'score',
          '--threads',
          threads,
          '--parallel-min-rows',
          '1000',
          '--parallel-min-ms',
          '0',
          join(dir, 'model.pmml'),
          join(dir, 'large.csv'),
          out,
        ],
        {
          encoding: 'utf8',
        },
      );
      expect(run.status).toBe(0);
      expect(run.stderr).toContain('record(s) could not be scored');
      return readFileSync(out, 'utf8');
    });
    expect(outputs[1]).toBe(outputs[0]);
    const lines = outputs[0].trimEnd().split('\n');
    expect(lines).toHaveLength(25_001);
    expect(lines[1]).toBe('1,1,0.5');
    expect(lines[101]).toBe(',,');
  });

  it('exits non-zero with the reason when the model is not PMML', () => {
    writeFileSync(join(dir, 'broken.pmml'), '<PMML>');
    const run = spawnSync(
      process.execPath,
      [CLI, 'score', join(dir, 'broken.pmml'), join(dir, 'input.csv'), join(dir, 'o.csv')],
      {
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid XML format.');
  });
});
