import { Command } from 'commander';
import type { AppConfig } from '../core/config/app-config';
import type { Role } from '../core/security/roles';
import { parseRolesOption, parseTtlOption } from './role-option';

interface TokenOptions {
  roles: Role[];
  sub: string;
  ttl: string;
}

export function tokenCommand(config: () => Promise<AppConfig>): Command {
  return new Command('token')
    .description('print a signed HS256 token the service accepts (uses JWT_SECRET)')
    .requiredOption('--roles <roles>', 'ADMIN, READ or ADMIN,READ', parseRolesOption)
    .option('--sub <name>', 'subject (user name) of the token', 'scorecast-cli')
    .option('--ttl <duration>', 'lifetime such as 30m, 1h or 7d', parseTtlOption, '1h')
    .action(async (options: TokenOptions) => {
      // Loaded on use, as the JWT library is, so that other commands start without it.
      const { issueDevToken } = await import('../core/security/token-issuer');
      const token = issueDevToken((await config()).jwt, {
        roles: options.roles,
        subject: options.sub,
        ttl: options.ttl,
      });
      process.stdout.write(`${token}\n`);
    });
}
