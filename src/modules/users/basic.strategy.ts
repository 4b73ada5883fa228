import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { BasicStrategy as PassportBasicStrategy } from 'passport-http';
import type { AuthenticatedUser } from '../../core/security/authenticated-user';
import { UsersService } from './users.service';

/** HTTP Basic (`tenant/user:password`) against the stored API users. */
@Injectable()
export class BasicStrategy extends PassportStrategy(PassportBasicStrategy, 'basic') {
  constructor(private readonly users: UsersService) {
    super();
  }

  async validate(login: string, password: string): Promise<AuthenticatedUser | false> {
    return (await this.users.authenticateBasic(login, password)) ?? false;
  }
}
