import { Command } from 'commander';
import type { AppConfig } from '../core/config/app-config';

const TOKEN_TTL = '12h';

/**
 * `scorecast demo`: seeds the configured database with the demo (devices, a day of
 * measurements with injected faults, models) and prints how to try it. Running it again
 * changes nothing.
 */
export function demoCommand(config: () => Promise<AppConfig>): Command {
  return new Command('demo')
    .description(
      'create a demo device group, a day of synthetic IMU measurements with injected faults, and sample models (safe to run again)',
    )
    .action(async () => {
      const settings = await config();
      // Loaded on use: the other commands do not pay for Nest and the models module.
      const [{ withDemoSeeder }, { demoInstructions }, { issueDevToken }] = await Promise.all([
        import('../modules/demo/demo-context'),
        import('../modules/demo/demo-summary'),
        import('../core/security/token-issuer'),
      ]);
      const started = Date.now();
      const summary = await withDemoSeeder(settings, (seeder) =>
        seeder.seed({ progress: (message) => process.stderr.write(`${message}\n`) }),
      );
      process.stderr.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s\n\n`);
      const { host, port, basePath } = settings.http;
      // As `npm start` prints one: a development convenience, never in production.
      const token =
        settings.env !== 'production' && settings.jwt.secret
          ? issueDevToken(settings.jwt, { roles: ['ADMIN'], subject: 'dev-admin', ttl: TOKEN_TTL })
          : undefined;
      const lines = demoInstructions(summary, {
        baseUrl: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
        basePath,
        token,
      });
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
