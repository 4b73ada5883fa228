import { sign } from 'jsonwebtoken';
import type { JwtConfig } from '../config/app-config';
import { type Role, roleClaimValue } from './roles';

export interface DevTokenRequest {
  roles: Role[];
  subject: string;
  // A vercel/ms duration such as 1h, 30m or 7d.
  ttl: string;
}

function setClaim(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] = node[key] ?? {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

/**
 * Signs an HS256 token the service accepts, with the roles at JWT_ROLES_CLAIM. Only possible
 * with a shared secret; in JWKS mode the identity provider issues tokens.
 */
export function issueDevToken(jwt: JwtConfig, request: DevTokenRequest): string {
  if (!jwt.secret) {
    throw new Error(
      'Tokens can only be signed with JWT_SECRET; with JWT_JWKS_URI your identity provider issues them.',
    );
  }
  const payload: Record<string, unknown> = {};
  setClaim(payload, jwt.rolesClaim, request.roles.map(roleClaimValue));
  return sign(payload, jwt.secret, {
    algorithm: 'HS256',
    subject: request.subject,
    expiresIn: request.ttl as `${number}h`,
    ...(jwt.issuer ? { issuer: jwt.issuer } : {}),
    ...(jwt.audience ? { audience: jwt.audience } : {}),
  });
}
