import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import type { DatabaseConfig } from '../../src/core/config/app-config';
import { DatabaseService } from '../../src/core/database/database.service';
import { type TestApp, startTestApp } from '../utils/test-app';
import { testDatabaseKinds } from '../utils/test-databases';
import { TEST_JWT_SECRET, bearer, tokenFor } from '../utils/tokens';

const CLI = resolve(__dirname, '../../dist/src/cli.js');
const ADMIN = bearer(tokenFor('ADMIN'));
const READ = bearer(tokenFor('READ'));
const SUMMARY = /^imported (\d+) values \((\d+) measurements\) in \d+\.\d\d s \(\d+ values\/s\)\n$/;

const at = (second: number): string => new Date(Date.UTC(2026, 10, 1, 0, 0, second)).toISOString();

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The DB_* variables that point the CLI at the app's database. */
function databaseEnv(database: DatabaseConfig): Record<string, string> {
  if (database.type === 'sqlite') return { DB_TYPE: 'sqlite', DB_PATH: database.path };
  return {
    DB_TYPE: 'mysql',
    DB_HOST: database.host,
    DB_PORT: String(database.port),
    DB_USER: database.user,
    DB_PASSWORD: database.password ?? '',
    DB_NAME: database.database,
  };
}

interface StoredValue {
  source: number;
  series: string;
  time: number;
  value: number;
  type: string;
  unit: string;
}

