// The two roles of the Machine Learning API. Claims and stored users may spell them with or
// without the Cumulocity `ROLE_` prefix; inside the service they are just READ and ADMIN.

export const ROLES = ['READ', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

const ROLE_CLAIM_VALUES: Record<string, Role> = {
  ROLE_MACHINE_LEARNING_READ: 'READ',
  MACHINE_LEARNING_READ: 'READ',
  ROLE_MACHINE_LEARNING_ADMIN: 'ADMIN',
  MACHINE_LEARNING_ADMIN: 'ADMIN',
};

export function roleClaimValue(role: Role): string {
  return `ROLE_MACHINE_LEARNING_${role}`;
}

export function parseRoleName(name: string): Role | undefined {
  const upper = name.trim().toUpperCase();
  return (ROLES as readonly string[]).includes(upper)
    ? (upper as Role)
    : ROLE_CLAIM_VALUES[name.trim()];
}

/** Roles named in a token claim: an array of strings, or one string separated by spaces or commas. */
export function rolesFromClaim(claim: unknown): Role[] {
  const names = Array.isArray(claim)
    ? claim.filter((value): value is string => typeof value === 'string')
    : typeof claim === 'string'
      ? claim.split(/[\s,]+/)
      : [];
  const roles = new Set<Role>();
  for (const name of names) {
    const role = ROLE_CLAIM_VALUES[name];
    if (role) roles.add(role);
  }
  return [...roles];
}

/** ADMIN includes READ: every route a READ user may call, an ADMIN may call too. */
export function effectiveRoles(granted: readonly Role[]): Role[] {
  return granted.includes('ADMIN') ? ['READ', 'ADMIN'] : granted.includes('READ') ? ['READ'] : [];
}

export function satisfiesRoles(granted: readonly Role[], required: readonly Role[]): boolean {
  const effective = effectiveRoles(granted);
  return required.every((role) => effective.includes(role));
}

/** Reads a claim at a dotted path such as `realm_access.roles`. */
export function claimAt(payload: unknown, path: string): unknown {
  let value: unknown = payload;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
