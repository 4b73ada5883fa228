import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors/domain-errors';
import type { AuthenticatedUser } from '../../core/security/authenticated-user';
import type { Role } from '../../core/security/roles';
import type { ApiUserEntity } from './api-user.entity';
import { ApiUsersRepository } from './api-users.repository';
import { PasswordHasher } from './password-hasher';

const USER_NAME_PATTERN = /^[A-Za-z0-9._@-]{1,100}$/;
const MIN_PASSWORD_LENGTH = 8;
// Clients send Basic credentials on every request; re-verifying a slow hash each time would
// make every call cost tens of milliseconds of CPU. A success is remembered briefly, keyed by
// a digest that includes the stored hash, so a changed or removed user is not served stale.
const VERIFIED_CREDENTIALS_TTL_MS = 5 * 60 * 1000;
const VERIFIED_CREDENTIALS_MAX = 10_000;

export interface NewApiUser {
  userName: string;
  password: string;
  roles: Role[];
  // Replace the password and roles of an existing user instead of refusing.
  replace?: boolean;
}

export interface ApiUserSummary {
  userName: string;
  roles: Role[];
  createdAt: Date;
}

/** Strips the Cumulocity tenant prefix (`tenant/user`); this service has a single tenant. */
export function userNameFromLogin(login: string): string {
  return login.slice(login.lastIndexOf('/') + 1);
}

@Injectable()
export class UsersService {
  private readonly verifiedCredentials = new Map<string, number>();

  constructor(
    private readonly users: ApiUsersRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async authenticateBasic(login: string, password: string): Promise<AuthenticatedUser | null> {
    const user = await this.users.findByUserName(userNameFromLogin(login));
    if (!user || !(await this.passwordMatches(user, password))) return null;
    return { id: user.userName, userName: user.userName, roles: user.roles, method: 'basic' };
  }

  async addUser(request: NewApiUser): Promise<ApiUserSummary> {
    const problems = [
      ...(USER_NAME_PATTERN.test(request.userName)
        ? []
        : ['userName must be 1 to 100 letters, digits or the characters . _ @ -']),
      ...(request.password.length >= MIN_PASSWORD_LENGTH
        ? []
        : [`password must have at least ${MIN_PASSWORD_LENGTH} characters`]),
      ...(request.roles.length > 0 ? [] : ['roles must name READ, ADMIN or both']),
    ];
    if (problems.length > 0) throw new ValidationError(problems);

    const existing = await this.users.findByUserName(request.userName);
    if (existing && !request.replace) {
      throw new ConflictError(`A user with the name '${request.userName}' already exists.`);
    }
    const user: ApiUserEntity = {
      id: existing?.id ?? randomUUID(),
      userName: request.userName,
      passwordHash: await this.hasher.hash(request.password),
      roles: [...new Set(request.roles)],
      createdAt: existing?.createdAt ?? new Date(),
    };
    if (existing) await this.users.save(user);
    else await this.users.insert(user);
    return summarize(user);
  }

  async removeUser(userName: string): Promise<void> {
    if (!(await this.users.deleteByUserName(userName))) {
      throw new NotFoundError(`User '${userName}' not found.`);
    }
  }

  async listUsers(): Promise<ApiUserSummary[]> {
    return (await this.users.listByUserName()).map(summarize);
  }

  private async passwordMatches(user: ApiUserEntity, password: string): Promise<boolean> {
    const key = createHash('sha256')
      .update(`${user.passwordHash}\0${user.userName}\0${password}`)
      .digest('base64');
    const now = Date.now();
    const expiresAt = this.verifiedCredentials.get(key);
    if (expiresAt !== undefined && expiresAt > now) return true;
    if (!(await this.hasher.matches(user.passwordHash, password))) return false;
    if (this.verifiedCredentials.size >= VERIFIED_CREDENTIALS_MAX) this.verifiedCredentials.clear();
    this.verifiedCredentials.set(key, now + VERIFIED_CREDENTIALS_TTL_MS);
    return true;
  }
}

function summarize(user: ApiUserEntity): ApiUserSummary {
  return { userName: user.userName, roles: user.roles, createdAt: user.createdAt };
}
