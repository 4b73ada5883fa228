import { decode, verify, type JwtPayload } from 'jsonwebtoken';
import type { JwtConfig } from '../config/app-config';
import { claimAt, rolesFromClaim } from './roles';
import { issueDevToken } from './token-issuer';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';

function jwtConfig(overrides: Partial<JwtConfig> = {}): JwtConfig {
  return { secret: SECRET, rolesClaim: 'roles', clockToleranceSeconds: 30, ...overrides };
}

function verified(token: string, secret = SECRET): JwtPayload {
  const payload = verify(token, secret, { algorithms: ['HS256'] });
  if (typeof payload === 'string') throw new Error(`expected a JSON payload, got ${payload}`);
  return payload;
}

describe('issueDevToken', () => {
  it('signs an HS256 token that verifies with the secret', () => {
    const token = issueDevToken(jwtConfig(), { roles: ['READ'], subject: 'alice', ttl: '1h' });

    expect(decode(token, { complete: true })?.header.alg).toBe('HS256');
    expect(() => verified(token)).not.toThrow();
  });

  it('does not verify with a different secret', () => {
    const token = issueDevToken(jwtConfig(), { roles: ['READ'], subject: 'alice', ttl: '1h' });

    expect(() => verified(token, 'another-secret')).toThrow(/invalid signature/);
  });

  it('puts the Cumulocity role names at a top-level roles claim', () => {
    const token = issueDevToken(jwtConfig(), {
      roles: ['READ', 'ADMIN'],
      subject: 'alice',
      ttl: '1h',
    });

    expect(verified(token).roles).toEqual([
      'ROLE_MACHINE_LEARNING_READ',
      'ROLE_MACHINE_LEARNING_ADMIN',
    ]);
  });

  it('puts the roles at a dotted JWT_ROLES_CLAIM path', () => {
    const token = issueDevToken(jwtConfig({ rolesClaim: 'realm_access.roles' }), {
      roles: ['ADMIN'],
      subject: 'alice',
      ttl: '1h',
    });
    const payload = verified(token);

    expect(payload.realm_access).toEqual({ roles: ['ROLE_MACHINE_LEARNING_ADMIN'] });
    expect(payload.roles).toBeUndefined();
  });

  it('builds every level of a deeper dotted path', () => {
    const config = jwtConfig({ rolesClaim: 'resource_access.scorecast.roles' });
    const token = issueDevToken(config, { roles: ['READ'], subject: 'alice', ttl: '1h' });

    expect(verified(token).resource_access).toEqual({
      scorecast: { roles: ['ROLE_MACHINE_LEARNING_READ'] },
    });
  });

  it('issues roles that the service reads back from the configured claim', () => {
    const config = jwtConfig({ rolesClaim: 'realm_access.roles' });
    const token = issueDevToken(config, {
      roles: ['READ', 'ADMIN'],
      subject: 'alice',
      ttl: '1h',
    });

    expect(rolesFromClaim(claimAt(verified(token), config.rolesClaim))).toEqual(['READ', 'ADMIN']);
  });

  it('writes an empty roles list for a token without roles', () => {
    const token = issueDevToken(jwtConfig(), { roles: [], subject: 'nobody', ttl: '1h' });

    expect(verified(token).roles).toEqual([]);
  });

  it('sets sub and an exp that is the ttl after iat', () => {
    const before = Math.floor(Date.now() / 1000);
    const token = issueDevToken(jwtConfig(), { roles: ['READ'], subject: 'dev-admin', ttl: '2h' });
    const payload = verified(token);

    expect(payload.sub).toBe('dev-admin');
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    expect(payload.exp).toBe((payload.iat ?? 0) + 2 * 60 * 60);
  });

  it.each<[string, number]>([
    ['30m', 30 * 60],
    ['7d', 7 * 24 * 60 * 60],
    ['90s', 90],
  ])('understands the ttl %p', (ttl, seconds) => {
    const payload = verified(issueDevToken(jwtConfig(), { roles: ['READ'], subject: 'a', ttl }));

    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(seconds);
  });

  it('sets iss and aud when an issuer and audience are configured', () => {
    const config = jwtConfig({ issuer: 'https://scorecast.local', audience: 'scorecast-api' });
    const token = issueDevToken(config, { roles: ['READ'], subject: 'alice', ttl: '1h' });
    const payload = verify(token, SECRET, {
      algorithms: ['HS256'],
      issuer: 'https://scorecast.local',
      audience: 'scorecast-api',
    });

    expect(payload).toMatchObject({ iss: 'https://scorecast.local', aud: 'scorecast-api' });
  });

  it('omits iss and aud when none are configured', () => {
    const payload = verified(
      issueDevToken(jwtConfig(), { roles: ['READ'], subject: 'alice', ttl: '1h' }),
    );

    expect(payload).not.toHaveProperty('iss');
    expect(payload).not.toHaveProperty('aud');
  });

  it('throws a message pointing at JWT_SECRET and JWKS when there is no secret', () => {
    const config = jwtConfig({ secret: undefined, jwksUri: 'https://idp.example.com/jwks' });

    expect(() => issueDevToken(config, { roles: ['ADMIN'], subject: 'a', ttl: '1h' })).toThrow(
      'Tokens can only be signed with JWT_SECRET; with JWT_JWKS_URI your identity provider issues them.',
    );
  });

  it('refuses an empty secret', () => {
    expect(() =>
      issueDevToken(jwtConfig({ secret: '' }), { roles: ['READ'], subject: 'a', ttl: '1h' }),
    ).toThrow(/JWT_SECRET/);
  });
});
