import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

export class CreateDevices1764100000000 implements MigrationInterface {
  name = 'CreateDevices1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'managed_objects',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'name', type: 'varchar', length: '255' },
          { name: 'type', type: 'varchar', length: '255' },
          { name: 'is_device', type: 'boolean' },
          { name: 'is_group', type: 'boolean' },
          { name: 'fragments', type: 'text' },
          { name: 'creation_time', type: 'datetime', precision: 3 },
          { name: 'last_updated', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'managed_object_references',
        columns: [
          { name: 'parent_id', type: 'integer', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '16', isPrimary: true },
          { name: 'child_id', type: 'integer', isPrimary: true },
        ],
        indices: [
          new TableIndex({
            name: 'IDX_managed_object_references_child',
            columnNames: ['child_id'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'measurement_series',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          { name: 'fragment', type: 'varchar', length: '255' },
          { name: 'series', type: 'varchar', length: '255' },
        ],
        indices: [
          new TableIndex({
            name: 'UQ_measurement_series_fragment_series',
            columnNames: ['fragment', 'series'],
            isUnique: true,
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'measurement_values',
        // SQLite: the primary key is the table's order on disk, as InnoDB's clustered key is.
        withoutRowid: true,
        columns: [
          { name: 'source', type: 'integer', isPrimary: true },
          { name: 'series_id', type: 'integer', isPrimary: true },
          { name: 'time', type: 'double', isPrimary: true },
          { name: 'value', type: 'double' },
          { name: 'type', type: 'varchar', length: '255' },
          { name: 'unit', type: 'varchar', length: '64' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('measurement_values');
    await queryRunner.dropTable('measurement_series');
    await queryRunner.dropTable('managed_object_references');
    await queryRunner.dropTable('managed_objects');
  }
}
