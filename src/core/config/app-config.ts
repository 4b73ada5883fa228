import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { EnvironmentVariables } from './environment-variables';

export type DatabaseConfig =
  | { type: 'sqlite'; path: string; migrationsRun: boolean; retryMaxDelayMs: number }
  | {
      type: 'mysql';
      host: string;
      port: number;
      user: string;
      password?: string;
      database: string;
      migrationsRun: boolean;
      retryMaxDelayMs: number;
    };

export interface JwtConfig {
  // HS256 secret; absent in JWKS mode and, until resolveDevelopmentSecret fills it, in development.
  secret?: string;
  jwksUri?: string;
  issuer?: string;
  audience?: string;
  rolesClaim: string;
  clockToleranceSeconds: number;
}

export interface ModelsConfig {
  uploadLimitBytes: number;
  cacheBytes: number;
  applyBodyLimitBytes: number;
}

export interface MeasurementsConfig {
  /** Values older than this many days are purged; 0 keeps them forever. */
  retentionDays: number;
  /** Values deleted per batch (one short transaction), so a purge never holds the database long. */
  purgeBatch: number;
}

/** How executions run and how long they are kept (docs/executions.md). */
export interface ExecutionsConfig {
  /** Executions one replica runs at once; more wait Queued. */
  maxConcurrent: number;
  /** How long a claim holds without renewal; the runner renews it at a third of that. */
  leaseMs: number;
  timeoutMs: number;
  /** What becomes of a Running execution whose runner stopped renewing its lease. */
  orphanPolicy: EnvironmentVariables['EXECUTION_ORPHAN_POLICY'];
  /** Executions kept per job unless the job says otherwise; 0: no limit by count. */
  keepDefault: number;
  /** Days executions are kept unless the job says otherwise; 0: no limit by age. */
  retentionDaysDefault: number;
}

/** How the triggers follow the jobs table and treat fires missed while no replica ran. */
export interface SchedulingConfig {
  /** How often each replica looks for job changes made by other replicas. */
  jobSyncIntervalMs: number;
  misfirePolicy: EnvironmentVariables['MISFIRE_POLICY'];
}

/** Where jobs read device data: the embedded store, or a Cumulocity tenant (checked settings). */
export type DataSourceConfig =
  | { kind: 'embedded' }
  | {
      kind: 'cumulocity';
      baseUrl: string;
      credentials: { token: string } | { tenant: string; user: string; password: string };
      timeoutMs?: number;
      maxAttempts?: number;
      concurrency?: number;
      pageSize?: number;
      retryBaseDelayMs?: number;
    };

export interface AppConfig {
  env: EnvironmentVariables['NODE_ENV'];
  http: {
    host: string;
    port: number;
    basePath: string;
    bodyLimit: string;
    shutdownTimeoutMs: number;
  };
  logLevel: EnvironmentVariables['LOG_LEVEL'];
  /** DEMO_DATA: seed the demo (devices, measurements, models) once the database is ready. */
  demoData: boolean;
  database: DatabaseConfig;
  jwt: JwtConfig;
  models: ModelsConfig;
  dataSource: DataSourceConfig;
  measurements: MeasurementsConfig;
  scheduling: SchedulingConfig;
  executions: ExecutionsConfig;
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

const PLACEHOLDER_SECRETS = new Set(['secret', 'changeme', 'change-me', 'please-change-me']);
const MIN_PRODUCTION_SECRET_LENGTH = 32;

// Several rules of one variable share a message (integer, min, max): say it once.
function describeProblems(errors: ValidationError[]): string[] {
  const problems = errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map(
      (message) => `${message} (got ${JSON.stringify(error.value)})`,
    ),
  );
  return [...new Set(problems)];
}

function dataSourceConfig(env: EnvironmentVariables): DataSourceConfig {
  if (env.DATA_SOURCE === 'embedded') return { kind: 'embedded' };
  const credentials = env.C8Y_TOKEN
    ? { token: env.C8Y_TOKEN }
    : env.C8Y_TENANT && env.C8Y_USER && env.C8Y_PASSWORD
      ? { tenant: env.C8Y_TENANT, user: env.C8Y_USER, password: env.C8Y_PASSWORD }
      : undefined;
  if (!credentials || !env.C8Y_BASE_URL) {
    throw new ConfigValidationError([
      'DATA_SOURCE=cumulocity needs C8Y_BASE_URL and either C8Y_TOKEN or C8Y_TENANT, C8Y_USER and C8Y_PASSWORD',
    ]);
  }
  return {
    kind: 'cumulocity',
    baseUrl: env.C8Y_BASE_URL,
    credentials,
    timeoutMs: env.C8Y_TIMEOUT_MS,
    maxAttempts: env.C8Y_MAX_ATTEMPTS,
    concurrency: env.C8Y_CONCURRENCY,
    pageSize: env.C8Y_PAGE_SIZE,
    retryBaseDelayMs: env.C8Y_RETRY_BASE_DELAY_MS,
  };
}

