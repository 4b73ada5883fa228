import { Module } from '@nestjs/common';
import { ApiUsersRepository } from './api-users.repository';
import { BasicStrategy } from './basic.strategy';
import { CurrentUserController } from './current-user.controller';
import { PasswordHasher } from './password-hasher';
import { UsersService } from './users.service';

@Module({
  controllers: [CurrentUserController],
  providers: [ApiUsersRepository, PasswordHasher, UsersService, BasicStrategy],
  exports: [UsersService],
})
export class UsersModule {}
