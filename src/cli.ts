#!/usr/bin/env node
import 'dotenv/config';
import { Command } from 'commander';
import { cronNextCommand } from './cli/cron-next.command';
import { demoCommand } from './cli/demo.command';
import { importCommand } from './cli/import.command';
import { scoreCommand } from './cli/score.command';
import { tokenCommand } from './cli/token.command';
import { userCommand } from './cli/user.command';
import type { AppConfig } from './core/config/app-config';
import { version } from '../package.json';

// Read lazily, so that `--help` works even with a bad environment, and loaded on use, so that
// `scorecast score` does not pay for the validation libraries.
const config = async (): Promise<AppConfig> => {
  const [{ loadAppConfig }, { withDevelopmentSecret }] = await Promise.all([
    import('./core/config/app-config'),
    import('./core/config/development-secret'),
  ]);
  return withDevelopmentSecret(loadAppConfig(process.env));
};

const program = new Command('scorecast')
  .description('Scorecast command-line tools')
  .version(version)
  .addCommand(tokenCommand(config))
  .addCommand(userCommand(config))
  .addCommand(importCommand(config))
  .addCommand(demoCommand(config))
  .addCommand(scoreCommand())
  .addCommand(cronNextCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`scorecast: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
