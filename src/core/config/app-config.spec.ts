import { ConfigValidationError, loadAppConfig, type AppConfig } from './app-config';

const LONG_SECRET = 'k8Jw2pQz7VnR4tYx1LmC9sDf6GhB3aEu'; // 32 characters

/** Runs loadAppConfig expecting it to refuse the environment and returns the listed problems. */
function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadAppConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  throw new Error(`expected loadAppConfig to refuse ${JSON.stringify(env)}`);
}

describe('loadAppConfig', () => {
  describe('defaults', () => {
    it('uses the documented defaults for an empty environment', () => {
      const expected: AppConfig = {
        env: 'development',
        http: {
          host: '0.0.0.0',
          port: 8080,
          basePath: '/service/zementis',
          bodyLimit: '1mb',
          shutdownTimeoutMs: 10000,
        },
        logLevel: 'info',
        demoData: false,
        database: {
          type: 'sqlite',
          path: './data/scorecast.sqlite',
          migrationsRun: true,
          retryMaxDelayMs: 30000,
        },
        jwt: { rolesClaim: 'roles', clockToleranceSeconds: 30 },
        models: {
          uploadLimitBytes: 50 * 1024 ** 2,
          cacheBytes: 512 * 1024 ** 2,
          applyBodyLimitBytes: 100 * 1024 ** 2,
        },
        dataSource: { kind: 'embedded' },
        measurements: { retentionDays: 0, purgeBatch: 10_000 },
        scheduling: { jobSyncIntervalMs: 2000, misfirePolicy: 'run-once' },
        executions: {
          maxConcurrent: 4,
          leaseMs: 30_000,
          timeoutMs: 3_600_000,
          orphanPolicy: 'retry',
          keepDefault: 1000,
          retentionDaysDefault: 30,
        },
      };

      expect(loadAppConfig({})).toEqual(expected);
    });

    it('reads sizes in bytes, kilobytes, megabytes and gigabytes', () => {
      const { models } = loadAppConfig({
        MODEL_UPLOAD_LIMIT: '512kb',
        MODEL_CACHE_SIZE: '2GB',
        APPLY_BODY_LIMIT: '100b',
      });
      expect(models).toEqual({
        uploadLimitBytes: 512 * 1024,
        cacheBytes: 2 * 1024 ** 3,
        applyBodyLimitBytes: 100,
      });
    });

    it('reads a Cumulocity data source with a token or with Basic credentials', () => {
      expect(
        loadAppConfig({
          DATA_SOURCE: 'cumulocity',
          C8Y_BASE_URL: 'https://acme.example.com',
          C8Y_TOKEN: 't',
          C8Y_CONCURRENCY: '3',
        }).dataSource,
      ).toEqual({
        kind: 'cumulocity',
        baseUrl: 'https://acme.example.com',
        credentials: { token: 't' },
        concurrency: 3,
      });
      expect(
        loadAppConfig({
          DATA_SOURCE: 'cumulocity',
          C8Y_BASE_URL: 'http://localhost:8111',
          C8Y_TENANT: 't1',
          C8Y_USER: 'u',
          C8Y_PASSWORD: 'p',
        }).dataSource,
      ).toMatchObject({ credentials: { tenant: 't1', user: 'u', password: 'p' } });
    });

    it('refuses a Cumulocity data source without a URL or credentials, or with bad limits', () => {
      expect(problemsOf({ DATA_SOURCE: 'cumulocity', C8Y_TOKEN: 't' })).toEqual([
        'C8Y_BASE_URL must be the http(s) URL of the Cumulocity tenant when DATA_SOURCE is cumulocity (got undefined)',
      ]);
      expect(
        problemsOf({ DATA_SOURCE: 'cumulocity', C8Y_BASE_URL: 'https://acme.example.com' }),
      ).toEqual([
        'DATA_SOURCE=cumulocity needs C8Y_BASE_URL and either C8Y_TOKEN or C8Y_TENANT, C8Y_USER and C8Y_PASSWORD',
      ]);
      expect(problemsOf({ C8Y_MAX_ATTEMPTS: '0' })).toEqual([
        'C8Y_MAX_ATTEMPTS must be a whole number from 1 to 20 (got 0)',
      ]);
    });

    it('reads the measurement retention and purge batch, and refuses a batch of 0', () => {
      expect(
        loadAppConfig({ MEASUREMENT_RETENTION_DAYS: '90', MEASUREMENT_PURGE_BATCH: '500' })
          .measurements,
      ).toEqual({ retentionDays: 90, purgeBatch: 500 });
      expect(problemsOf({ MEASUREMENT_PURGE_BATCH: '0' })).toEqual([
        'MEASUREMENT_PURGE_BATCH must be a whole number from 1 to 1000000 (got 0)',
      ]);
    });

    it('reads the execution settings, and refuses an unknown orphan policy or a short lease', () => {
      expect(
        loadAppConfig({
          MAX_CONCURRENT_EXECUTIONS: '2',
          EXECUTION_LEASE_MS: '5000',
          EXECUTION_TIMEOUT_MS: '60000',
          EXECUTION_ORPHAN_POLICY: 'fail',
          EXECUTION_KEEP_DEFAULT: '0',
          EXECUTION_RETENTION_DAYS_DEFAULT: '7',
        }).executions,
      ).toEqual({
        maxConcurrent: 2,
        leaseMs: 5000,
        timeoutMs: 60_000,
        orphanPolicy: 'fail',
        keepDefault: 0,
        retentionDaysDefault: 7,
      });
      expect(problemsOf({ EXECUTION_ORPHAN_POLICY: 'ignore', EXECUTION_LEASE_MS: '10' })).toEqual([
        'EXECUTION_LEASE_MS must be a whole number from 1000 to 3600000 (got 10)',
        'EXECUTION_ORPHAN_POLICY must be one of retry, fail (got "ignore")',
      ]);
    });

    it('reads the scheduling settings, and refuses an unknown misfire policy', () => {
      expect(
        loadAppConfig({ JOB_SYNC_INTERVAL_MS: '500', MISFIRE_POLICY: 'skip' }).scheduling,
      ).toEqual({ jobSyncIntervalMs: 500, misfirePolicy: 'skip' });
      expect(problemsOf({ JOB_SYNC_INTERVAL_MS: '10', MISFIRE_POLICY: 'run-all' })).toEqual([
        'JOB_SYNC_INTERVAL_MS must be a whole number from 100 to 3600000 (got 10)',
        'MISFIRE_POLICY must be one of run-once, skip (got "run-all")',
      ]);
    });

    it('refuses a size without a unit', () => {
      expect(problemsOf({ MODEL_UPLOAD_LIMIT: '50' })).toEqual([
        'MODEL_UPLOAD_LIMIT must be a size such as 50mb (got "50")',
      ]);
    });

    it('leaves the JWT secret, JWKS URI, issuer and audience unset by default', () => {
      const { jwt } = loadAppConfig({});

      expect(jwt.secret).toBeUndefined();
      expect(jwt.jwksUri).toBeUndefined();
      expect(jwt.issuer).toBeUndefined();
      expect(jwt.audience).toBeUndefined();
    });
  });

  describe('parsing strings', () => {
    it('parses whole numbers from strings', () => {
      const config = loadAppConfig({
        PORT: '3000',
        SHUTDOWN_TIMEOUT_MS: '0',
        DB_RETRY_MAX_DELAY_MS: '500',
        JWT_CLOCK_TOLERANCE_SECONDS: '5',
      });

      expect(config.http.port).toBe(3000);
      expect(config.http.shutdownTimeoutMs).toBe(0);
      expect(config.database.retryMaxDelayMs).toBe(500);
      expect(config.jwt.clockToleranceSeconds).toBe(5);
    });

    it('ignores whitespace around a number', () => {
      expect(loadAppConfig({ PORT: ' 3000 ' }).http.port).toBe(3000);
    });

    it.each(['true', 'TRUE', '1', 'yes', 'on', ' On '])('reads %p as true', (value) => {
      expect(loadAppConfig({ DB_MIGRATIONS_RUN: value }).database.migrationsRun).toBe(true);
    });

    it.each(['false', 'False', '0', 'no', 'off'])('reads %p as false', (value) => {
      expect(loadAppConfig({ DB_MIGRATIONS_RUN: value }).database.migrationsRun).toBe(false);
    });

    it('accepts every allowed value of the enumerated settings', () => {
      const config = loadAppConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'debug',
        API_BASE_PATH: '/ml/v1',
        JWT_ROLES_CLAIM: 'realm_access.roles',
        JWT_JWKS_URI: 'http://keycloak:8080/realms/x/protocol/openid-connect/certs',
      });

      expect(config.env).toBe('test');
      expect(config.logLevel).toBe('debug');
      expect(config.http.basePath).toBe('/ml/v1');
      expect(config.jwt.rolesClaim).toBe('realm_access.roles');
      expect(config.jwt.jwksUri).toBe(
        'http://keycloak:8080/realms/x/protocol/openid-connect/certs',
      );
    });
  });

  describe('bad values', () => {
    it.each<[string, NodeJS.ProcessEnv, string, string]>([
      ['PORT that is not a number', { PORT: 'abc' }, 'between 0 and 65535', 'got "abc"'],
      ['PORT above 65535', { PORT: '70000' }, 'between 0 and 65535', 'got 70000'],
      ['PORT that is not whole', { PORT: '3.5' }, 'whole number', 'got "3.5"'],
      ['an unsupported DB_TYPE', { DB_TYPE: 'postgres' }, 'sqlite, mysql', 'got "postgres"'],
      [
        'an API_BASE_PATH without a leading slash',
        { API_BASE_PATH: 'no-slash' },
        'starts with a slash',
        'got "no-slash"',
      ],
      [
        'an API_BASE_PATH with a trailing slash',
        { API_BASE_PATH: '/service/zementis/' },
        'no trailing slash',
        'got "/service/zementis/"',
      ],
      [
        'a JWT_JWKS_URI that is not a URL',
        { JWT_JWKS_URI: 'not-a-url' },
        'http(s) URL',
        'got "not-a-url"',
      ],
      [
        'an unknown LOG_LEVEL',
        { LOG_LEVEL: 'loud' },
        'fatal, error, warn, info, debug, trace, silent',
        'got "loud"',
      ],
      [
        'a DB_MIGRATIONS_RUN that is not a boolean',
        { DB_MIGRATIONS_RUN: 'maybe' },
        'true or false',
        'got "maybe"',
      ],
      [
        'an unknown NODE_ENV',
        { NODE_ENV: 'staging' },
        'development, production, test',
        'got "staging"',
      ],
    ])(
      'rejects %s, naming the variable, the allowed values and the value',
      (_, env, allowed, got) => {
        const variable = Object.keys(env)[0];
        const problems = problemsOf(env);

        expect(problems.length).toBeGreaterThan(0);
        for (const problem of problems) {
          expect(problem).toContain(variable);
          expect(problem).toContain(allowed);
          expect(problem).toContain(got);
        }
      },
    );

    it('throws a ConfigValidationError whose message lists the problems', () => {
      expect(() => loadAppConfig({ LOG_LEVEL: 'loud' })).toThrow(ConfigValidationError);
      expect(() => loadAppConfig({ LOG_LEVEL: 'loud' })).toThrow(
        /Invalid configuration:\n {2}- LOG_LEVEL must be one of/,
      );
    });

    it('lists every bad variable at once', () => {
      const problems = problemsOf({
        PORT: 'abc',
        DB_TYPE: 'postgres',
        LOG_LEVEL: 'loud',
        DB_MIGRATIONS_RUN: 'maybe',
        JWT_JWKS_URI: 'not-a-url',
      });

      for (const variable of [
        'PORT',
        'DB_TYPE',
        'LOG_LEVEL',
        'DB_MIGRATIONS_RUN',
        'JWT_JWKS_URI',
      ]) {
        expect(problems).toEqual(
          expect.arrayContaining([expect.stringMatching(new RegExp(`^${variable} `))]),
        );
      }
    });
  });

  describe('mysql', () => {
    it('requires DB_HOST, DB_USER and DB_NAME, naming each', () => {
      const problems = problemsOf({ DB_TYPE: 'mysql' });

      for (const variable of ['DB_HOST', 'DB_USER', 'DB_NAME']) {
        expect(problems).toEqual(
          expect.arrayContaining([expect.stringMatching(new RegExp(`^${variable} is required`))]),
        );
      }
    });

    it('names only the missing mysql variable', () => {
      const problems = problemsOf({ DB_TYPE: 'mysql', DB_HOST: 'db', DB_NAME: 'scorecast' });

      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems) expect(problem).toMatch(/^DB_USER is required/);
    });

    it('does not require the mysql variables for sqlite', () => {
      expect(loadAppConfig({ DB_TYPE: 'sqlite' }).database.type).toBe('sqlite');
    });

    it('yields a mysql DatabaseConfig once the connection variables are set', () => {
      const config = loadAppConfig({
        DB_TYPE: 'mysql',
        DB_HOST: 'mariadb',
        DB_PORT: '3307',
        DB_USER: 'scorecast',
        DB_PASSWORD: 's3cret',
        DB_NAME: 'scorecast_db',
        DB_MIGRATIONS_RUN: 'false',
        DB_RETRY_MAX_DELAY_MS: '1000',
      });

      expect(config.database).toEqual({
        type: 'mysql',
        host: 'mariadb',
        port: 3307,
        user: 'scorecast',
        password: 's3cret',
        database: 'scorecast_db',
        migrationsRun: false,
        retryMaxDelayMs: 1000,
      });
    });

    it('defaults DB_PORT to 3306 and leaves the password unset', () => {
      const config = loadAppConfig({
        DB_TYPE: 'mysql',
        DB_HOST: 'mariadb',
        DB_USER: 'scorecast',
        DB_NAME: 'scorecast',
      });

      expect(config.database).toMatchObject({ type: 'mysql', port: 3306 });
      expect(config.database.type === 'mysql' && config.database.password).toBeUndefined();
    });

    it('rejects a DB_NAME with characters other than letters, digits and _', () => {
      const problems = problemsOf({
        DB_TYPE: 'mysql',
        DB_HOST: 'mariadb',
        DB_USER: 'scorecast',
        DB_NAME: 'score-cast',
      });

      expect(problems).toEqual([expect.stringContaining('DB_NAME')]);
      expect(problems[0]).toContain('got "score-cast"');
    });
  });

  describe('production', () => {
    it('refuses to start without JWT_SECRET or JWT_JWKS_URI', () => {
      const problems = problemsOf({ NODE_ENV: 'production' });

      expect(problems).toEqual([expect.stringContaining('JWT_SECRET or JWT_JWKS_URI')]);
      expect(problems[0]).toContain('production');
    });

    it.each(['changeme', 'CHANGEME', 'secret', 'please-change-me'])(
      'refuses the placeholder secret %p',
      (secret) => {
        expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: secret })).toEqual([
          expect.stringContaining('JWT_SECRET must be a random value'),
        ]);
      },
    );

    it('refuses a secret shorter than 32 characters', () => {
      const problems = problemsOf({ NODE_ENV: 'production', JWT_SECRET: LONG_SECRET.slice(1) });

      expect(problems).toEqual([expect.stringContaining('at least 32 characters')]);
    });

    it('accepts a random secret of 32 characters', () => {
      const config = loadAppConfig({ NODE_ENV: 'production', JWT_SECRET: LONG_SECRET });

      expect(config.env).toBe('production');
      expect(config.jwt.secret).toBe(LONG_SECRET);
    });

    it('accepts a JWKS URI without a secret', () => {
      const config = loadAppConfig({
        NODE_ENV: 'production',
        JWT_JWKS_URI: 'https://idp.example.com/.well-known/jwks.json',
      });

      expect(config.jwt.jwksUri).toBe('https://idp.example.com/.well-known/jwks.json');
      expect(config.jwt.secret).toBeUndefined();
    });

    it('accepts a short secret outside production', () => {
      expect(loadAppConfig({ NODE_ENV: 'development', JWT_SECRET: 'dev' }).jwt.secret).toBe('dev');
    });
  });

  describe('the environment map', () => {
    it('ignores variables it does not know', () => {
      const config = loadAppConfig({
        PATH: '/usr/bin',
        HOME: '/root',
        SCORECAST_UNUSED: 'abc',
        port: 'not-a-number',
      });

      expect(config).toEqual(loadAppConfig({}));
    });

    it('treats blank optional strings as unset', () => {
      const config = loadAppConfig({
        JWT_SECRET: '',
        JWT_JWKS_URI: '   ',
        JWT_ISSUER: '',
        JWT_AUDIENCE: ' ',
        DB_HOST: '',
      });

      expect(config.jwt.secret).toBeUndefined();
      expect(config.jwt.jwksUri).toBeUndefined();
      expect(config.jwt.issuer).toBeUndefined();
      expect(config.jwt.audience).toBeUndefined();
    });

    it('falls back to the default for any blank variable, as dotenv and compose produce', () => {
      const config = loadAppConfig({
        PORT: '',
        HOST: ' ',
        LOG_LEVEL: '',
        DB_TYPE: '',
        DB_PATH: '',
        DB_MIGRATIONS_RUN: '',
        DB_PASSWORD: '',
      });

      expect(config).toEqual(loadAppConfig({}));
    });

    it('lists each problem of a variable once, even when several rules fail', () => {
      expect(problemsOf({ PORT: 'abc' })).toEqual([
        'PORT must be a whole number between 0 and 65535 (got "abc")',
      ]);
    });

    it('treats a blank JWT_SECRET as missing in production', () => {
      expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: '  ' })).toEqual([
        expect.stringContaining('JWT_SECRET or JWT_JWKS_URI must be set'),
      ]);
    });

    it('treats a blank DB_HOST as missing for mysql', () => {
      const problems = problemsOf({
        DB_TYPE: 'mysql',
        DB_HOST: ' ',
        DB_USER: 'scorecast',
        DB_NAME: 'scorecast',
      });

      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems) expect(problem).toMatch(/^DB_HOST is required/);
    });

    it('ignores variables whose value is undefined', () => {
      expect(loadAppConfig({ PORT: undefined, LOG_LEVEL: undefined })).toEqual(loadAppConfig({}));
    });
  });
});
