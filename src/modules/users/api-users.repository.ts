import { Injectable } from '@nestjs/common';
import type { Repository } from 'typeorm';
import { DatabaseService } from '../../core/database/database.service';
import { ApiUserEntity } from './api-user.entity';

@Injectable()
export class ApiUsersRepository {
  constructor(private readonly database: DatabaseService) {}

  private get users(): Repository<ApiUserEntity> {
    return this.database.repository(ApiUserEntity);
  }

  findByUserName(userName: string): Promise<ApiUserEntity | null> {
    return this.users.findOneBy({ userName });
  }

  listByUserName(): Promise<ApiUserEntity[]> {
    return this.users.find({ order: { userName: 'ASC' } });
  }

  async insert(user: ApiUserEntity): Promise<void> {
    await this.users.insert(user);
  }

  async save(user: ApiUserEntity): Promise<void> {
    await this.users.save(user);
  }

  /** Returns whether a user was removed. */
  async deleteByUserName(userName: string): Promise<boolean> {
    const result = await this.users.delete({ userName });
    return (result.affected ?? 0) > 0;
  }
}
