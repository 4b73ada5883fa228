import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppConfig } from './app-config';

const SECRET_FILE_NAME = 'dev-jwt-secret';

/**
 * Without JWT_SECRET or a JWKS endpoint outside production, the service generates a random HS256
 * secret. It is kept in a file beside the SQLite database so that the service and
 * `scorecast token` agree and printed tokens survive a restart.
 */
export function withDevelopmentSecret(config: AppConfig): AppConfig {
  if (config.jwt.secret || config.jwt.jwksUri || config.env === 'production') return config;
  const dataDir = config.database.type === 'sqlite' ? dirname(config.database.path) : './data';
  const file = join(dataDir, SECRET_FILE_NAME);
  let secret: string;
  try {
    secret = readFileSync(file, 'utf8').trim();
  } catch {
    secret = randomBytes(32).toString('base64url');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  }
  return { ...config, jwt: { ...config.jwt, secret } };
}
