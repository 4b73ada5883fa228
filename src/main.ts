import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadAppConfig, ConfigValidationError, type AppConfig } from './core/config/app-config';
import { withDevelopmentSecret } from './core/config/development-secret';
import { OPENAPI_UI_PATH } from './core/openapi/openapi';
import { issueDevToken } from './core/security/token-issuer';
import { seedDemoOnStart } from './modules/demo/demo-startup';
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

// Printed at start outside production, so that a newcomer can call the API at once.
function devToken(config: AppConfig): string | undefined {
  if (config.env === 'production' || !config.jwt.secret) return undefined;
  return issueDevToken(config.jwt, { roles: ['ADMIN'], subject: 'dev-admin', ttl: DEV_TOKEN_TTL });
}

function printBanner(config: AppConfig, url: string, token: string | undefined): void {
  const lines = [
    '',
    `Scorecast is listening on ${url}`,
    `  API:     ${url}${config.http.basePath}`,
    `  Swagger: ${url}/${OPENAPI_UI_PATH}`,
    `  Health:  ${url}/health/ready`,
  ];
  if (token) {
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
  const url = `http://${host}:${address.port}`;
  const token = devToken(config);
  printBanner(config, url, token);
  // In the background: the service answers while the demo is written.
  if (config.demoData) {
    void seedDemoOnStart(app, { baseUrl: url, basePath: config.http.basePath, token });
  }
}

void bootstrap();
