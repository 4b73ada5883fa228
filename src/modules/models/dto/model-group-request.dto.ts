import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  type ValidationArguments,
} from 'class-validator';

// Names the repeated models, which class-validator's own message does not.
function repeatedModels({ property, value }: ValidationArguments): string {
  const names = Array.isArray(value) ? (value as unknown[]) : [];
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  const listed = [...new Set(repeated)].map((name) => `'${String(name)}'`).join(', ');
  return `${property} must not name a model twice: ${listed}.`;
}

export class CreateModelGroupDto {
  /** Unsafe characters become underscores, as in model names. @example AnomalyDetectionModels */
  @IsString()
  @IsNotEmpty()
  groupName!: string;

  /**
   * The member models, in this order; all take the same inputs and none belongs to another
   * group. Deactivated models may be members.
   * @example ["IsolationForest", "IsolationForestRetrained"]
   */
  @IsArray()
  @ArrayNotEmpty()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @ArrayUnique({ message: repeatedModels })
  models!: string[];

  /** One of `models`; the first of them when left out. @example IsolationForest */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  primaryModel?: string;
}

export class UpdateModelGroupDto {
  /** May be given, but only with the group's own name: groups cannot be renamed. @example AnomalyDetectionModels */
  @IsOptional()
  @IsString()
  groupName?: string;

  /**
   * The new members, replacing the old ones; models left out leave the group.
   * @example ["IsolationForest", "IsolationForestRetrained"]
   */
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @ArrayUnique({ message: repeatedModels })
  models?: string[];

  /**
   * One of the (new) members. When left out, the primary model stays if it is still a member,
   * else the first member becomes primary.
   * @example IsolationForestRetrained
   */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  primaryModel?: string;
}
