import {
  ROLES,
  claimAt,
  effectiveRoles,
  parseRoleName,
  roleClaimValue,
  rolesFromClaim,
  satisfiesRoles,
  type Role,
} from './roles';

describe('ROLES', () => {
  it('lists READ and ADMIN', () => {
    expect(ROLES).toEqual(['READ', 'ADMIN']);
  });
});

describe('roleClaimValue', () => {
  it('spells a role the Cumulocity way, with the ROLE_ prefix', () => {
    expect(roleClaimValue('READ')).toBe('ROLE_MACHINE_LEARNING_READ');
    expect(roleClaimValue('ADMIN')).toBe('ROLE_MACHINE_LEARNING_ADMIN');
  });

  it('produces values that rolesFromClaim reads back', () => {
    expect(rolesFromClaim(ROLES.map(roleClaimValue))).toEqual(['READ', 'ADMIN']);
  });
});

describe('parseRoleName', () => {
  it.each<[string, Role]>([
    ['READ', 'READ'],
    ['ADMIN', 'ADMIN'],
    ['read', 'READ'],
    ['Admin', 'ADMIN'],
    [' read ', 'READ'],
  ])('reads the short name %p case-insensitively as %s', (name, role) => {
    expect(parseRoleName(name)).toBe(role);
  });

  it.each<[string, Role]>([
    ['ROLE_MACHINE_LEARNING_READ', 'READ'],
    ['MACHINE_LEARNING_READ', 'READ'],
    ['ROLE_MACHINE_LEARNING_ADMIN', 'ADMIN'],
    ['MACHINE_LEARNING_ADMIN', 'ADMIN'],
    ['  ROLE_MACHINE_LEARNING_ADMIN\n', 'ADMIN'],
  ])('reads the claim spelling %p as %s', (name, role) => {
    expect(parseRoleName(name)).toBe(role);
  });

  it.each(['', 'WRITE', 'ROLE_INVENTORY_READ', 'ROLE_MACHINE_LEARNING', 'READADMIN'])(
    'returns undefined for the unrelated name %p',
    (name) => {
      expect(parseRoleName(name)).toBeUndefined();
    },
  );
});

describe('rolesFromClaim', () => {
  it('reads both spellings from an array claim', () => {
    expect(rolesFromClaim(['ROLE_MACHINE_LEARNING_READ', 'MACHINE_LEARNING_ADMIN'])).toEqual([
      'READ',
      'ADMIN',
    ]);
    expect(rolesFromClaim(['MACHINE_LEARNING_READ'])).toEqual(['READ']);
    expect(rolesFromClaim(['ROLE_MACHINE_LEARNING_ADMIN'])).toEqual(['ADMIN']);
  });

  it('ignores unrelated roles', () => {
    expect(
      rolesFromClaim(['ROLE_INVENTORY_READ', 'offline_access', 'ROLE_MACHINE_LEARNING_READ']),
    ).toEqual(['READ']);
  });

  it('does not accept the bare short names that only the CLI understands', () => {
    expect(rolesFromClaim(['READ', 'ADMIN', 'read'])).toEqual([]);
  });

  it('lists each role once even when both spellings are present', () => {
    expect(
      rolesFromClaim([
        'ROLE_MACHINE_LEARNING_ADMIN',
        'MACHINE_LEARNING_ADMIN',
        'ROLE_MACHINE_LEARNING_ADMIN',
      ]),
    ).toEqual(['ADMIN']);
  });

  it('splits a string claim on spaces', () => {
    expect(rolesFromClaim('ROLE_MACHINE_LEARNING_READ ROLE_MACHINE_LEARNING_ADMIN')).toEqual([
      'READ',
      'ADMIN',
    ]);
  });

  it('splits a string claim on commas and mixed separators', () => {
    expect(rolesFromClaim('MACHINE_LEARNING_READ,MACHINE_LEARNING_ADMIN')).toEqual([
      'READ',
      'ADMIN',
    ]);
    expect(rolesFromClaim(' openid, ROLE_MACHINE_LEARNING_ADMIN\tprofile ,')).toEqual(['ADMIN']);
  });

  it('reads a single-role string claim', () => {
    expect(rolesFromClaim('ROLE_MACHINE_LEARNING_READ')).toEqual(['READ']);
  });

  it('skips array entries that are not strings', () => {
    expect(
      rolesFromClaim([
        42,
        null,
        { name: 'ROLE_MACHINE_LEARNING_ADMIN' },
        'ROLE_MACHINE_LEARNING_READ',
      ]),
    ).toEqual(['READ']);
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a number', 1],
    ['an object', { roles: ['ROLE_MACHINE_LEARNING_READ'] }],
    ['an empty string', ''],
    ['an empty array', []],
  ])('returns no roles for %s', (_, claim) => {
    expect(rolesFromClaim(claim)).toEqual([]);
  });
});

