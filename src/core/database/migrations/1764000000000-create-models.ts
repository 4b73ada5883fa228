import {
  type MigrationInterface,
  type QueryRunner,
  Table,
  type TableColumnOptions,
  TableIndex,
} from 'typeorm';

// Model and group names compare byte for byte on both dialects (MySQL's default collation
// would make "Tree" and "tree" the same model, SQLite's would not).
function nameColumn(mysql: boolean, name: string): TableColumnOptions {
  return {
    name,
    type: 'varchar',
    length: '255',
    ...(mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {}),
  };
}

export class CreateModels1764000000000 implements MigrationInterface {
  name = 'CreateModels1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mysql = queryRunner.connection.options.type === 'mysql';
    await queryRunner.createTable(
      new Table({
        name: 'models',
        columns: [
          { ...nameColumn(mysql, 'name'), isPrimary: true },
          { name: 'is_active', type: 'boolean' },
          { name: 'current_version', type: 'integer' },
          nameColumn(mysql, 'group_name'),
          { name: 'created_by', type: 'varchar', length: '100' },
          { name: 'created_at', type: 'datetime', precision: 3 },
          { name: 'updated_at', type: 'datetime', precision: 3 },
        ],
        indices: [new TableIndex({ name: 'IDX_models_group_name', columnNames: ['group_name'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'model_versions',
        columns: [
          { ...nameColumn(mysql, 'model_name'), isPrimary: true },
          { name: 'version', type: 'integer', isPrimary: true },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'size_bytes', type: 'integer' },
          { name: 'model_type', type: 'varchar', length: '64' },
          { name: 'function_name', type: 'varchar', length: '64' },
          { name: 'description', type: 'text' },
          { name: 'input_fields', type: 'text' },
          { name: 'output_fields', type: 'text' },
          { name: 'uploaded_by', type: 'varchar', length: '100' },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'model_source_parts',
        columns: [
          { ...nameColumn(mysql, 'model_name'), isPrimary: true },
          { name: 'version', type: 'integer', isPrimary: true },
          { name: 'part', type: 'integer', isPrimary: true },
          { name: 'data', type: 'blob' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'model_groups',
        columns: [
          { ...nameColumn(mysql, 'name'), isPrimary: true },
          { name: 'model_names', type: 'text' },
          nameColumn(mysql, 'primary_model'),
          { name: 'created_by', type: 'varchar', length: '100' },
          { name: 'created_at', type: 'datetime', precision: 3 },
          { name: 'updated_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('model_groups');
    await queryRunner.dropTable('model_source_parts');
    await queryRunner.dropTable('model_versions');
    await queryRunner.dropTable('models');
  }
}
