import {
  type MigrationInterface,
  type QueryRunner,
  Table,
  type TableColumnOptions,
  TableIndex,
} from 'typeorm';

// Compared byte for byte on both dialects, as model names are (see create-models).
function exactText(mysql: boolean, name: string, length: string): TableColumnOptions {
  return {
    name,
    type: 'varchar',
    length,
    ...(mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
  };
}

export class CreateJobs1764200000000 implements MigrationInterface {
  name = 'CreateJobs1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type === 'mysql';
    await queryRunner.createTable(
      new Table({
        name: 'jobs',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'job_name', type: 'varchar', length: '255' },
          { name: 'job_description', type: 'text' },
          { name: 'group_or_device_id', type: 'bigint' },
          exactText(mysql, 'model_or_group', '255'),
          { name: 'apply_all_models', type: 'boolean' },
          { name: 'model_to_device_mappings', type: 'text' },
          { name: 'frequency', type: 'varchar', length: '16' },
          { name: 'cron_expression', type: 'varchar', length: '255' },
          { name: 'data_from_previous_n_seconds', type: 'integer' },
          { name: 'time_zone', type: 'varchar', length: '64' },
          { name: 'schedule_at', type: 'varchar', length: '24' },
          { name: 'data_from', type: 'varchar', length: '24' },
          { name: 'data_to', type: 'varchar', length: '24' },
          { name: 'job_status', type: 'varchar', length: '16' },
          { name: 'created_by', type: 'varchar', length: '100' },
          { name: 'created_at', type: 'datetime', precision: 3 },
          { name: 'updated_at', type: 'datetime', precision: 3 },
          { name: 'keep_executions', type: 'integer' },
          { name: 'retention_days', type: 'integer' },
        ],
        indices: [
          new TableIndex({
            name: 'IDX_jobs_status_frequency',
            columnNames: ['job_status', 'frequency'],
          }),
          new TableIndex({ name: 'IDX_jobs_model_or_group', columnNames: ['model_or_group'] }),
          new TableIndex({
            name: 'IDX_jobs_group_or_device_id',
            columnNames: ['group_or_device_id'],
          }),
          new TableIndex({ name: 'IDX_jobs_created_at', columnNames: ['created_at'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          { name: 'caller', type: 'varchar', length: '64', isPrimary: true },
          { name: 'operation', type: 'varchar', length: '32', isPrimary: true },
          { ...exactText(mysql, 'idempotency_key', '255'), isPrimary: true },
          { name: 'request_hash', type: 'varchar', length: '64' },
          { name: 'status', type: 'integer' },
          { name: 'response', type: 'text' },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
        indices: [
          new TableIndex({
            name: 'IDX_idempotency_keys_created_at',
            columnNames: ['created_at'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('idempotency_keys');
    await queryRunner.dropTable('jobs');
  }
}
