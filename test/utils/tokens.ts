import { sign, type SignOptions } from 'jsonwebtoken';
import type { Role } from '../../src/core/security/roles';

// Minted here with jsonwebtoken directly, as an outside identity provider would, not with the
// service's own token issuer.
export const TEST_JWT_SECRET = 'e2e-secret-that-is-long-enough-for-hs256-0123456789';

export function tokenFor(
  roles: Role | Role[] | [],
  claims: Record<string, unknown> = {},
  options: SignOptions = {},
  secret: string = TEST_JWT_SECRET,
): string {
  const list = Array.isArray(roles) ? roles : [roles];
  const payload = Object.fromEntries(
    Object.entries({
      sub: 'e2e-user',
      roles: list.map((role) => `ROLE_MACHINE_LEARNING_${role}`),
      ...claims,
    }).filter(([, value]) => value !== undefined),
  );
  // An explicit exp claim and jsonwebtoken's expiresIn option cannot be combined.
  const expiry: SignOptions = 'exp' in payload ? {} : { expiresIn: '5m' };
  return sign(payload, secret, { algorithm: 'HS256', ...expiry, ...options });
}

export function bearer(token: string): [string, string] {
  return ['Authorization', `Bearer ${token}`];
}

export function basic(login: string, password: string): [string, string] {
  return ['Authorization', `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`];
}
