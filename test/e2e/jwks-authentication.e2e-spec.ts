import { createHmac } from 'node:crypto';
import { sign, type SignOptions } from 'jsonwebtoken';
import request from 'supertest';
import {
  generateSigningKey,
  type JwksServer,
  type SigningKey,
  startJwksServer,
} from '../utils/jwks-server';
import { ProbeModule } from '../utils/probe.module';
import { type TestApp, startTestApp } from '../utils/test-app';
import { bearer, tokenFor } from '../utils/tokens';

const INFO = 'https://cumulocity.com/guides/reference/rest-implementation/#error_reporting';
const INVALID = { error: 'general/internalError', message: 'Invalid credentials', info: INFO };

const ISSUER = 'https://idp.example.test/realms/iot';
const AUDIENCE = 'scorecast';
const ADMIN_ROLES = ['ROLE_MACHINE_LEARNING_ADMIN'];

// Minted as an enterprise identity provider would: its private key, its kid in the header.
function tokenSignedBy(
  key: SigningKey,
  claims: Record<string, unknown> = {},
  options: SignOptions = {},
): string {
  const payload = { sub: 'alice', roles: ADMIN_ROLES, ...claims };
  // An explicit exp claim and jsonwebtoken's expiresIn option cannot be combined.
  const expiry: SignOptions = 'exp' in payload ? {} : { expiresIn: '5m' };
  return sign(payload, key.privateKey, {
    algorithm: key.alg,
    keyid: key.kid,
    issuer: ISSUER,
    audience: AUDIENCE,
    ...expiry,
    ...options,
  });
}

