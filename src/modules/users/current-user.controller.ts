import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../core/security/access.decorators';
import type { AuthenticatedUser } from '../../core/security/authenticated-user';
import { effectiveRoles, roleClaimValue } from '../../core/security/roles';
import { CurrentUserResponseDto } from './dto/current-user-response.dto';

@ApiTags('User')
@Controller('user')
export class CurrentUserController {
  /** Cumulocity-compatible: lets a client check its credentials and see its roles. */
  @ApiOperation({ summary: 'The authenticated caller and its effective roles' })
  @Roles()
  @Get('currentUser')
  currentUser(@CurrentUser() user: AuthenticatedUser): CurrentUserResponseDto {
    return {
      id: user.id,
      userName: user.userName,
      effectiveRoles: effectiveRoles(user.roles).map((role) => ({ id: roleClaimValue(role) })),
    };
  }
}
