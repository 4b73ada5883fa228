import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { passportJwtSecret } from 'jwks-rsa';
import type { Algorithm } from 'jsonwebtoken';
import { ExtractJwt, type SecretOrKeyProvider, Strategy } from 'passport-jwt';
import { type AppConfig, type JwtConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.provider';
import { AuthenticationError, INVALID_CREDENTIALS } from '../errors/domain-errors';
import type { AuthenticatedUser } from './authenticated-user';
import { claimAt, rolesFromClaim } from './roles';

// Asymmetric algorithms only from a JWKS: accepting HS256 there would let a public key be used
// as an HMAC secret.
const JWKS_ALGORITHMS: Algorithm[] = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384'];
const JWKS_CACHE_MAX_AGE_MS = 10 * 60 * 1000;

function keyOptions(jwt: JwtConfig): {
  secretOrKeyProvider: SecretOrKeyProvider;
  algorithms: Algorithm[];
} {
  if (jwt.jwksUri) {
    return {
      secretOrKeyProvider: passportJwtSecret({
        jwksUri: jwt.jwksUri,
        cache: true,
        cacheMaxAge: JWKS_CACHE_MAX_AGE_MS,
        rateLimit: true,
        jwksRequestsPerMinute: 10,
      }),
      algorithms: JWKS_ALGORITHMS,
    };
  }
  if (!jwt.secret) {
    throw new Error('JWT_SECRET or JWT_JWKS_URI must be set to verify tokens');
  }
  const secret = jwt.secret;
  return {
    secretOrKeyProvider: (_request, _token, done) => done(null, secret),
    algorithms: ['HS256'],
  };
}

interface JwtPayload {
  sub?: unknown;
  preferred_username?: unknown;
  [claim: string]: unknown;
}

/**
 * Bearer tokens: HS256 with JWT_SECRET, or RS/ES keys from JWT_JWKS_URI (rotated by `kid`).
 * Expiry, not-before, issuer and audience are checked with a small clock tolerance.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly rolesClaim: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      ignoreExpiration: false,
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      jsonWebTokenOptions: { clockTolerance: config.jwt.clockToleranceSeconds },
      ...keyOptions(config.jwt),
    });
    this.rolesClaim = config.jwt.rolesClaim;
  }

  validate(payload: JwtPayload): AuthenticatedUser {
    if (typeof payload.sub !== 'string' || payload.sub === '') {
      throw new AuthenticationError(INVALID_CREDENTIALS);
    }
    const userName =
      typeof payload.preferred_username === 'string' ? payload.preferred_username : payload.sub;
    return {
      id: payload.sub,
      userName,
      roles: rolesFromClaim(claimAt(payload, this.rolesClaim)),
      method: 'jwt',
    };
  }
}
