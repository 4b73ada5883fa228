import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig, JwtConfig } from './app-config';
import { withDevelopmentSecret } from './development-secret';

const SECRET_FILE_NAME = 'dev-jwt-secret';

let tempDir: string;

beforeEach(() => {
  tempDir = mkdtempSync(join(tmpdir(), 'scorecast-dev-secret-'));
});

afterEach(() => {
  rmSync(tempDir, { recursive: true, force: true });
});

function sqliteConfig(
  dataDir: string,
  jwt: Partial<JwtConfig> = {},
  env: AppConfig['env'] = 'development',
): AppConfig {
  return {
    env,
    http: {
      host: '127.0.0.1',
      port: 8080,
      basePath: '/service/zementis',
      bodyLimit: '1mb',
      shutdownTimeoutMs: 10000,
    },
    logLevel: 'info',
    demoData: false,
    database: {
      type: 'sqlite',
      path: join(dataDir, 'scorecast.sqlite'),
      migrationsRun: true,
      retryMaxDelayMs: 30000,
    },
    jwt: { rolesClaim: 'roles', clockToleranceSeconds: 30, ...jwt },
    models: { uploadLimitBytes: 1024, cacheBytes: 1024, applyBodyLimitBytes: 1024 },
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
}

describe('withDevelopmentSecret', () => {
  it('generates a random secret and persists it beside the SQLite database', () => {
    const config = withDevelopmentSecret(sqliteConfig(tempDir));

    const secret = config.jwt.secret;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    expect(readFileSync(join(tempDir, SECRET_FILE_NAME), 'utf8')).toBe(`${secret}\n`);
  });

  it('creates the data directory when it does not exist yet', () => {
    const dataDir = join(tempDir, 'not', 'yet', 'there');

    const config = withDevelopmentSecret(sqliteConfig(dataDir));

    expect(readFileSync(join(dataDir, SECRET_FILE_NAME), 'utf8').trim()).toBe(config.jwt.secret);
  });

  it('returns the same secret on a second call', () => {
    const first = withDevelopmentSecret(sqliteConfig(tempDir));
    const second = withDevelopmentSecret(sqliteConfig(tempDir));

    expect(second.jwt.secret).toBe(first.jwt.secret);
  });

  it('reuses a secret already in the file, without the trailing newline', () => {
    mkdirSync(tempDir, { recursive: true });
    writeFileSync(join(tempDir, SECRET_FILE_NAME), 'an-existing-secret\n');

    expect(withDevelopmentSecret(sqliteConfig(tempDir)).jwt.secret).toBe('an-existing-secret');
  });

  it('writes the secret file readable by its owner only (mode 0600)', () => {
    withDevelopmentSecret(sqliteConfig(tempDir));

    expect(statSync(join(tempDir, SECRET_FILE_NAME)).mode & 0o777).toBe(0o600);
  });

  it('keeps the rest of the configuration and does not modify its argument', () => {
    const original = sqliteConfig(tempDir);
    const snapshot = structuredClone(original);

    const config = withDevelopmentSecret(original);

    expect(original).toEqual(snapshot);
    expect(config).toEqual({ ...snapshot, jwt: { ...snapshot.jwt, secret: config.jwt.secret } });
  });

  it('leaves an explicit JWT_SECRET alone and writes no file', () => {
    const original = sqliteConfig(tempDir, { secret: 'configured-secret' });

    const config = withDevelopmentSecret(original);

    expect(config).toBe(original);
    expect(config.jwt.secret).toBe('configured-secret');
    expect(existsSync(join(tempDir, SECRET_FILE_NAME))).toBe(false);
  });

  it('does nothing when tokens are verified against a JWKS endpoint', () => {
    const original = sqliteConfig(tempDir, { jwksUri: 'https://idp.example.com/jwks' });

    const config = withDevelopmentSecret(original);

    expect(config).toBe(original);
    expect(config.jwt.secret).toBeUndefined();
    expect(existsSync(join(tempDir, SECRET_FILE_NAME))).toBe(false);
  });

  it('does nothing in production', () => {
    const original = sqliteConfig(tempDir, {}, 'production');

    const config = withDevelopmentSecret(original);

    expect(config).toBe(original);
    expect(config.jwt.secret).toBeUndefined();
    expect(existsSync(join(tempDir, SECRET_FILE_NAME))).toBe(false);
  });
});