describe.each(testDatabaseKinds())('scorecast import measurements (%s)', (kind) => {
  let t: TestApp;
  let dir: string;
  let device: string;

  beforeAll(async () => {
    if (!existsSync(CLI))
      throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
    dir = mkdtempSync(join(tmpdir(), 'scorecast-import-'));
    t = await startTestApp(kind);
    const created = await request(t.http)
      .post('/inventory/managedObjects')
      .set(...ADMIN)
      .send({ name: 'Pump', c8y_IsDevice: {} })
      .expect(201);
    device = (created.body as { id: string }).id;
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Run in the background, not with spawnSync, so the app's connections stay served meanwhile.
  function importFile(name: string, content: string, ...options: string[]): Promise<CliRun> {
    writeFileSync(join(dir, name), content);
    const child = spawn(process.execPath, [CLI, 'import', 'measurements', name, ...options], {
      cwd: dir,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        JWT_SECRET: TEST_JWT_SECRET,
        ...databaseEnv(t.config.database),
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    return new Promise((done, fail) => {
      child.once('error', fail);
      child.once('close', (status) => done({ status, stdout, stderr }));
    });
  }

  async function stored(fragment: string): Promise<StoredValue[]> {
    const rows = await t.app
      .get(DatabaseService)
      .queryArrays(
        'SELECT v.source, s.series, v.time, v.value, v.type, v.unit FROM measurement_values v JOIN measurement_series s ON s.id = v.series_id WHERE s.fragment = ? ORDER BY v.time, s.series',
        [fragment],
      );
    return rows.map(([source, series, time, value, type, unit]) => ({
      source: Number(source),
      series: String(series),
      time: Number(time),
      value: Number(value),
      type: String(type),
      unit: String(unit),
    }));
  }

  it('imports a CSV file, one value a row, and the API then serves the measurements', async () => {
    const run = await importFile(
      'values.csv',
      [
        'source,time,type,fragment,series,value,unit',
        `${device},${at(0)},c8y_Acceleration,c8y_Acceleration,accelerationX,0.5,g`,
        `${device},${at(0)},c8y_Acceleration,c8y_Acceleration,accelerationY,-1.25,g`,
        `${device},${at(1)},c8y_Acceleration,c8y_Acceleration,accelerationX,0.75,g`,
      ].join('\r\n'),
    );

    expect(run).toEqual({ status: 0, stdout: expect.stringMatching(SUMMARY), stderr: '' });
    expect(SUMMARY.exec(run.stdout)?.slice(1, 3)).toEqual(['3', '2']);
    const source = Number(device);
    expect(await stored('c8y_Acceleration')).toEqual([
      {
        source,
        series: 'accelerationX',
        time: Date.parse(at(0)),
        value: 0.5,
        type: 'c8y_Acceleration',
        unit: 'g',
      },
      {
        source,
        series: 'accelerationY',
        time: Date.parse(at(0)),
        value: -1.25,
        type: 'c8y_Acceleration',
        unit: 'g',
      },
      {
        source,
        series: 'accelerationX',
        time: Date.parse(at(1)),
        value: 0.75,
        type: 'c8y_Acceleration',
        unit: 'g',
      },
    ]);
    const listed = await request(t.http)
      .get(`/measurement/measurements?source=${device}&valueFragmentType=c8y_Acceleration`)
      .set(...READ)
      .expect(200);
    expect((listed.body as { measurements: object[] }).measurements[0]).toMatchObject({
      time: at(0),
      c8y_Acceleration: {
        accelerationX: { value: 0.5, unit: 'g' },
        accelerationY: { value: -1.25, unit: 'g' },
      },
    });
  });

  it('imports JSON lines, a document or a collection a line, in batches of the size given', async () => {
    const temperature = (second: number, value: number) => ({
      source: { id: device },
      time: at(second),
      type: 'c8y_Temperature',
      c8y_Temperature: { T: { value, unit: 'C' } },
    });
    const lines = [
      JSON.stringify(temperature(0, 20)),
      '',
      JSON.stringify({ measurements: [temperature(1, 21), temperature(2, 22)] }),
      JSON.stringify(temperature(3, 23)),
      JSON.stringify(temperature(0, 19.5)),
    ];

    const run = await importFile('values.export', `${lines.join('\n')}\n`, '--format', 'jsonl');
    const again = await importFile('values.jsonl', `${lines.join('\n')}\n`, '--batch-size', '2');

    expect(run.status).toBe(0);
    expect(SUMMARY.exec(run.stdout)?.slice(1, 3)).toEqual(['5', '5']);
    expect(again.status).toBe(0);
    expect((await stored('c8y_Temperature')).map((value) => [value.time, value.value])).toEqual([
      [Date.parse(at(0)), 19.5],
      [Date.parse(at(1)), 21],
      [Date.parse(at(2)), 22],
      [Date.parse(at(3)), 23],
    ]);
  });

  it('stops at a bad line, naming it, with a non-zero exit and nothing of its batch stored', async () => {
    const bad = await importFile(
      'bad.jsonl',
      [
        JSON.stringify({ source: { id: device }, time: at(0), c8y_Bad: { v: { value: 1 } } }),
        JSON.stringify({ source: { id: device }, time: 'yesterday', c8y_Bad: { v: { value: 2 } } }),
      ].join('\n'),
    );
    const unknown = await importFile(
      'unknown.csv',
      [
        'source,time,fragment,series,value',
        `${device},${at(0)},c8y_Unknown,v,1`,
        `${device},${at(1)},c8y_Unknown,v,2`,
        `999999,${at(2)},c8y_Unknown,v,3`,
        `${device},${at(3)},c8y_Unknown,v,4`,
      ].join('\n'),
      '--batch-size',
      '2',
    );

    expect(bad).toEqual({
      status: 1,
      stdout: '',
      stderr:
        'scorecast: line 2: time must be an ISO-8601 date-time with a zone, such as 2026-11-23T10:15:30.123Z. (nothing was imported)\n',
    });
    expect(await stored('c8y_Bad')).toEqual([]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe(
      'scorecast: line 4: no managed object has the id 999999; create the device first. (the 2 values of the lines before it were imported; importing the corrected file again replaces them)\n',
    );
    expect((await stored('c8y_Unknown')).map((value) => value.value)).toEqual([1, 2]);
  });

  it('with --skip-invalid, imports the good lines and reports the skipped ones', async () => {
    const run = await importFile(
      'mixed.csv',
      [
        'fragment,series,source,time,value',
        `c8y_Mixed,v,${device},${at(0)},1`,
        `c8y_Mixed,v,${device},${at(1)},warm`,
        `c8y_Mixed,v,999999,${at(2)},3`,
        `c8y_Mixed,v,${device},${at(3)},4`,
      ].join('\n'),
      '--skip-invalid',
    );

    expect(run.status).toBe(0);
    expect(SUMMARY.exec(run.stdout)?.slice(1, 3)).toEqual(['2', '2']);
    expect(run.stderr).toBe(
      [
        'skipped 2 line(s):',
        '  line 3: c8y_Mixed.v.value must be a finite number.',
        '  line 4: no managed object has the id 999999; create the device first.',
        '',
      ].join('\n'),
    );
    expect((await stored('c8y_Mixed')).map((value) => value.value)).toEqual([1, 4]);
  });
});
