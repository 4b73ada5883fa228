export class EffectiveRoleDto {
  /** @example ROLE_MACHINE_LEARNING_READ */
  id!: string;
}

export class CurrentUserResponseDto {
  /** @example alice */
  id!: string;

  /** @example alice */
  userName!: string;

  effectiveRoles!: EffectiveRoleDto[];
}
