import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { parseCsv } from '../../src/core/csv/csv-format';
import { regressionPmml } from '../../src/modules/models/apply/testing/regression-pmml';
import { type TestApp, startTestApp } from '../utils/test-app';
import { testDatabaseKinds } from '../utils/test-databases';
import { bearer, tokenFor } from '../utils/tokens';

const BASE = '/service/zementis';
const ADMIN = bearer(tokenFor('ADMIN', { sub: 'alice' }));
const READ = bearer(tokenFor('READ', { sub: 'bob' }));

// A, B and C take the same input x: y = 1 + 2x, 1 - x and 1 + 3x.
const A_RESULT = (x: number): Record<string, unknown> => ({
  y: 1 + 2 * x,
  predicted: 1 + 2 * x,
  half: (1 + 2 * x) / 2,
  sign: 1 + 2 * x < 0 ? 'neg, low' : 'pos',
});
const NULL_RESULT = { y: null, predicted: null, half: null, sign: null };

const FAILED_RECORDS = 'x-scorecast-failed-records';
const FIRST_ERROR = 'x-scorecast-first-error';
const INVALID_ABC = 'Field "x" has the invalid value "abc".';

const CONFORMANCE_CASE = '/work/shared/pmml-conformance/cases/rattle-LogisticRegressionIris';

interface Tolerance {
  kind: string;
  precision?: number;
  zeroThreshold?: number;
  tolerance?: number;
}

/** Whether an output cell matches the expected one, as the corpus's check.mjs compares them. */
function cellMatches(expected: string, actual: string, tolerance: Tolerance): boolean {
  if (expected === '' || actual === '') return expected === actual;
  const [e, a] = [Number(expected), Number(actual)];
  if (Number.isNaN(e) || Number.isNaN(a)) {
    return expected === actual || (expected === 'NaN' && actual === 'NaN');
  }
  if (tolerance.kind === 'absolute') return Math.abs(e - a) <= (tolerance.tolerance ?? 0);
  if (tolerance.kind !== 'relative') throw new Error(`tolerance ${tolerance.kind} not handled`);
  const zero = tolerance.zeroThreshold ?? 0;
  return (
    Math.abs(e - a) <= (tolerance.precision ?? 0) * Math.max(Math.abs(e), Math.abs(a)) ||
    (Math.abs(e) <= zero && Math.abs(a) <= zero)
  );
}