function productionProblems(env: EnvironmentVariables): string[] {
  if (env.NODE_ENV !== 'production') return [];
  if (!env.JWT_SECRET && !env.JWT_JWKS_URI) {
    return ['JWT_SECRET or JWT_JWKS_URI must be set when NODE_ENV is production'];
  }
  if (
    env.JWT_SECRET &&
    (PLACEHOLDER_SECRETS.has(env.JWT_SECRET.toLowerCase()) ||
      env.JWT_SECRET.length < MIN_PRODUCTION_SECRET_LENGTH)
  ) {
    return [
      `JWT_SECRET must be a random value of at least ${MIN_PRODUCTION_SECRET_LENGTH} characters when NODE_ENV is production`,
    ];
  }
  return [];
}

function databaseConfig(env: EnvironmentVariables): DatabaseConfig {
  const common = {
    migrationsRun: env.DB_MIGRATIONS_RUN,
    retryMaxDelayMs: env.DB_RETRY_MAX_DELAY_MS,
  };
  if (env.DB_TYPE === 'sqlite') return { type: 'sqlite', path: env.DB_PATH, ...common };
  // Validation made these required for mysql; the checks narrow the types.
  if (!env.DB_HOST || !env.DB_USER || !env.DB_NAME) {
    throw new ConfigValidationError(['DB_HOST, DB_USER and DB_NAME are required for mysql']);
  }
  return {
    type: 'mysql',
    host: env.DB_HOST,
    port: env.DB_PORT,
    user: env.DB_USER,
    password: env.DB_PASSWORD,
    database: env.DB_NAME,
    ...common,
  };
}

const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** Bytes of a size setting such as `50mb` (already validated against SIZE). */
export function sizeInBytes(size: string): number {
  const match = /^(\d+)([a-z]+)$/i.exec(size);
  if (!match) throw new ConfigValidationError([`${size} is not a size`]);
  return Number(match[1]) * SIZE_UNITS[match[2].toLowerCase()];
}

/**
 * Reads and validates the settings from an environment map (normally `process.env`).
 * Throws {@link ConfigValidationError} listing every bad variable.
 */
export function loadAppConfig(source: NodeJS.ProcessEnv): AppConfig {
  const known = Object.keys(new EnvironmentVariables());
  // A blank value (`PORT=` in .env, `${PORT}` unset in compose) means "use the default".
  const relevant = Object.fromEntries(
    Object.entries(source).filter(
      ([name, value]) => value !== undefined && value.trim() !== '' && known.includes(name),
    ),
  );
  const env = plainToInstance(EnvironmentVariables, relevant, { exposeDefaultValues: true });
  const problems = [
    ...describeProblems(validateSync(env, { skipMissingProperties: false })),
    ...productionProblems(env),
  ];
  if (problems.length > 0) throw new ConfigValidationError(problems);

  return {
    env: env.NODE_ENV,
    http: {
      host: env.HOST,
      port: env.PORT,
      basePath: env.API_BASE_PATH,
      bodyLimit: env.HTTP_BODY_LIMIT,
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    },
    logLevel: env.LOG_LEVEL,
    demoData: env.DEMO_DATA,
    database: databaseConfig(env),
    jwt: {
      secret: env.JWT_SECRET,
      jwksUri: env.JWT_JWKS_URI,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      rolesClaim: env.JWT_ROLES_CLAIM,
      clockToleranceSeconds: env.JWT_CLOCK_TOLERANCE_SECONDS,
    },
    models: {
      uploadLimitBytes: sizeInBytes(env.MODEL_UPLOAD_LIMIT),
      cacheBytes: sizeInBytes(env.MODEL_CACHE_SIZE),
      applyBodyLimitBytes: sizeInBytes(env.APPLY_BODY_LIMIT),
    },
    dataSource: dataSourceConfig(env),
    measurements: {
      retentionDays: env.MEASUREMENT_RETENTION_DAYS,
      purgeBatch: env.MEASUREMENT_PURGE_BATCH,
    },
    scheduling: {
      jobSyncIntervalMs: env.JOB_SYNC_INTERVAL_MS,
      misfirePolicy: env.MISFIRE_POLICY,
    },
    executions: {
      maxConcurrent: env.MAX_CONCURRENT_EXECUTIONS,
      leaseMs: env.EXECUTION_LEASE_MS,
      timeoutMs: env.EXECUTION_TIMEOUT_MS,
      orphanPolicy: env.EXECUTION_ORPHAN_POLICY,
      keepDefault: env.EXECUTION_KEEP_DEFAULT,
      retentionDaysDefault: env.EXECUTION_RETENTION_DAYS_DEFAULT,
    },
  };
}
