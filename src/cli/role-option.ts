import { InvalidArgumentError } from 'commander';
import { parseRoleName, type Role } from '../core/security/roles';

/** Parses `ADMIN`, `READ`, `ADMIN,READ` or the ROLE_MACHINE_LEARNING_* spellings. */
export function parseRolesOption(value: string): Role[] {
  const names = value.split(/[,\s|]+/).filter((name) => name !== '');
  const roles = names.map((name) => {
    const role = parseRoleName(name);
    if (!role) throw new InvalidArgumentError(`'${name}' is not a role; use ADMIN or READ.`);
    return role;
  });
  if (roles.length === 0) throw new InvalidArgumentError('name at least one role: ADMIN or READ.');
  return [...new Set(roles)];
}

const TTL_PATTERN = /^\d+(ms|s|m|h|d|w|y)?$/;

export function parseTtlOption(value: string): string {
  if (!TTL_PATTERN.test(value)) {
    throw new InvalidArgumentError('use a duration such as 30m, 1h, 12h or 7d.');
  }
  return value;
}