describe.each(testDatabaseKinds())('applying models (%s)', (kind) => {
  let t: TestApp;

  const upload = (document: string): request.Test =>
    request(t.http)
      .post(`${BASE}/model`)
      .set(...ADMIN)
      .set('Content-Type', 'application/xml')
      .send(document);

  const postBatch = (path: string, contentType: string, body: string): request.Test =>
    request(t.http)
      .post(`${BASE}/${path}`)
      .set(...READ)
      .set('Content-Type', contentType)
      .send(body);

  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const [name, slope] of [
      ['A', 2],
      ['B', -1],
      ['C', 3],
      ['Dormant', 1],
    ] as const) {
      await upload(regressionPmml(name, slope)).expect(201);
    }
    await request(t.http)
      .put(`${BASE}/model/Dormant/deactivate`)
      .set(...ADMIN)
      .expect(200);
  });
  afterAll(() => t.close());

  describe('GET /apply/{model}', () => {
    it('scores the record given as JSON and answers every result field', async () => {
      const response = await request(t.http)
        .get(`${BASE}/apply/A`)
        .query({ record: JSON.stringify({ x: 3 }) })
        .set(...READ)
        .expect(200);
      expect(response.body).toEqual({ model: 'A', outputs: [A_RESULT(3)] });
    });

    it('answers a missing or malformed record with the Zementis 400', async () => {
      for (const query of [{}, { record: '{"x":' }, { record: '[1]' }]) {
        await request(t.http)
          .get(`${BASE}/apply/A`)
          .query(query)
          .set(...READ)
          .expect(400, { errors: ['Failed to parse input at record 1.'] });
      }
    });

    it("answers a record the model cannot score with a 400 giving the engine's reason", async () => {
      await request(t.http)
        .get(`${BASE}/apply/A`)
        .query({ record: '{"x":"abc"}' })
        .set(...READ)
        .expect(400, { errors: [INVALID_ABC] });
    });
  });

  describe('POST /apply/{model}', () => {
    it('answers CSV with CSV: a header of the result fields and a row per record', async () => {
      const response = await postBatch('apply/A', 'text/csv', 'x,unused\n3,q\n-4\n,\n').expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.text).toBe(
        'y,predicted,half,sign\n7,7,3.5,pos\n-7,-7,-3.5,"neg, low"\n,,,\n',
      );
      expect(response.headers[FAILED_RECORDS]).toBe('0');
      expect(response.headers[FIRST_ERROR]).toBeUndefined();
    });

    it('answers a JSON array with the outputs of every record', async () => {
      const response = await postBatch(
        'apply/A',
        'application/json',
        JSON.stringify([{ x: 3 }, { x: -4, other: 'ignored' }, {}]),
      ).expect(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.body).toEqual({
        model: 'A',
        outputs: [A_RESULT(3), A_RESULT(-4), NULL_RESULT],
      });
    });

    it.each(['application/x-ndjson', 'application/jsonl'])(
      'answers JSON lines (%s) with a line of results per record',
      async (type) => {
        const response = await postBatch('apply/A', type, '{"x":3}\n\n{"x":-4}\n').expect(200);
        expect(response.headers['content-type']).toBe(`${type}; charset=utf-8`);
        expect(response.text).toBe(
          `${JSON.stringify(A_RESULT(3))}\n${JSON.stringify(A_RESULT(-4))}\n`,
        );
      },
    );

    it.each([
      ['text/csv', 'x\n1\n2,3\n4\n', 2],
      ['text/csv', 'x\n1\n"2\n3\n', 2],
      ['application/json', '[{"x":1},{"x":2},7]', 3],
      ['application/x-ndjson', '{"x":1}\n{"x":2}\n{"x":3}\n{"x":\n', 4],
    ])('fails the whole %s batch at a record it cannot read', async (type, body, record) => {
      const response = await postBatch('apply/A', type, body).expect(400);
      expect(response.body).toEqual({ errors: [`Failed to parse input at record ${record}.`] });
      expect(response.headers[FAILED_RECORDS]).toBeUndefined();
    });

    it('gives null results to a record the model cannot score and counts it in the headers', async () => {
      const response = await postBatch(
        'apply/A',
        'application/json',
        '[{"x":"abc"},{"x":3},{"x":"déf"}]',
      ).expect(200);
      expect(response.body.outputs).toEqual([NULL_RESULT, A_RESULT(3), NULL_RESULT]);
      expect(response.headers[FAILED_RECORDS]).toBe('2');
      expect(response.headers[FIRST_ERROR]).toBe(INVALID_ABC);
    });

    it('writes numbers that are not finite as null in JSON and as text in CSV', async () => {
      const json = await postBatch('apply/A', 'application/json', '[{"x":"INF"}]').expect(200);
      expect(json.body.outputs).toEqual([{ y: null, predicted: null, half: null, sign: 'pos' }]);
      const csv = await postBatch('apply/A', 'text/csv', 'x\nINF\n').expect(200);
      expect(csv.text).toBe('y,predicted,half,sign\nInfinity,Infinity,Infinity,pos\n');
    });

    it('refuses a content type it cannot read, naming the accepted ones', async () => {
      const response = await postBatch('apply/A', 'text/plain', 'x\n1\n').expect(400);
      expect(response.body.errors[0]).toMatch(
        /^Send the records as text\/csv .*application\/json .*application\/x-ndjson, .*; the Content-Type was text\/plain\.$/,
      );
    });
  });

  describe('which models may be applied, and by whom', () => {
    it('refuses an inactive model with 409', async () => {
      const conflict = {
        errors: ["Model 'Dormant' is not active; activate it before applying it."],
      };
      await postBatch('apply/Dormant', 'text/csv', 'x\n1\n').expect(409, conflict);
      await request(t.http)
        .get(`${BASE}/apply/Dormant`)
        .query({ record: '{"x":1}' })
        .set(...READ)
        .expect(409, conflict);
    });

    it('answers an unknown model with 404', async () => {
      await postBatch('apply/Nothing', 'text/csv', 'x\n1\n').expect(404, {
        errors: ["Model 'Nothing' not found."],
      });
      await request(t.http)
        .get(`${BASE}/apply/Nothing`)
        .query({ record: '{"x":1}' })
        .set(...READ)
        .expect(404, { errors: ["Model 'Nothing' not found."] });
    });

    it('lets READ and ADMIN apply, and refuses callers without a token', async () => {
      for (const role of ['READ', 'ADMIN'] as const) {
        await request(t.http)
          .post(`${BASE}/apply/A`)
          .set(...bearer(tokenFor(role)))
          .set('Content-Type', 'text/csv')
          .send('x\n1\n')
          .expect(200);
      }
      await request(t.http)
        .post(`${BASE}/apply/A`)
        .set('Content-Type', 'text/csv')
        .send('x\n1\n')
        .expect(401);
      await request(t.http).get(`${BASE}/apply/A`).query({ record: '{"x":1}' }).expect(401);
    });
  });

  describe('POST /pmml/apply-group/{group}', () => {
    beforeAll(async () => {
      for (const group of [
        { groupName: 'G', models: ['A', 'B'], primaryModel: 'A' },
        { groupName: 'H', models: ['C', 'Dormant'], primaryModel: 'C' },
      ]) {
        await request(t.http)
          .post(`${BASE}/pmml/groups`)
          .set(...ADMIN)
          .send(group)
          .expect(201);
      }
    });

    const bResult = (x: number): Record<string, unknown> => ({
      y: 1 - x,
      predicted: 1 - x,
      half: (1 - x) / 2,
      sign: 1 - x < 0 ? 'neg, low' : 'pos',
    });

    it("answers JSON with every member's results per record, in the group's order", async () => {
      const response = await postBatch(
        'pmml/apply-group/G',
        'application/json',
        '[{"x":3},{"x":"abc"}]',
      ).expect(200);
      expect(response.body).toEqual({
        group: 'G',
        outputs: [
          { A: A_RESULT(3), B: bResult(3) },
          { A: NULL_RESULT, B: NULL_RESULT },
        ],
      });
      expect(Object.keys(response.body.outputs[0])).toEqual(['A', 'B']);
      expect(response.headers[FAILED_RECORDS]).toBe('1');
      expect(response.headers[FIRST_ERROR]).toBe(`Model 'A': ${INVALID_ABC}`);
    });

    it('answers CSV with <model>.<field> columns and JSON lines with an object per line', async () => {
      const csv = await postBatch('pmml/apply-group/G', 'text/csv', 'x\n3\n').expect(200);
      expect(csv.text).toBe(
        'A.y,A.predicted,A.half,A.sign,B.y,B.predicted,B.half,B.sign\n7,7,3.5,pos,-2,-2,-1,"neg, low"\n',
      );
      const lines = await postBatch('pmml/apply-group/G', 'application/x-ndjson', '{"x":3}\n');
      expect(lines.status).toBe(200);
      expect(lines.text).toBe(`${JSON.stringify({ A: A_RESULT(3), B: bResult(3) })}\n`);
    });

    it('refuses a group with an inactive member with 409, and an unknown group with 404', async () => {
      await postBatch('pmml/apply-group/H', 'text/csv', 'x\n1\n').expect(409, {
        errors: ["Model 'Dormant' is not active; activate it before applying it."],
      });
      await postBatch('pmml/apply-group/Nothing', 'text/csv', 'x\n1\n').expect(404, {
        errors: ["Model group with name 'Nothing' does not exist."],
      });
    });
  });

  it('counts scored records and scoring time per model in the metrics', async () => {
    await postBatch('apply/C', 'text/csv', 'x\n1\n2\n3\n').expect(200);
    const metrics = await request(t.http).get('/metrics').expect(200);
    expect(metrics.text).toContain('scorecast_model_records_scored_total{model="C"} 3');
    expect(metrics.text).toMatch(/scorecast_model_scoring_seconds_count\{model="C"\} 1\n/);
  });

  it('documents the apply routes with the formats they read and write', async () => {
    const document = (await request(t.http).get('/api/docs-json').expect(200)).body;
    const batch = document.paths[`${BASE}/apply/{model}`].post;
    expect(Object.keys(batch.requestBody.content)).toEqual(
      expect.arrayContaining(['text/csv', 'application/json', 'application/x-ndjson']),
    );
    expect(batch.responses['400'].content['application/json'].examples.badRecord.value).toEqual({
      errors: ['Failed to parse input at record 3.'],
    });
    expect(batch.responses['200'].content['text/csv'].schema.type).toBe('string');
    expect(batch.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/ApplyResponseDto',
    });
    expect(Object.keys(batch.responses['413'].content)).toEqual(['application/json']);
    expect(document.components.schemas.ApplyResponseDto.properties.model.example).toBe(
      'DecisionTreeClassifier',
    );
    expect(document.paths[`${BASE}/apply/{model}`].get.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'record', in: 'query' })]),
    );
    expect(document.paths[`${BASE}/pmml/apply-group/{group}`].post.summary).toBeDefined();
  });

  const conformanceTitle = existsSync(CONFORMANCE_CASE)
    ? 'scores a conformance corpus case over HTTP within its tolerance'
    : `scores a conformance corpus case (skipped: ${CONFORMANCE_CASE} is absent)`;
  (existsSync(CONFORMANCE_CASE) ? it : it.skip)(conformanceTitle, async () => {
    const read = (file: string): string => readFileSync(join(CONFORMANCE_CASE, file), 'utf8');
    const meta = JSON.parse(read('case.json')) as { columns: string[]; tolerance: Tolerance };
    const uploaded = await upload(read('model.pmml')).expect(201);
    const response = await postBatch(
      `apply/${encodeURIComponent(uploaded.body.modelName as string)}`,
      'text/csv',
      read('input.csv'),
    ).expect(200);
    const actual = parseCsv(response.text);
    const expected = parseCsv(read('expected.csv'));
    expect(actual.rows).toHaveLength(expected.rows.length);
    const mismatches: string[] = [];
    for (const column of meta.columns) {
      const [e, a] = [expected.header.indexOf(column), actual.header.indexOf(column)];
      expect(a).toBeGreaterThanOrEqual(0);
      expected.rows.forEach((row, index) => {
        if (!cellMatches(row[e], actual.rows[index][a], meta.tolerance)) {
          mismatches.push(`row ${index + 1} ${column}: ${row[e]} != ${actual.rows[index][a]}`);
        }
      });
    }
    expect(mismatches).toEqual([]);
  });

  describe('with a body limit of 1 kB', () => {
    let small: TestApp;

    beforeAll(async () => {
      small = await startTestApp(kind, { env: { APPLY_BODY_LIMIT: '1kb' } });
      await request(small.http)
        .post(`${BASE}/model`)
        .set(...ADMIN)
        .set('Content-Type', 'application/xml')
        .send(regressionPmml('A'))
        .expect(201);
    });
    afterAll(() => small.close());

    it('answers a larger body with 413 and a body within the limit normally', async () => {
      const rows = (count: number): string =>
        `x\n${Array.from({ length: count }, () => '1.5').join('\n')}\n`;
      await request(small.http)
        .post(`${BASE}/apply/A`)
        .set(...READ)
        .set('Content-Type', 'text/csv')
        .send(rows(300))
        .expect(413, { errors: ['The request body is larger than the limit of 1024 bytes.'] });
      await request(small.http)
        .post(`${BASE}/apply/A`)
        .set(...READ)
        .set('Content-Type', 'text/csv')
        .send(rows(100))
        .expect(200);
    });

    it('answers 413 when a body sent without a declared length passes the limit', async () => {
      const test = request(small.http)
        .post(`${BASE}/apply/A`)
        .set(...READ)
        .set('Content-Type', 'application/x-ndjson');
      // Written piece by piece, the body goes out chunked, so only counting its bytes finds it.
      for (let index = 0; index < 200; index++) void test.write('{"x":1.5}\n');
      await test.expect(413, {
        errors: ['The request body is larger than the limit of 1024 bytes.'],
      });
    });
  });
});
