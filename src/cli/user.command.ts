import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import type { AppConfig } from '../core/config/app-config';
import type { Role } from '../core/security/roles';
import type { UsersService } from '../modules/users/users.service';
import { parseRolesOption } from './role-option';

// The Nest application context loads on use: `scorecast score` must start fast.
async function withUsers<T>(
  config: AppConfig,
  action: (users: UsersService) => Promise<T>,
): Promise<T> {
  const [{ withCliContext }, { UsersService: service }] = await Promise.all([
    import('./cli-context'),
    import('../modules/users/users.service'),
  ]);
  return withCliContext(config, (context) => action(context.get(service)));
}

interface AddUserOptions {
  roles: Role[];
  password?: string;
  replace?: boolean;
}

// Passwords are best not typed on the command line (shell history): read from a pipe, or
// prompt when a terminal is attached.
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await prompt.question('Password: ');
  } finally {
    prompt.close();
  }
}

export function userCommand(config: () => Promise<AppConfig>): Command {
  const user = new Command('user').description('manage the users of HTTP Basic authentication');

  user
    .command('add <name>')
    .description('add a user (the password is read from stdin or a prompt unless --password)')
    .requiredOption('--roles <roles>', 'ADMIN, READ or ADMIN,READ', parseRolesOption)
    .option('--password <password>', 'the password (prefer stdin)')
    .option('--replace', 'replace the password and roles of an existing user')
    .action(async (name: string, options: AddUserOptions) => {
      const password = options.password ?? (await readPassword());
      const added = await withUsers(await config(), (users) =>
        users.addUser({
          userName: name,
          password,
          roles: options.roles,
          replace: options.replace,
        }),
      );
      process.stdout.write(`user '${added.userName}' saved with roles ${added.roles.join(',')}\n`);
    });

  user
    .command('remove <name>')
    .description('remove a user')
    .action(async (name: string) => {
      await withUsers(await config(), (users) => users.removeUser(name));
      process.stdout.write(`user '${name}' removed\n`);
    });

  user
    .command('list')
    .description('list the users and their roles')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const users = await withUsers(await config(), (users) => users.listUsers());
      if (options.json) {
        process.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
        return;
      }
      for (const entry of users) {
        process.stdout.write(
          `${entry.userName}\t${entry.roles.join(',')}\t${entry.createdAt.toISOString()}\n`,
        );
      }
    });

  return user;
}
