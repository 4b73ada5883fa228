import { type CanActivate, type ExecutionContext, Injectable, type Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard, type IAuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import {
  AuthenticationError,
  INVALID_CREDENTIALS,
  NO_AUTH_INFORMATION,
} from '../errors/domain-errors';
import { PUBLIC_ROUTE } from './access.decorators';

// Passport reports rejected credentials as "no user" and broken checks (a lost database) as an
// error: the first is the Cumulocity 401, the second goes to the exception filter unchanged.
function strictPassportGuard(strategy: string): Type<IAuthGuard> {
  return class extends AuthGuard(strategy) {
    override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
      // Not `instanceof Error`: driver errors may come from another realm (jest's sandbox).
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrown as received
      if (error && !(error instanceof AuthenticationError)) throw error;
      if (error || !user) throw new AuthenticationError(INVALID_CREDENTIALS);
      return user;
    }
  };
}

const BearerGuard = strictPassportGuard('jwt');
const BasicGuard = strictPassportGuard('basic');

/**
 * Global guard: every route needs credentials unless marked @Public(). The Authorization
 * scheme picks the passport strategy: Bearer → JWT, Basic → stored API users.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  private readonly bearer = new BearerGuard();
  private readonly basic = new BasicGuard();

  constructor(private readonly reflector: Reflector) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;

    const header = context.switchToHttp().getRequest<Request>().headers.authorization?.trim();
    if (!header) throw new AuthenticationError(NO_AUTH_INFORMATION);
    const scheme = header.split(/\s+/, 1)[0].toLowerCase();
    if (scheme === 'bearer') return (await this.bearer.canActivate(context)) as boolean;
    if (scheme === 'basic') return (await this.basic.canActivate(context)) as boolean;
    throw new AuthenticationError(NO_AUTH_INFORMATION);
  }
}
