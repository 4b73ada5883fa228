import request from 'supertest';
import { type TestApp, startTestApp } from '../utils/test-app';
import { testDatabaseKinds } from '../utils/test-databases';
import { basic, bearer, tokenFor } from '../utils/tokens';

describe.each(testDatabaseKinds())('health, metrics and API docs (%s)', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t.close());

  it('reports liveness and database readiness without credentials', async () => {
    await request(t.http)
      .get('/health')
      .expect(200)
      .expect((r) => expect(r.body.status).toBe('ok'));
    const ready = await request(t.http).get('/health/ready').expect(200);
    expect(ready.body.details.database.status).toBe('up');
  });

  it('exports an HTTP histogram labelled by route template and status', async () => {
    await request(t.http).get('/user/currentUser').expect(401);
    const metrics = await request(t.http).get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/user\/currentUser",status_code="401"\} [1-9]/,
    );
    expect(metrics.text).toContain('process_cpu_seconds_total');
  });

  it('serves Swagger UI and an OpenAPI document with both security schemes', async () => {
    const ui = await request(t.http).get('/api/docs/').expect(200);
    expect(ui.text).toContain('swagger-ui');
    const document = (await request(t.http).get('/api/docs-json').expect(200)).body;
    expect(document.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      basic: expect.objectContaining({ type: 'http', scheme: 'basic' }),
    });
  });

  it('documents /user/currentUser with its response schema and error answers', async () => {
    const document = (await request(t.http).get('/api/docs-json').expect(200)).body;
    const operation = document.paths['/user/currentUser'].get;
    expect(operation.security).toEqual(expect.arrayContaining([{ bearer: [] }, { basic: [] }]));
    expect(operation.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CurrentUserResponseDto',
    });
    expect(operation.responses['401'].content['application/json'].schema.example.message).toBe(
      'No auth information found',
    );
    expect(document.components.schemas.CurrentUserResponseDto.required).toEqual(
      expect.arrayContaining(['id', 'userName', 'effectiveRoles']),
    );
  });

  it('accepts bearer tokens on documented routes once Swagger sends them', async () => {
    await request(t.http)
      .get('/user/currentUser')
      .set(...bearer(tokenFor('READ')))
      .expect(200);
  });
});

describe('an unreachable database', () => {
  let t: TestApp;

  beforeAll(async () => {
    // A port nothing listens on: connecting fails at once, and keeps failing.
    t = await startTestApp('sqlite', {
      waitForDatabase: false,
      env: {
        DB_TYPE: 'mysql',
        DB_HOST: '127.0.0.1',
        DB_PORT: '9',
        DB_USER: 'nobody',
        DB_NAME: 'nothing',
        DB_RETRY_MAX_DELAY_MS: '200',
      },
    });
  });
  afterAll(() => t.close());

  it('keeps the process serving: live, not ready, 503 for database work', async () => {
    await new Promise((resolve) => setTimeout(resolve, 600));
    await request(t.http).get('/health').expect(200);
    const ready = await request(t.http).get('/health/ready').expect(503);
    expect(ready.body.status).toBe('error');
    expect(ready.body.details.database.status).toBe('down');
    await request(t.http)
      .get('/user/currentUser')
      .set(...basic('someone', 'some-password'))
      .expect(503, { errors: ['The database is not available right now; try again shortly.'] });
    await request(t.http)
      .get('/user/currentUser')
      .set(...bearer(tokenFor('READ')))
      .expect(200);
  });
});
