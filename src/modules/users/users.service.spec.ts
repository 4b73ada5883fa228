import { ConflictError, NotFoundError, ValidationError } from '../../core/errors/domain-errors';
import type { ApiUserEntity } from './api-user.entity';
import { ApiUsersRepository } from './api-users.repository';
import { PasswordHasher } from './password-hasher';
import { UsersService, userNameFromLogin } from './users.service';
import { strictMock } from '../../../test/utils/strict-mock';

function storedUser(overrides: Partial<ApiUserEntity> = {}): ApiUserEntity {
  return {
    id: '3f0c7c7e-0000-4000-8000-000000000001',
    userName: 'alice',
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$first',
    roles: ['READ'],
    createdAt: new Date('2026-01-02T03:04:05.000Z'),
    ...overrides,
  };
}

describe('userNameFromLogin', () => {
  it('strips the Cumulocity tenant prefix', () => {
    expect(userNameFromLogin('t12345/alice')).toBe('alice');
  });

  it('keeps a login without a tenant', () => {
    expect(userNameFromLogin('alice')).toBe('alice');
  });

  it('keeps only the part after the last slash', () => {
    expect(userNameFromLogin('a/b/alice')).toBe('alice');
  });
});

describe('UsersService', () => {
  let users: jest.Mocked<ApiUsersRepository>;
  let hasher: jest.Mocked<PasswordHasher>;
  let service: UsersService;

  beforeEach(() => {
    users = strictMock(ApiUsersRepository);
    hasher = strictMock(PasswordHasher);
    service = new UsersService(users, hasher);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  describe('the strict mocks', () => {
    it('throw on a call the test did not plan for', () => {
      expect(() => hasher.hash('x')).toThrow('unexpected call to PasswordHasher.hash');
      expect(() => users.findByUserName('x')).toThrow(
        'unexpected call to ApiUsersRepository.findByUserName',
      );
    });
  });

  describe('authenticateBasic', () => {
    it('looks the user up without the tenant prefix', async () => {
      users.findByUserName.mockResolvedValue(storedUser());
      hasher.matches.mockResolvedValue(true);

      const user = await service.authenticateBasic('t12345/alice', 'correct horse');

      expect(users.findByUserName).toHaveBeenCalledWith('alice');
      expect(hasher.matches).toHaveBeenCalledWith(storedUser().passwordHash, 'correct horse');
      expect(user).toEqual({ id: 'alice', userName: 'alice', roles: ['READ'], method: 'basic' });
    });

    it('returns null for an unknown user without hashing anything', async () => {
      users.findByUserName.mockResolvedValue(null);

      await expect(service.authenticateBasic('t1/nobody', 'whatever')).resolves.toBeNull();
      expect(hasher.matches).not.toHaveBeenCalled();
      expect(hasher.hash).not.toHaveBeenCalled();
    });

    it('returns null for a wrong password', async () => {
      users.findByUserName.mockResolvedValue(storedUser());
      hasher.matches.mockResolvedValue(false);

      await expect(service.authenticateBasic('alice', 'wrong')).resolves.toBeNull();
    });

    it('remembers a verified password so the next login does not call the hasher again', async () => {
      users.findByUserName.mockResolvedValue(storedUser());
      hasher.matches.mockResolvedValue(true);

      const first = await service.authenticateBasic('alice', 'correct horse');
      const second = await service.authenticateBasic('t1/alice', 'correct horse');

      expect(first).not.toBeNull();
      expect(second).toEqual(first);
      expect(hasher.matches).toHaveBeenCalledTimes(1);
      expect(users.findByUserName).toHaveBeenCalledTimes(2);
    });

    it('verifies again when the stored hash has changed', async () => {
      users.findByUserName.mockResolvedValueOnce(storedUser());
      users.findByUserName.mockResolvedValueOnce(
        storedUser({ passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$second' }),
      );
      hasher.matches.mockResolvedValue(true);

      await service.authenticateBasic('alice', 'correct horse');
      await service.authenticateBasic('alice', 'correct horse');

      expect(hasher.matches).toHaveBeenCalledTimes(2);
      expect(hasher.matches).toHaveBeenLastCalledWith(
        '$argon2id$v=19$m=19456,t=2,p=1$second',
        'correct horse',
      );
    });

    it('refuses a different password after a remembered success', async () => {
      users.findByUserName.mockResolvedValue(storedUser());
      hasher.matches.mockImplementation((_hash, password) =>
        Promise.resolve(password === 'correct horse'),
      );

      await expect(service.authenticateBasic('alice', 'correct horse')).resolves.not.toBeNull();
      await expect(service.authenticateBasic('alice', 'wrong')).resolves.toBeNull();
      expect(hasher.matches).toHaveBeenCalledTimes(2);
    });

    it('does not remember a failed attempt', async () => {
      users.findByUserName.mockResolvedValue(storedUser());
      hasher.matches.mockResolvedValue(false);

      await service.authenticateBasic('alice', 'wrong');
      await service.authenticateBasic('alice', 'wrong');

      expect(hasher.matches).toHaveBeenCalledTimes(2);
    });

    it('verifies again once the remembered success has expired after five minutes', async () => {
      const now = jest.spyOn(Date, 'now').mockReturnValue(1_000_000);
      users.findByUserName.mockResolvedValue(storedUser());
      hasher.matches.mockResolvedValue(true);

      await service.authenticateBasic('alice', 'correct horse');
      now.mockReturnValue(1_000_000 + 5 * 60 * 1000 - 1);
      await service.authenticateBasic('alice', 'correct horse');
      expect(hasher.matches).toHaveBeenCalledTimes(1);

      now.mockReturnValue(1_000_000 + 5 * 60 * 1000);
      await service.authenticateBasic('alice', 'correct horse');
      expect(hasher.matches).toHaveBeenCalledTimes(2);
    });

    it('remembers successes per service instance only', async () => {
      users.findByUserName.mockResolvedValue(storedUser());
      hasher.matches.mockResolvedValue(true);

      await service.authenticateBasic('alice', 'correct horse');
      await new UsersService(users, hasher).authenticateBasic('alice', 'correct horse');

      expect(hasher.matches).toHaveBeenCalledTimes(2);
    });
  });

  describe('addUser', () => {
    it('lists every validation problem at once without touching the repository', async () => {
      const result = service.addUser({ userName: 'bad name!', password: 'short', roles: [] });

      await expect(result).rejects.toBeInstanceOf(ValidationError);
      await expect(result).rejects.toMatchObject({
        messages: [
          'userName must be 1 to 100 letters, digits or the characters . _ @ -',
          'password must have at least 8 characters',
          'roles must name READ, ADMIN or both',
        ],
      });
      expect(users.findByUserName).not.toHaveBeenCalled();
      expect(hasher.hash).not.toHaveBeenCalled();
    });

    it.each(['', 'a'.repeat(101), 'tenant/alice', 'al ice'])(
      'refuses the user name %p',
      async (userName) => {
        await expect(
          service.addUser({ userName, password: 'long enough', roles: ['READ'] }),
        ).rejects.toMatchObject({
          messages: ['userName must be 1 to 100 letters, digits or the characters . _ @ -'],
        });
      },
    );

    it('inserts a new user with a hashed password and each role once', async () => {
      users.findByUserName.mockResolvedValue(null);
      hasher.hash.mockResolvedValue('$argon2id$new');
      users.insert.mockResolvedValue();

      const summary = await service.addUser({
        userName: 'bob.smith@example.com',
        password: 'correct horse',
        roles: ['READ', 'ADMIN', 'READ'],
      });

      expect(hasher.hash).toHaveBeenCalledWith('correct horse');
      expect(users.insert).toHaveBeenCalledTimes(1);
      const inserted = users.insert.mock.calls[0][0];
      expect(inserted).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        userName: 'bob.smith@example.com',
        passwordHash: '$argon2id$new',
        roles: ['READ', 'ADMIN'],
        createdAt: expect.any(Date),
      });
      expect(summary).toEqual({
        userName: 'bob.smith@example.com',
        roles: ['READ', 'ADMIN'],
        createdAt: inserted.createdAt,
      });
      expect(summary).not.toHaveProperty('passwordHash');
    });

    it('refuses an existing name with a ConflictError', async () => {
      users.findByUserName.mockResolvedValue(storedUser());

      const result = service.addUser({
        userName: 'alice',
        password: 'correct horse',
        roles: ['ADMIN'],
      });

      await expect(result).rejects.toBeInstanceOf(ConflictError);
      await expect(result).rejects.toThrow("A user with the name 'alice' already exists.");
      expect(hasher.hash).not.toHaveBeenCalled();
    });

    it('replaces the password and roles of an existing user when asked, keeping id and creation time', async () => {
      const existing = storedUser();
      users.findByUserName.mockResolvedValue(existing);
      hasher.hash.mockResolvedValue('$argon2id$replaced');
      users.save.mockResolvedValue();

      const summary = await service.addUser({
        userName: 'alice',
        password: 'new password',
        roles: ['ADMIN'],
        replace: true,
      });

      expect(users.save).toHaveBeenCalledWith({
        id: existing.id,
        userName: 'alice',
        passwordHash: '$argon2id$replaced',
        roles: ['ADMIN'],
        createdAt: existing.createdAt,
      });
      expect(users.insert).not.toHaveBeenCalled();
      expect(summary).toEqual({
        userName: 'alice',
        roles: ['ADMIN'],
        createdAt: existing.createdAt,
      });
    });

    it('inserts a new user when replace is set but the name is free', async () => {
      users.findByUserName.mockResolvedValue(null);
      hasher.hash.mockResolvedValue('$argon2id$new');
      users.insert.mockResolvedValue();

      await service.addUser({
        userName: 'carol',
        password: 'correct horse',
        roles: ['READ'],
        replace: true,
      });

      expect(users.insert).toHaveBeenCalledTimes(1);
      expect(users.save).not.toHaveBeenCalled();
    });
  });

  describe('removeUser', () => {
    it('removes an existing user', async () => {
      users.deleteByUserName.mockResolvedValue(true);

      await expect(service.removeUser('alice')).resolves.toBeUndefined();
      expect(users.deleteByUserName).toHaveBeenCalledWith('alice');
    });

    it('throws NotFoundError for an unknown user', async () => {
      users.deleteByUserName.mockResolvedValue(false);

      const result = service.removeUser('nobody');

      await expect(result).rejects.toBeInstanceOf(NotFoundError);
      await expect(result).rejects.toThrow("User 'nobody' not found.");
    });
  });

  describe('listUsers', () => {
    it('lists users without their password hashes', async () => {
      users.listByUserName.mockResolvedValue([
        storedUser(),
        storedUser({ id: 'b', userName: 'bob', roles: ['READ', 'ADMIN'] }),
      ]);

      await expect(service.listUsers()).resolves.toEqual([
        { userName: 'alice', roles: ['READ'], createdAt: storedUser().createdAt },
        { userName: 'bob', roles: ['READ', 'ADMIN'], createdAt: storedUser().createdAt },
      ]);
    });
  });
});
