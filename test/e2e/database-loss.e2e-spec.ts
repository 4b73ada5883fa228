import request from 'supertest';
import { type TestApp, startTestApp } from '../utils/test-app';
import { createMysqlDatabase, mysqlServer } from '../utils/test-databases';
import {
  findMysqlServerBinary,
  startThrowawayMysqlServer,
  type ThrowawayMysqlServer,
} from '../utils/throwaway-mysql-server';
import { basic, bearer, tokenFor } from '../utils/tokens';

// Needs a server of its own to kill, so it runs wherever the shared e2e server could start.
const binary = mysqlServer() ? findMysqlServerBinary() : undefined;
const describeWithMysql = binary ? describe : describe.skip;

describeWithMysql('losing the MariaDB/MySQL server while running', () => {
  let server: ThrowawayMysqlServer;
  let t: TestApp;

  beforeAll(async () => {
    server = await startThrowawayMysqlServer(binary as string);
    t = await startTestApp('sqlite', { env: await createMysqlDatabase(server, 'scorecast') });
  });
  afterAll(async () => {
    await t?.app.close();
    await server?.stop();
  });

  it('turns readiness false and answers database work with 503, without crashing', async () => {
    await request(t.http).get('/health/ready').expect(200);
    await server.stop();

    const ready = await request(t.http).get('/health/ready').expect(503);
    expect(ready.body.details.database.status).toBe('down');
    await request(t.http)
      .get('/user/currentUser')
      .set(...basic('someone', 'some-password'))
      .expect(503, { errors: ['The database is not available right now; try again shortly.'] });
    await request(t.http).get('/health').expect(200);
    await request(t.http)
      .get('/user/currentUser')
      .set(...bearer(tokenFor('READ')))
      .expect(200);
  });
});