// Built by hand so that no library refuses to use a public key as an HMAC secret.
function hs256Token(secret: string, header: Record<string, unknown> = {}): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const payload = { sub: 'mallory', roles: ADMIN_ROLES, iss: ISSUER, aud: AUDIENCE, iat: now };
  const signingInput = `${encode({ alg: 'HS256', typ: 'JWT', ...header })}.${encode({ ...payload, exp: now + 300 })}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

describe('authentication with keys from a JWKS endpoint (enterprise mode)', () => {
  const rsaKey = generateSigningKey('rsa-2024', 'RS256');
  const ecKey = generateSigningKey('ec-2024', 'ES256');
  const initialKeys = [rsaKey, ecKey];

  let jwks: JwksServer;
  let t: TestApp;

  beforeAll(async () => {
    jwks = await startJwksServer(initialKeys);
    t = await startTestApp('sqlite', {
      extraModules: [ProbeModule],
      env: {
        // Blank means unset: the HS256 test secret that startTestApp sets must not be in play.
        JWT_SECRET: '',
        JWT_JWKS_URI: jwks.uri,
        JWT_ISSUER: ISSUER,
        JWT_AUDIENCE: AUDIENCE,
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await jwks?.close();
  });

  it('runs with JWT_SECRET unset when it is given as a blank value', () => {
    expect(t.config.jwt.secret).toBeUndefined();
    expect(t.config.jwt.jwksUri).toBe(jwks.uri);
  });

  it('accepts an RS256 token whose kid is in the JWKS, with the right issuer and audience', async () => {
    const token = tokenSignedBy(rsaKey);
    const response = await request(t.http)
      .get('/user/currentUser')
      .set(...bearer(token))
      .expect(200);
    expect(response.body).toEqual({
      id: 'alice',
      userName: 'alice',
      effectiveRoles: [{ id: 'ROLE_MACHINE_LEARNING_READ' }, { id: 'ROLE_MACHINE_LEARNING_ADMIN' }],
    });
    await request(t.http)
      .get('/service/zementis/probe/admin')
      .set(...bearer(token))
      .expect(200, { ok: true });
    expect(jwks.requestCount).toBeGreaterThan(0);
  });

  it('accepts an ES256 token whose kid is in the JWKS', async () => {
    const token = tokenSignedBy(ecKey, {
      sub: 'bob',
      preferred_username: 'bob.builder',
      roles: ['ROLE_MACHINE_LEARNING_READ'],
    });
    const response = await request(t.http)
      .get('/user/currentUser')
      .set(...bearer(token))
      .expect(200);
    expect(response.body).toEqual({
      id: 'bob',
      userName: 'bob.builder',
      effectiveRoles: [{ id: 'ROLE_MACHINE_LEARNING_READ' }],
    });
    await request(t.http)
      .get('/service/zementis/probe/read')
      .set(...bearer(token))
      .expect(200);
  });

  it('follows key rotation: a token signed with a newly published kid is accepted without a restart', async () => {
    // A kid already seen is answered from the cache, without asking the endpoint again.
    await request(t.http)
      .get('/user/currentUser')
      .set(...bearer(tokenSignedBy(rsaKey)))
      .expect(200);
    const before = jwks.requestCount;
    await request(t.http)
      .get('/user/currentUser')
      .set(...bearer(tokenSignedBy(rsaKey)))
      .expect(200);
    expect(jwks.requestCount).toBe(before);

    const rotatedKey = generateSigningKey('rsa-2025', 'RS256');
    jwks.serve([rotatedKey, ecKey]);
    try {
      const response = await request(t.http)
        .get('/user/currentUser')
        .set(...bearer(tokenSignedBy(rotatedKey, { sub: 'carol' })))
        .expect(200);
      expect(response.body).toMatchObject({ id: 'carol' });
      // The unknown kid made the service fetch the key set again.
      expect(jwks.requestCount).toBe(before + 1);
    } finally {
      jwks.serve(initialKeys);
    }
  });

  it('rejects a token signed by a key not in the set, even under a served kid, with 401 Invalid credentials', async () => {
    const impostor = generateSigningKey(rsaKey.kid, 'RS256');
    await request(t.http)
      .get('/user/currentUser')
      .set(...bearer(tokenSignedBy(impostor)))
      .expect(401, INVALID);
  });

  it.each([
    [
      'signed with the HS256 test secret',
      () => tokenFor('ADMIN', {}, { issuer: ISSUER, audience: AUDIENCE }),
    ],
    [
      'using the RSA public key PEM as HMAC secret (algorithm confusion)',
      () =>
        hs256Token(rsaKey.publicKey.export({ type: 'spki', format: 'pem' }).toString(), {
          kid: rsaKey.kid,
        }),
    ],
    [
      'using the EC public key PEM as HMAC secret (algorithm confusion)',
      () =>
        hs256Token(ecKey.publicKey.export({ type: 'spki', format: 'pem' }).toString(), {
          kid: ecKey.kid,
        }),
    ],
  ])('rejects an HS256 token %s with 401 Invalid credentials', async (_name, mint) => {
    await request(t.http)
      .get('/user/currentUser')
      .set(...bearer(mint()))
      .expect(401, INVALID);
  });

  it.each([
    ['the wrong issuer', () => tokenSignedBy(rsaKey, {}, { issuer: 'https://evil.example.test' })],
    ['the wrong audience', () => tokenSignedBy(rsaKey, {}, { audience: 'someone-else' })],
    [
      'no issuer or audience',
      () =>
        sign({ sub: 'alice', roles: ADMIN_ROLES }, rsaKey.privateKey, {
          algorithm: 'RS256',
          keyid: rsaKey.kid,
          expiresIn: '5m',
        }),
    ],
    [
      'an expiry in the past',
      () => tokenSignedBy(rsaKey, { exp: Math.floor(Date.now() / 1000) - 3600 }),
    ],
  ])('rejects an RS256 token with %s with 401 Invalid credentials', async (_name, mint) => {
    await request(t.http)
      .get('/user/currentUser')
      .set(...bearer(mint()))
      .expect(401, INVALID);
  });

  it('rejects a token whose kid is not in the JWKS with 401 Invalid credentials', async () => {
    const before = jwks.requestCount;
    await request(t.http)
      .get('/user/currentUser')
      .set(...bearer(tokenSignedBy(rsaKey, {}, { keyid: 'no-such-kid' })))
      .expect(401, INVALID);
    // The service looked for the kid in a fresh copy of the key set before giving up.
    expect(jwks.requestCount).toBe(before + 1);
  });
});
