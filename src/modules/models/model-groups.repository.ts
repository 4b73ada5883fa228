import { Injectable } from '@nestjs/common';
import type { Repository } from 'typeorm';
import { DatabaseService } from '../../core/database/database.service';
import { ModelGroupEntity } from './model-group.entity';

@Injectable()
export class ModelGroupsRepository {
  constructor(private readonly database: DatabaseService) {}

  private get groups(): Repository<ModelGroupEntity> {
    return this.database.repository(ModelGroupEntity);
  }

  findByName(name: string): Promise<ModelGroupEntity | null> {
    return this.groups.findOneBy({ name });
  }
}
