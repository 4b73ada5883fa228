import request from 'supertest';
import { ApiUsersRepository } from '../../src/modules/users/api-users.repository';
import { UsersService } from '../../src/modules/users/users.service';
import { type TestApp, startTestApp } from '../utils/test-app';
import { testDatabaseKinds } from '../utils/test-databases';
import { ProbeModule } from '../utils/probe.module';
import { basic } from '../utils/tokens';

const INFO = 'https://cumulocity.com/guides/reference/rest-implementation/#error_reporting';
const INVALID = { error: 'general/internalError', message: 'Invalid credentials', info: INFO };

describe.each(testDatabaseKinds())('HTTP Basic authentication (%s)', (kind) => {
  let t: TestApp;
  let users: UsersService;

  beforeAll(async () => {
    t = await startTestApp(kind, { extraModules: [ProbeModule] });
    users = t.app.get(UsersService);
    await users.addUser({ userName: 'reader', password: 'reader-password', roles: ['READ'] });
  });
  afterAll(() => t.close());

  it('accepts tenant/user:password of a stored user and reports its roles', async () => {
    const response = await request(t.http)
      .get('/user/currentUser')
      .set(...basic('t12345/reader', 'reader-password'))
      .expect(200);
    expect(response.body).toEqual({
      id: 'reader',
      userName: 'reader',
      effectiveRoles: [{ id: 'ROLE_MACHINE_LEARNING_READ' }],
    });
  });

  it('accepts the user name without a tenant', async () => {
    await request(t.http)
      .get('/service/zementis/probe/read')
      .set(...basic('reader', 'reader-password'))
      .expect(200);
  });

  it('applies the stored roles: READ cannot call an ADMIN route', async () => {
    await request(t.http)
      .get('/service/zementis/probe/admin')
      .set(...basic('reader', 'reader-password'))
      .expect(403);
  });

  it.each([
    ['a wrong password', 'reader', 'wrong-password'],
    ['an unknown user', 'nobody', 'reader-password'],
  ])('rejects %s with 401 Invalid credentials', async (_case, login, password) => {
    await request(t.http)
      .get('/user/currentUser')
      .set(...basic(login, password))
      .expect(401, INVALID);
  });

  it('rejects a user as soon as it is removed, even after a successful login', async () => {
    await users.addUser({ userName: 'temp', password: 'temp-password', roles: ['ADMIN'] });
    await request(t.http)
      .get('/user/currentUser')
      .set(...basic('temp', 'temp-password'))
      .expect(200);
    await users.removeUser('temp');
    await request(t.http)
      .get('/user/currentUser')
      .set(...basic('temp', 'temp-password'))
      .expect(401);
  });

  it('stops accepting the old password once it is replaced', async () => {
    await users.addUser({ userName: 'rotating', password: 'first-password', roles: ['READ'] });
    await request(t.http)
      .get('/user/currentUser')
      .set(...basic('rotating', 'first-password'))
      .expect(200);
    await users.addUser({
      userName: 'rotating',
      password: 'second-password',
      roles: ['READ'],
      replace: true,
    });
    await request(t.http)
      .get('/user/currentUser')
      .set(...basic('rotating', 'first-password'))
      .expect(401);
    await request(t.http)
      .get('/user/currentUser')
      .set(...basic('rotating', 'second-password'))
      .expect(200);
  });

  it('stores a slow password hash, never the password', async () => {
    await users.addUser({ userName: 'hashcheck', password: 'plain-password', roles: ['READ'] });
    const stored = await t.app.get(ApiUsersRepository).findByUserName('hashcheck');
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored?.passwordHash).not.toContain('plain-password');
  });
});
