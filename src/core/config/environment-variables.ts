import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const DATA_SOURCES = ['embedded', 'cumulocity'] as const;
export const DB_TYPES = ['sqlite', 'mysql'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const MISFIRE_POLICIES = ['run-once', 'skip'] as const;
export const ORPHAN_POLICIES = ['retry', 'fail'] as const;

// Environment strings become booleans only for the spellings people actually type; anything else
// is kept as a string so that validation can name the bad value.
function toBoolean({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string') return value;
  const normalized = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalized)) return true;
  if (['false', '0', 'no', 'off'].includes(normalized)) return false;
  return value;
}

function toInteger({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string' || !/^-?\d+$/.test(value.trim())) return value;
  return Number(value.trim());
}

/** A size: a whole number of bytes, kilobytes, megabytes or gigabytes (`512kb`, `50mb`). */
export const SIZE = /^\d+(b|kb|mb|gb)$/i;

const isMysql = (env: EnvironmentVariables): boolean => env.DB_TYPE === 'mysql';
const isCumulocity = (env: EnvironmentVariables): boolean => env.DATA_SOURCE === 'cumulocity';

/** A whole-number setting within bounds, with the message naming it and them. */
function wholeNumber(name: string, min: number, max: number): PropertyDecorator {
  const message = `${name} must be a whole number from ${min} to ${max}`;
  return (target, property) => {
    Transform(toInteger)(target, property);
    IsOptional()(target, property);
    IsInt({ message })(target, property);
    Min(min, { message })(target, property);
    Max(max, { message })(target, property);
  };
}

/**
 * Every setting the service reads from its environment, with defaults that favour the embedded
 * SQLite mode. `.env.example` and the README's configuration table list the same variables.
 */
export class EnvironmentVariables {
  @IsIn(NODE_ENVS, { message: `NODE_ENV must be one of ${NODE_ENVS.join(', ')}` })
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @Transform(toInteger)
  @IsInt({ message: 'PORT must be a whole number between 0 and 65535' })
  @Min(0, { message: 'PORT must be a whole number between 0 and 65535' })
  @Max(65535, { message: 'PORT must be a whole number between 0 and 65535' })
  PORT = 8080;

  @IsString()
  @IsNotEmpty({ message: 'HOST must name an interface address such as 0.0.0.0 or 127.0.0.1' })
  HOST = '0.0.0.0';

  @Matches(/^(\/[A-Za-z0-9._~-]+)+$/, {
    message:
      'API_BASE_PATH must be a path that starts with a slash and has no trailing slash, such as /service/zementis',
  })
  API_BASE_PATH = '/service/zementis';

  @Matches(/^\d+(b|kb|mb)$/i, {
    message: 'HTTP_BODY_LIMIT must be a size such as 512kb or 1mb',
  })
  HTTP_BODY_LIMIT = '1mb';

  @Transform(toInteger)
  @IsInt({ message: 'SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds, at least 0' })
  @Min(0, { message: 'SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds, at least 0' })
  SHUTDOWN_TIMEOUT_MS = 10000;

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @Transform(toBoolean)
  @IsBoolean({ message: 'DEMO_DATA must be true or false' })
  DEMO_DATA = false;

  @IsIn(DB_TYPES, { message: `DB_TYPE must be one of ${DB_TYPES.join(', ')}` })
  DB_TYPE: (typeof DB_TYPES)[number] = 'sqlite';

  @IsString()
  @IsNotEmpty({ message: 'DB_PATH must be the path of the SQLite database file' })
  DB_PATH = './data/scorecast.sqlite';

  @ValidateIf(isMysql)
  @IsString({ message: 'DB_HOST is required when DB_TYPE is mysql (host name or IP address)' })
  @IsNotEmpty({ message: 'DB_HOST is required when DB_TYPE is mysql (host name or IP address)' })
  DB_HOST?: string;

  @Transform(toInteger)
  @IsInt({ message: 'DB_PORT must be a whole number between 1 and 65535' })
  @Min(1, { message: 'DB_PORT must be a whole number between 1 and 65535' })
  @Max(65535, { message: 'DB_PORT must be a whole number between 1 and 65535' })
  DB_PORT = 3306;

  @ValidateIf(isMysql)
  @IsString({ message: 'DB_USER is required when DB_TYPE is mysql' })
  @IsNotEmpty({ message: 'DB_USER is required when DB_TYPE is mysql' })
  DB_USER?: string;

  @IsOptional()
  @IsString()
  DB_PASSWORD?: string;

  @ValidateIf(isMysql)
  @Matches(/^[A-Za-z0-9_]+$/, {
    message: 'DB_NAME is required when DB_TYPE is mysql and may hold only letters, digits and _',
  })
  DB_NAME?: string;

  @Transform(toBoolean)
  @IsBoolean({ message: 'DB_MIGRATIONS_RUN must be true or false' })
  DB_MIGRATIONS_RUN = true;

  @Transform(toInteger)
  @IsInt({ message: 'DB_RETRY_MAX_DELAY_MS must be a whole number of milliseconds, at least 100' })
  @Min(100, {
    message: 'DB_RETRY_MAX_DELAY_MS must be a whole number of milliseconds, at least 100',
  })
  DB_RETRY_MAX_DELAY_MS = 30000;

  @IsOptional()
  @IsString()
  JWT_SECRET?: string;

  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: 'JWT_JWKS_URI must be an http(s) URL of a JSON Web Key Set' },
  )
  JWT_JWKS_URI?: string;

  @IsOptional()
  @IsString()
  JWT_ISSUER?: string;

  @IsOptional()
  @IsString()
  JWT_AUDIENCE?: string;

  @Matches(/^[^.\s]+(\.[^.\s]+)*$/, {
    message: 'JWT_ROLES_CLAIM must be a claim name or a dotted path such as realm_access.roles',
  })
  JWT_ROLES_CLAIM = 'roles';

  @Transform(toInteger)
  @IsInt({ message: 'JWT_CLOCK_TOLERANCE_SECONDS must be a whole number from 0 to 300' })
  @Min(0, { message: 'JWT_CLOCK_TOLERANCE_SECONDS must be a whole number from 0 to 300' })
  @Max(300, { message: 'JWT_CLOCK_TOLERANCE_SECONDS must be a whole number from 0 to 300' })
  JWT_CLOCK_TOLERANCE_SECONDS = 30;

  @Matches(SIZE, { message: 'MODEL_UPLOAD_LIMIT must be a size such as 50mb' })
  MODEL_UPLOAD_LIMIT = '50mb';

  @Matches(SIZE, { message: 'MODEL_CACHE_SIZE must be a size such as 512mb' })
  MODEL_CACHE_SIZE = '512mb';

  @Matches(SIZE, { message: 'APPLY_BODY_LIMIT must be a size such as 100mb' })
  APPLY_BODY_LIMIT = '100mb';

  @IsIn(DATA_SOURCES, { message: `DATA_SOURCE must be one of ${DATA_SOURCES.join(', ')}` })
  DATA_SOURCE: (typeof DATA_SOURCES)[number] = 'embedded';

  @ValidateIf(isCumulocity)
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    {
      message:
        'C8Y_BASE_URL must be the http(s) URL of the Cumulocity tenant when DATA_SOURCE is cumulocity',
    },
  )
  C8Y_BASE_URL?: string;

  @IsOptional()
  @IsString()
  C8Y_TENANT?: string;

  @IsOptional()
  @IsString()
  C8Y_USER?: string;

  @IsOptional()
  @IsString()
  C8Y_PASSWORD?: string;

  @IsOptional()
  @IsString()
  C8Y_TOKEN?: string;

  @wholeNumber('C8Y_TIMEOUT_MS', 1, 600_000)
  C8Y_TIMEOUT_MS?: number;

  @wholeNumber('C8Y_MAX_ATTEMPTS', 1, 20)
  C8Y_MAX_ATTEMPTS?: number;

  @wholeNumber('C8Y_CONCURRENCY', 1, 256)
  C8Y_CONCURRENCY?: number;

  @wholeNumber('C8Y_PAGE_SIZE', 1, 2000)
  C8Y_PAGE_SIZE?: number;

  @wholeNumber('C8Y_RETRY_BASE_DELAY_MS', 0, 60_000)
  C8Y_RETRY_BASE_DELAY_MS?: number;

  @wholeNumber('MEASUREMENT_RETENTION_DAYS', 0, 36_500)
  MEASUREMENT_RETENTION_DAYS = 0;

  @wholeNumber('MEASUREMENT_PURGE_BATCH', 1, 1_000_000)
  MEASUREMENT_PURGE_BATCH = 10_000;

  @wholeNumber('JOB_SYNC_INTERVAL_MS', 100, 3_600_000)
  JOB_SYNC_INTERVAL_MS = 2000;

  @IsIn(MISFIRE_POLICIES, {
    message: `MISFIRE_POLICY must be one of ${MISFIRE_POLICIES.join(', ')}`,
  })
  MISFIRE_POLICY: (typeof MISFIRE_POLICIES)[number] = 'run-once';

  @wholeNumber('MAX_CONCURRENT_EXECUTIONS', 1, 256)
  MAX_CONCURRENT_EXECUTIONS = 4;

  @wholeNumber('EXECUTION_LEASE_MS', 1000, 3_600_000)
  EXECUTION_LEASE_MS = 30_000;

  @wholeNumber('EXECUTION_TIMEOUT_MS', 1000, 604_800_000)
  EXECUTION_TIMEOUT_MS = 3_600_000;

  @IsIn(ORPHAN_POLICIES, {
    message: `EXECUTION_ORPHAN_POLICY must be one of ${ORPHAN_POLICIES.join(', ')}`,
  })
  EXECUTION_ORPHAN_POLICY: (typeof ORPHAN_POLICIES)[number] = 'retry';

  @wholeNumber('EXECUTION_KEEP_DEFAULT', 0, 100_000)
  EXECUTION_KEEP_DEFAULT = 1000;

  @wholeNumber('EXECUTION_RETENTION_DAYS_DEFAULT', 0, 3650)
  EXECUTION_RETENTION_DAYS_DEFAULT = 30;
}
