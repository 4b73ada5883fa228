import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadAppConfig, ConfigValidationError, type AppConfig } from './core/config/app-config';
import { withDevelopmentSecret } from './core/config/development-secret';
import { OPENAPI_UI_PATH } from './core/openapi/openapi';
import { issueDevToken } from './core/security/token-issuer';
import { createApp } from './app.factory';
import 'dotenv/config';

const DEV_TOKEN_TTL = '12h';

function readConfig(): AppConfig {
  try {
    return withDevelopmentSecret(loadAppConfig(process.env));
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG: a bad setting, not a crash; restarting will not help.
  }
}

function printBanner(config: AppConfig, url: string): void {
  const lines = [
    '',
    `Scorecast is listening on ${url}`,
    `  API:     ${url}${config.http.basePath}`,
    `  Swagger: ${url}/${OPENAPI_UI_PATH}`,
    `  Health:  ${url}/health/ready`,
  ];
  if (config.env !== 'production' && config.jwt.secret) {
    const token = issueDevToken(config.jwt, {
      roles: ['ADMIN'],
      subject: 'dev-admin',
      ttl: DEV_TOKEN_TTL,
    });
    lines.push(
      `  Dev ADMIN token (valid ${DEV_TOKEN_TTL}; new ones: npx scorecast token --roles ADMIN):`,
      `    ${token}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

async function bootstrap(): Promise<void> {
  const config = readConfig();
  const app = await createApp(config);
  // Stop accepting connections, let in-flight requests finish, then release the database.
  // A stuck request must not keep a stopping process alive, hence the deadline.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => process.exit(1), config.http.shutdownTimeoutMs).unref();
      void app.close().then(() => process.exit(0));
    });
  }
  await app.listen(config.http.port, config.http.host);
  const address = (app.getHttpServer() as Server).address() as AddressInfo;
  const host = config.http.host === '0.0.0.0' ? 'localhost' : config.http.host;
  printBanner(config, `http://${host}:${address.port}`);
}

void bootstrap();
