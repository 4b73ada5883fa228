import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

export class CreateApiUsers1763900000000 implements MigrationInterface {
  name = 'CreateApiUsers1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'api_users',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_name', type: 'varchar', length: '100' },
          { name: 'password_hash', type: 'varchar', length: '255' },
          { name: 'roles', type: 'text' },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
        // A named index, not a column flag: MySQL and SQLite then agree on what exists.
        indices: [
          new TableIndex({
            name: 'UQ_api_users_user_name',
            columnNames: ['user_name'],
            isUnique: true,
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('api_users');
  }
}
