import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { type TestApp, startTestApp } from '../utils/test-app';
import { testDatabaseKinds } from '../utils/test-databases';
import { ProbeModule, SLOW_PROBE_MS } from '../utils/probe.module';
import { bearer, tokenFor } from '../utils/tokens';

describe.each(testDatabaseKinds())('error answers (%s)', (kind) => {
  let t: TestApp;
  const admin = bearer(tokenFor('ADMIN'));

  beforeAll(async () => {
    t = await startTestApp(kind, { extraModules: [ProbeModule], env: { HTTP_BODY_LIMIT: '2kb' } });
  });
  afterAll(() => t.close());

  it('answers an unknown route with 404 in the envelope', async () => {
    await request(t.http)
      .get('/service/zementis/nothing-here')
      .expect(404, { errors: ['No resource at GET /service/zementis/nothing-here.'] });
  });

  it('answers a wrong method with 405 and the allowed methods', async () => {
    const response = await request(t.http).delete('/user/currentUser').expect(405);
    expect(response.headers.allow).toBe('GET, HEAD');
    expect(response.body).toEqual({
      errors: ['Method DELETE is not allowed on /user/currentUser; use GET, HEAD.'],
    });
  });

  it('answers malformed JSON with 400 in the envelope', async () => {
    const response = await request(t.http)
      .post('/service/zementis/probe/echo')
      .set(...admin)
      .set('Content-Type', 'application/json')
      .send('{"name": "a",')
      .expect(400);
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors[0]).toMatch(/^The request body is not valid JSON: /);
  });

  it('answers a body over the limit with 413 in the envelope', async () => {
    await request(t.http)
      .post('/service/zementis/probe/echo')
      .set(...admin)
      .send({ name: 'a', count: 1, padding: 'x'.repeat(4096) })
      .expect(413, { errors: ['The request body is larger than the limit of 2kb.'] });
  });

  it('lists every validation problem as a sentence naming the field', async () => {
    const response = await request(t.http)
      .post('/service/zementis/probe/echo')
      .set(...admin)
      .send({ name: 'far-too-long-a-name', count: 0, extra: true })
      .expect(400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        'property extra should not exist',
        'name must be shorter than or equal to 10 characters',
        'count must not be less than 1',
      ]),
    );
    expect(response.body.errors).toHaveLength(3);
  });

  it('accepts a valid body', async () => {
    await request(t.http)
      .post('/service/zementis/probe/echo')
      .set(...admin)
      .send({ name: 'ok', count: 2 })
      .expect(201, { name: 'ok', count: 2 });
  });

  it('answers an unexpected error with 500 naming the request id, without internals', async () => {
    const response = await request(t.http)
      .get('/service/zementis/probe/crash')
      .set(...admin)
      .set('X-Request-Id', 'trace-1234')
      .expect(500);
    expect(response.headers['x-request-id']).toBe('trace-1234');
    expect(response.body).toEqual({
      errors: ['An unexpected error occurred; quote request id trace-1234 when reporting it.'],
    });
    expect(JSON.stringify(response.body)).not.toContain('internal detail');
  });

  it('generates a request id when the caller sends none', async () => {
    const response = await request(t.http).get('/health');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('graceful shutdown', () => {
  it('finishes an in-flight request before the app closes', async () => {
    const t = await startTestApp('sqlite', { extraModules: [ProbeModule] });
    await t.app.listen(0, '127.0.0.1');
    const { port } = (t.app.getHttpServer() as Server).address() as AddressInfo;
    const started = Date.now();
    const inFlight = fetch(`http://127.0.0.1:${port}/service/zementis/probe/slow`, {
      headers: { Authorization: `Bearer ${tokenFor('READ')}` },
    });
    await new Promise((resolve) => setTimeout(resolve, SLOW_PROBE_MS / 4));
    const closing = t.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    await closing;
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW_PROBE_MS);
  });
});