describe('effectiveRoles', () => {
  it('gives ADMIN the READ role too', () => {
    expect(effectiveRoles(['ADMIN'])).toEqual(['READ', 'ADMIN']);
  });

  it('gives READ only READ', () => {
    expect(effectiveRoles(['READ'])).toEqual(['READ']);
  });

  it('lists each role once, READ first', () => {
    expect(effectiveRoles(['ADMIN', 'READ', 'ADMIN'])).toEqual(['READ', 'ADMIN']);
  });

  it('gives no roles to a user without any', () => {
    expect(effectiveRoles([])).toEqual([]);
  });
});

describe('satisfiesRoles', () => {
  it('lets ADMIN call READ routes', () => {
    expect(satisfiesRoles(['ADMIN'], ['READ'])).toBe(true);
  });

  it('does not let READ call ADMIN routes', () => {
    expect(satisfiesRoles(['READ'], ['ADMIN'])).toBe(false);
  });

  it('requires every listed role', () => {
    expect(satisfiesRoles(['READ'], ['READ', 'ADMIN'])).toBe(false);
    expect(satisfiesRoles(['ADMIN'], ['READ', 'ADMIN'])).toBe(true);
  });

  it('lets anyone, even without roles, call a route that requires none', () => {
    expect(satisfiesRoles([], [])).toBe(true);
  });

  it('refuses a user without roles on a READ route', () => {
    expect(satisfiesRoles([], ['READ'])).toBe(false);
  });
});

describe('claimAt', () => {
  const payload = {
    sub: 'alice',
    roles: ['ROLE_MACHINE_LEARNING_READ'],
    realm_access: { roles: ['ROLE_MACHINE_LEARNING_ADMIN'] },
    resource_access: { scorecast: { roles: 'MACHINE_LEARNING_READ' } },
    nothing: null,
  };

  it('reads a top-level claim', () => {
    expect(claimAt(payload, 'roles')).toEqual(['ROLE_MACHINE_LEARNING_READ']);
  });

  it('follows a dotted path', () => {
    expect(claimAt(payload, 'realm_access.roles')).toEqual(['ROLE_MACHINE_LEARNING_ADMIN']);
    expect(claimAt(payload, 'resource_access.scorecast.roles')).toBe('MACHINE_LEARNING_READ');
  });

  it('returns an intermediate object when the path ends there', () => {
    expect(claimAt(payload, 'realm_access')).toEqual({ roles: ['ROLE_MACHINE_LEARNING_ADMIN'] });
  });

  it.each([
    'missing',
    'missing.roles',
    'realm_access.missing',
    'resource_access.other.roles',
    'nothing.roles',
    'sub.length.deeper',
  ])('returns undefined for the missing path %p', (path) => {
    expect(claimAt(payload, path)).toBeUndefined();
  });

  it('does not descend into a string', () => {
    expect(claimAt(payload, 'sub.length')).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'roles'],
    ['a number', 7],
  ])('returns undefined when the payload is %s', (_, value) => {
    expect(claimAt(value, 'roles')).toBeUndefined();
  });

  it('feeds rolesFromClaim for a nested roles claim', () => {
    expect(rolesFromClaim(claimAt(payload, 'realm_access.roles'))).toEqual(['ADMIN']);
    expect(rolesFromClaim(claimAt(payload, 'realm_access.absent'))).toEqual([]);
  });
});
