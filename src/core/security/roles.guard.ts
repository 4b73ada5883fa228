import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ACCESS_DENIED, ForbiddenError } from '../errors/domain-errors';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './access.decorators';
import type { AuthenticatedUser } from './authenticated-user';
import { type Role, satisfiesRoles } from './roles';

/**
 * Global guard after authentication: the caller must hold the route's @Roles. A route that
 * declares neither @Roles nor @Public is closed, so a forgotten decorator fails safe.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  private readonly logger = new Logger(RolesGuard.name);

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets)) return true;

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required === undefined) {
      this.logger.error(
        `${context.getClass().name}.${context.getHandler().name} declares neither @Roles nor @Public; access denied`,
      );
      throw new ForbiddenError(ACCESS_DENIED);
    }
    const user = context.switchToHttp().getRequest<Request>().user as AuthenticatedUser | undefined;
    if (!user || !satisfiesRoles(user.roles, required)) throw new ForbiddenError(ACCESS_DENIED);
    return true;
  }
}
