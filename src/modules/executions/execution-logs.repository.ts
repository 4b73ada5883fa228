import { Injectable } from '@nestjs/common';
import type { Repository } from 'typeorm';
import { DatabaseService } from '../../core/database/database.service';
import { ExecutionLogEntity } from './execution-log.entity';

/** The structured logs of executions. */
@Injectable()
export class ExecutionLogsRepository {
  constructor(private readonly database: DatabaseService) {}

  private get logs(): Repository<ExecutionLogEntity> {
    return this.database.repository(ExecutionLogEntity);
  }

  async append(line: Omit<ExecutionLogEntity, 'execution'>): Promise<void> {
    await this.logs.insert(line);
  }

  /** The highest sequence number the execution's log has, 0 when it has none. */
  async lastSequence(executionId: number): Promise<number> {
    const row = await this.logs
      .createQueryBuilder('log')
      .select('MAX(log.sequence)', 'last')
      .where('log.executionId = :executionId', { executionId })
      .getRawOne<{ last: number | string | null }>();
    return Number(row?.last ?? 0);
  }

  /** In order of writing. */
  page(executionId: number, skip: number, take: number): Promise<ExecutionLogEntity[]> {
    return this.logs.find({
      where: { executionId },
      order: { sequence: 'ASC' },
      skip,
      take,
    });
  }

  countFor(executionId: number): Promise<number> {
    return this.logs.countBy({ executionId });
  }
}
