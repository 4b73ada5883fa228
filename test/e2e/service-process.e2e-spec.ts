import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

// The built service and CLI as a user runs them (`npm start`, `npx scorecast`): real processes,
// real ports, the embedded SQLite database and the generated development secret.
const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/src/main.js');
const CLI = join(ROOT, 'dist/src/cli.js');
const run = promisify(execFile);

interface StartedService {
  child: ChildProcessWithoutNullStreams;
  url: string;
  swaggerUrl: string;
  token: string;
  exited: Promise<number | null>;
}

function startService(env: NodeJS.ProcessEnv): Promise<StartedService> {
  const child = spawn(process.execPath, [MAIN], { env, cwd: ROOT });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return new Promise((ready, fail) => {
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      const swaggerUrl = /Swagger: (\S+)/.exec(stdout)?.[1];
      const token = /token[^\n]*\n\s+(\S+\.\S+\.\S+)/.exec(stdout)?.[1];
      if (url && swaggerUrl && token) ready({ child, url, swaggerUrl, token, exited });
    });
    void exited.then((code) => fail(new Error(`service exited with ${code}: ${stderr}${stdout}`)));
  });
}

describe('the built service and CLI', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let service: StartedService;

  beforeAll(async () => {
    if (!existsSync(MAIN) || !existsSync(CLI)) {
      throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
    }
    dataDir = mkdtempSync(join(tmpdir(), 'scorecast-process-'));
    env = {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DB_PATH: join(dataDir, 'scorecast.sqlite'),
    };
    service = await startService(env);
  });

  afterAll(() => {
    service?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  const currentUser = (authorization: string) =>
    fetch(`${service.url}/user/currentUser`, { headers: { Authorization: authorization } });

  it('prints its URL, the Swagger URL and a dev ADMIN token that the service accepts', async () => {
    expect(service.swaggerUrl).toBe(`${service.url}/api/docs`);
    const response = await currentUser(`Bearer ${service.token}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      effectiveRoles: [{ id: 'ROLE_MACHINE_LEARNING_READ' }, { id: 'ROLE_MACHINE_LEARNING_ADMIN' }],
    });
  });

  it('serves the Swagger UI page', async () => {
    const page = await fetch(`${service.swaggerUrl}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="swagger-ui">');
  });

  it('answers GET /user/currentUser without credentials with 401', async () => {
    expect((await fetch(`${service.url}/user/currentUser`)).status).toBe(401);
  });

  it('`scorecast token` signs with the same generated secret as the running service', async () => {
    const { stdout } = await run(
      process.execPath,
      [CLI, 'token', '--roles', 'READ', '--sub', 'bob'],
      {
        env,
      },
    );
    const response = await currentUser(`Bearer ${stdout.trim()}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: 'bob',
      userName: 'bob',
      effectiveRoles: [{ id: 'ROLE_MACHINE_LEARNING_READ' }],
    });
  });

  it('`scorecast user add|list|remove` manages Basic users of the running service', async () => {
    const add = spawn(process.execPath, [CLI, 'user', 'add', 'carol', '--roles', 'ADMIN'], { env });
    add.stdin.end('carol-password\n');
    expect(await new Promise((done) => add.once('exit', done))).toBe(0);
    const basic = `Basic ${Buffer.from('t1/carol:carol-password').toString('base64')}`;
    expect((await currentUser(basic)).status).toBe(200);

    const { stdout } = await run(process.execPath, [CLI, 'user', 'list'], { env });
    expect(stdout).toMatch(/^carol\tADMIN\t\d{4}-/m);

    await run(process.execPath, [CLI, 'user', 'remove', 'carol'], { env });
    expect((await currentUser(basic)).status).toBe(401);
  });

  it('`scorecast token` refuses an unknown role with a clear message', async () => {
    await expect(
      run(process.execPath, [CLI, 'token', '--roles', 'OWNER'], { env }),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("'OWNER' is not a role; use ADMIN or READ."),
    });
  });

  it('stops cleanly on SIGTERM', async () => {
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
  });

  it('refuses to start with a bad setting, naming the variable and what is allowed', async () => {
    const failure = run(process.execPath, [MAIN], {
      env: { ...env, PORT: 'eighty', DB_TYPE: 'oracle' },
    });
    await expect(failure).rejects.toMatchObject({
      code: 78,
      stderr: expect.stringMatching(
        /PORT must be a whole number between 0 and 65535 \(got "eighty"\)[\s\S]*DB_TYPE must be one of sqlite, mysql \(got "oracle"\)/,
      ),
    });
  });
});
