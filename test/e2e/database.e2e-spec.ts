import { DataSource } from 'typeorm';
import { loadAppConfig } from '../../src/core/config/app-config';
import { dataSourceOptions } from '../../src/core/database/data-source-options';
import { MIGRATIONS } from '../../src/core/database/schema';
import { ApiUsersRepository } from '../../src/modules/users/api-users.repository';
import { type TestApp, startTestApp } from '../utils/test-app';
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from '../utils/test-databases';

describe.each(testDatabaseKinds())('database (%s)', (kind) => {
  describe('migrations', () => {
    let database: TestDatabase;
    let dataSource: DataSource;

    beforeAll(async () => {
      database = await createTestDatabase(kind);
      const config = loadAppConfig({ JWT_SECRET: 'unused', ...database.env });
      dataSource = new DataSource(dataSourceOptions(config.database));
      await dataSource.initialize();
    });
    afterAll(async () => {
      await dataSource.destroy();
      await database.drop();
    });

    it('runs every migration up, then every one down again', async () => {
      const applied = await dataSource.runMigrations();
      expect(applied.map((migration) => migration.name)).toEqual(
        MIGRATIONS.map((migration) => migration.name),
      );
      const queryRunner = dataSource.createQueryRunner();
      expect(await queryRunner.hasTable('api_users')).toBe(true);

      // The entities describe exactly the schema the migrations built: nothing left to sync.
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);

      for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration();
      expect(await queryRunner.hasTable('api_users')).toBe(false);
      await queryRunner.release();
    });
  });

  describe('stored times', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp(kind);
    });
    afterAll(() => t.close());

    it('keeps milliseconds and stores UTC whatever the process time zone', async () => {
      expect(new Date('2021-03-04T05:06:07.891Z').getTimezoneOffset()).not.toBe(0);
      const createdAt = new Date('2021-03-04T05:06:07.891Z');
      const users = t.app.get(ApiUsersRepository);
      await users.insert({
        id: '00000000-0000-4000-8000-000000000001',
        userName: 'clock',
        passwordHash: 'x',
        roles: ['READ'],
        createdAt,
      });

      expect((await users.findByUserName('clock'))?.createdAt.toISOString()).toBe(
        '2021-03-04T05:06:07.891Z',
      );
      const [raw] = await t.app
        .get(DataSource)
        .query<{ createdAt: unknown }[]>(
          "SELECT created_at AS createdAt FROM api_users WHERE user_name = 'clock'",
        );
      const stored = raw.createdAt instanceof Date ? raw.createdAt.toISOString() : raw.createdAt;
      expect(String(stored)).toMatch(/^2021-03-04[ T]05:06:07\.891/);
    });
  });
});
