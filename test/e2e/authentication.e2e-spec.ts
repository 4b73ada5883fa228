import request from 'supertest';
import { type TestApp, startTestApp } from '../utils/test-app';
import { testDatabaseKinds } from '../utils/test-databases';
import { ProbeModule } from '../utils/probe.module';
import { bearer, tokenFor } from '../utils/tokens';

const INFO = 'https://cumulocity.com/guides/reference/rest-implementation/#error_reporting';
const NO_AUTH = {
  error: 'general/internalError',
  message: 'No auth information found',
  info: INFO,
};
const INVALID = { error: 'general/internalError', message: 'Invalid credentials', info: INFO };
const DENIED = { error: 'security/Forbidden', message: 'Access is denied', info: INFO };

describe.each(testDatabaseKinds())('authentication and roles (%s)', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind, { extraModules: [ProbeModule] });
  });
  afterAll(() => t.close());

  it('answers GET /user/currentUser without credentials with the exact Cumulocity 401 body', async () => {
    const response = await request(t.http).get('/user/currentUser').expect(401);
    expect(response.body).toEqual(NO_AUTH);
  });

  it('answers an unknown Authorization scheme as missing auth information', async () => {
    await request(t.http)
      .get('/user/currentUser')
      .set('Authorization', 'Digest abc')
      .expect(401, NO_AUTH);
  });

  it('accepts an HS256 token minted outside the project with the ADMIN role', async () => {
    const response = await request(t.http)
      .get('/user/currentUser')
      .set(...bearer(tokenFor('ADMIN', { sub: 'alice' })))
      .expect(200);
    expect(response.body).toEqual({
      id: 'alice',
      userName: 'alice',
      effectiveRoles: [{ id: 'ROLE_MACHINE_LEARNING_READ' }, { id: 'ROLE_MACHINE_LEARNING_ADMIN' }],
    });
  });

  it('accepts role names without the ROLE_ prefix', async () => {
    const token = tokenFor([], { roles: ['MACHINE_LEARNING_ADMIN'] });
    await request(t.http)
      .get('/service/zementis/probe/admin')
      .set(...bearer(token))
      .expect(200);
  });

  it('lets READ and ADMIN call a READ route', async () => {
    for (const role of ['READ', 'ADMIN'] as const) {
      await request(t.http)
        .get('/service/zementis/probe/read')
        .set(...bearer(tokenFor(role)))
        .expect(200);
    }
  });

  it('answers a READ token on an ADMIN route with 403 in the Cumulocity envelope', async () => {
    await request(t.http)
      .get('/service/zementis/probe/admin')
      .set(...bearer(tokenFor('READ')))
      .expect(403, DENIED);
  });

  it('answers an authenticated caller without machine-learning roles with 403', async () => {
    const token = tokenFor([], { roles: ['ROLE_INVENTORY_READ'] });
    await request(t.http)
      .get('/service/zementis/probe/read')
      .set(...bearer(token))
      .expect(403);
    const me = await request(t.http)
      .get('/user/currentUser')
      .set(...bearer(token))
      .expect(200);
    expect(me.body.effectiveRoles).toEqual([]);
  });

  it('closes a route that declares neither @Roles nor @Public', async () => {
    await request(t.http)
      .get('/service/zementis/probe/undeclared')
      .set(...bearer(tokenFor('ADMIN')))
      .expect(403, DENIED);
  });

  it.each([
    ['signed with another secret', tokenFor('ADMIN', {}, {}, 'another-secret-another-secret-1234')],
    ['expired', tokenFor('ADMIN', { exp: Math.floor(Date.now() / 1000) - 3600 })],
    ['not yet valid', tokenFor('ADMIN', {}, { notBefore: '1h' })],
    ['without a subject', tokenFor('ADMIN', { sub: undefined })],
    ['malformed', 'not.a.jwt'],
  ])('rejects a token %s with 401 Invalid credentials', async (_name, token) => {
    await request(t.http)
      .get('/user/currentUser')
      .set(...bearer(token))
      .expect(401, INVALID);
  });

  it('rejects an unsigned token (alg none)', async () => {
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const payload = {
      sub: 'mallory',
      roles: ['ROLE_MACHINE_LEARNING_ADMIN'],
      exp: Math.floor(Date.now() / 1000) + 300,
    };
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
    await request(t.http)
      .get('/user/currentUser')
      .set(...bearer(unsigned))
      .expect(401, INVALID);
  });

  it('tolerates a small clock skew on expiry', async () => {
    const token = tokenFor('READ', { exp: Math.floor(Date.now() / 1000) - 5 });
    await request(t.http)
      .get('/user/currentUser')
      .set(...bearer(token))
      .expect(200);
  });
});

describe('token claims settings', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('sqlite', {
      extraModules: [ProbeModule],
      env: {
        JWT_ROLES_CLAIM: 'realm_access.roles',
        JWT_ISSUER: 'https://idp.example.test/realms/iot',
        JWT_AUDIENCE: 'scorecast',
      },
    });
  });
  afterAll(() => t.close());

  const claims = { realm_access: { roles: ['ROLE_MACHINE_LEARNING_ADMIN'] }, roles: undefined };
  const good = { issuer: 'https://idp.example.test/realms/iot', audience: 'scorecast' };

  it('reads roles from a dotted claim path and checks issuer and audience', async () => {
    await request(t.http)
      .get('/service/zementis/probe/admin')
      .set(...bearer(tokenFor([], claims, good)))
      .expect(200);
  });

  it('ignores roles outside the configured claim', async () => {
    await request(t.http)
      .get('/service/zementis/probe/admin')
      .set(...bearer(tokenFor('ADMIN', {}, good)))
      .expect(403);
  });

  it.each([
    ['issuer', { ...good, issuer: 'https://evil.example.test' }],
    ['audience', { ...good, audience: 'someone-else' }],
  ])('rejects a token with the wrong %s', async (_name, options) => {
    await request(t.http)
      .get('/user/currentUser')
      .set(...bearer(tokenFor([], claims, options)))
      .expect(401, INVALID);
  });
});
