import {
  type MigrationInterface,
  type QueryRunner,
  Table,
  TableForeignKey,
  TableIndex,
} from 'typeorm';

// Deleting a job deletes its executions, and deleting an execution its inferences and logs, on
// both dialects (TypeORM turns SQLite's foreign keys on for every connection).
function cascadeTo(table: string, column: string, name: string): TableForeignKey {
  return new TableForeignKey({
    name,
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete: 'CASCADE',
    // Spelled out: MariaDB reports an unspecified rule as RESTRICT, TypeORM expects NO ACTION.
    onUpdate: 'RESTRICT',
  });
}

export class CreateExecutions1764300000000 implements MigrationInterface {
  name = 'CreateExecutions1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type === 'mysql';
    await queryRunner.createTable(
      new Table({
        name: 'job_executions',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'job_id', type: 'integer' },
          { name: 'execution_number', type: 'integer' },
          { name: 'scheduled_fire_time', type: 'bigint' },
          { name: 'trigger_kind', type: 'varchar', length: '16' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'status_message', type: 'text' },
          { name: 'for_device_group', type: 'boolean' },
          { name: 'window_from', type: 'bigint' },
          { name: 'window_to', type: 'bigint' },
          { name: 'window_to_inclusive', type: 'boolean' },
          { name: 'created_at', type: 'bigint' },
          { name: 'started_at', type: 'bigint' },
          { name: 'ended_at', type: 'bigint' },
          { name: 'duration_ms', type: 'bigint' },
          { name: 'records_scored', type: 'bigint' },
          { name: 'claimed_by', type: 'varchar', length: '100' },
          { name: 'lease_until', type: 'bigint' },
          { name: 'cancel_requested', type: 'boolean' },
          { name: 'attempt', type: 'integer' },
          { name: 'retry_of', type: 'integer' },
        ],
        indices: [
          // The exactly-once rule: one execution per fire of a job, whichever replica saw it.
          new TableIndex({
            name: 'UQ_job_executions_job_fire',
            columnNames: ['job_id', 'scheduled_fire_time'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'UQ_job_executions_job_number',
            columnNames: ['job_id', 'execution_number'],
            isUnique: true,
          }),
          // The sweeper's question: which Running leases expired, which Queued rows wait.
          new TableIndex({
            name: 'IDX_job_executions_status_lease',
            columnNames: ['status', 'lease_until'],
          }),
        ],
        foreignKeys: [cascadeTo('jobs', 'job_id', 'FK_job_executions_job_id')],
      }),
    );
    // No entity: the outputs column is MEDIUMTEXT on MySQL (TEXT stops at 64 KB, a chunk of 2000
    // records takes a few hundred), a type SQLite's TypeORM driver does not know; the repository
    // reads and writes it with plain SQL.
    await queryRunner.createTable(
      new Table({
        name: 'execution_inferences',
        columns: [
          { name: 'execution_id', type: 'integer', isPrimary: true },
          { name: 'attempt', type: 'integer', isPrimary: true },
          { name: 'chunk_number', type: 'integer', isPrimary: true },
          { name: 'device_index', type: 'integer', isPrimary: true },
          { name: 'model_index', type: 'integer', isPrimary: true },
          { name: 'device_id', type: 'bigint' },
          { name: 'model_name', type: 'varchar', length: '255' },
          { name: 'row_count', type: 'integer' },
          { name: 'outputs', type: mysql ? 'mediumtext' : 'text' },
        ],
        foreignKeys: [
          cascadeTo('job_executions', 'execution_id', 'FK_execution_inferences_execution_id'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'execution_logs',
        columns: [
          { name: 'execution_id', type: 'integer', isPrimary: true },
          { name: 'sequence', type: 'integer', isPrimary: true },
          { name: 'time', type: 'bigint' },
          { name: 'level', type: 'varchar', length: '8' },
          { name: 'message', type: 'text' },
          { name: 'details', type: 'text' },
        ],
        foreignKeys: [
          cascadeTo('job_executions', 'execution_id', 'FK_execution_logs_execution_id'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('execution_logs');
    await queryRunner.dropTable('execution_inferences');
    await queryRunner.dropTable('job_executions');
  }
}
