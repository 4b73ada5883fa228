import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import {
  ApiBasicAuth,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ACCESS_DENIED, NO_AUTH_INFORMATION } from '../errors/domain-errors';
import { forbiddenBody, unauthorizedBody } from '../errors/error-bodies';
import type { AuthenticatedUser } from './authenticated-user';
import type { Role } from './roles';

export const PUBLIC_ROUTE = 'scorecast:public';
export const REQUIRED_ROLES = 'scorecast:roles';

/** Opens a route to everyone (health, metrics). Routes are closed unless they say otherwise. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Requires an authenticated caller holding every listed role (ADMIN includes READ); with no
 * roles, any authenticated caller. Also documents the security schemes and the 401/403 answers.
 */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  const decorators = [
    SetMetadata(REQUIRED_ROLES, roles),
    ApiBearerAuth(),
    ApiBasicAuth(),
    ApiUnauthorizedResponse({
      description: 'No credentials, or credentials that are not valid.',
      schema: { example: unauthorizedBody(NO_AUTH_INFORMATION) },
    }),
  ];
  if (roles.length > 0) {
    decorators.push(
      ApiForbiddenResponse({
        description: `The caller lacks ROLE_MACHINE_LEARNING_${roles.join(' and ROLE_MACHINE_LEARNING_')}.`,
        schema: { example: forbiddenBody(ACCESS_DENIED) },
      }),
    );
  }
  return applyDecorators(...decorators);
}

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser => {
    const request = context.switchToHttp().getRequest<Request>();
    return request.user as AuthenticatedUser;
  },
);
