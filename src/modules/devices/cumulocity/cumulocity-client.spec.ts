import { ServiceUnavailableError } from '../../../core/errors/domain-errors';
import { CumulocityClient } from './cumulocity-client';
import { cumulocitySettings, type CumulocitySettingsInput } from './cumulocity-settings';

const BASE = 'https://acme.example.com';
const basicSettings = {
  baseUrl: BASE,
  tenant: 't100',
  user: 'alice',
  password: 's3cret',
  retryBaseDelayMs: 1,
  maxAttempts: 3,
};

type FetchStep = (url: string, init: RequestInit | undefined) => Promise<Response>;

const ok =
  (body: unknown): FetchStep =>
  () =>
    Promise.resolve(Response.json(body));
const status =
  (code: number, body: unknown = { error: 'x', message: `message ${code}` }): FetchStep =>
  () =>
    Promise.resolve(Response.json(body, { status: code }));
const networkError: FetchStep = () =>
  Promise.reject(
    new TypeError('fetch failed', {
      cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
    }),
  );
// Never answers; gives up as fetch does when its signal aborts.
const hang: FetchStep = (_url, init) =>
  new Promise((_resolve, reject) => {
    const signal = init?.signal;
    if (signal?.aborted) reject(signal.reason as Error);
    signal?.addEventListener('abort', () => reject(signal.reason as Error));
  });

/** Answers fetch calls with the steps in order; a call beyond them fails the test. */
function scriptFetch(...steps: FetchStep[]) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const spy = jest.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = input instanceof URL ? input.href : (input as string);
    calls.push({ url, init });
    const step = steps.shift();
    if (!step) throw new Error(`unexpected fetch ${url}`);
    return step(url, init);
  });
  return { spy, calls };
}

const client = (overrides: Partial<CumulocitySettingsInput> = {}) =>
  new CumulocityClient(cumulocitySettings({ ...basicSettings, ...overrides }));

const headerOf = (init: RequestInit | undefined, name: string) =>
  new Headers(init?.headers).get(name);

afterEach(() => jest.restoreAllMocks());

describe('CumulocityClient', () => {
  it('sends HTTP Basic as tenant/user:password and asks for JSON', async () => {
    const { calls } = scriptFetch(ok({ id: '1' }));
    await expect(client().getJson('/inventory/managedObjects/1')).resolves.toEqual({ id: '1' });
    expect(calls[0].url).toBe(`${BASE}/inventory/managedObjects/1`);
    expect(headerOf(calls[0].init, 'authorization')).toBe(
      `Basic ${Buffer.from('t100/alice:s3cret').toString('base64')}`,
    );
    expect(headerOf(calls[0].init, 'accept')).toBe('application/json');
  });

  it('sends a bearer token when configured with one', async () => {
    const { calls } = scriptFetch(ok({}));
    await client({ baseUrl: BASE, token: 'tok-1', tenant: undefined }).getJson('/x');
    expect(headerOf(calls[0].init, 'authorization')).toBe('Bearer tok-1');
  });

  it('moves next links onto the configured origin and path prefix', () => {
    const proxied = client({ baseUrl: 'https://proxy.example.com/c8y/' });
    expect(proxied.urlOf('/measurement/measurements?a=1').href).toBe(
      'https://proxy.example.com/c8y/measurement/measurements?a=1',
    );
    expect(proxied.urlOf('http://internal:8111/measurement/measurements?currentPage=2').href).toBe(
      'https://proxy.example.com/c8y/measurement/measurements?currentPage=2',
    );
    expect(proxied.urlOf('https://proxy.example.com/c8y/inventory/x?p=1').href).toBe(
      'https://proxy.example.com/c8y/inventory/x?p=1',
    );
    expect(client().urlOf('http://internal:8111/inventory/x').href).toBe(`${BASE}/inventory/x`);
  });

  it('retries 5xx and 429 answers and returns the answer that succeeds', async () => {
    const { calls } = scriptFetch(status(503), status(429), ok({ done: true }));
    await expect(client().getJson('/x')).resolves.toEqual({ done: true });
    expect(calls).toHaveLength(3);
  });

  it('retries network errors and timeouts', async () => {
    const { calls } = scriptFetch(networkError, hang, ok([]));
    await expect(client({ timeoutMs: 20 }).getJson('/x')).resolves.toEqual([]);
    expect(calls).toHaveLength(3);
  });

  it('gives up after maxAttempts with a ServiceUnavailableError naming the path and status', async () => {
    const { calls } = scriptFetch(status(500), status(502), status(503, { message: 'down' }));
    const failure = client().getJson('/measurement/measurements?source=1');
    await expect(failure).rejects.toThrow(ServiceUnavailableError);
    await expect(failure).rejects.toThrow(
      'Cumulocity request GET /measurement/measurements failed: status 503 (down) (3 attempts).',
    );
    expect(calls).toHaveLength(3);
  });

  it('names the network error and the timeout in the final error', async () => {
    scriptFetch(networkError);
    await expect(client({ maxAttempts: 1 }).getJson('/x')).rejects.toThrow(
      'Cumulocity request GET /x failed: network error: ECONNREFUSED (1 attempts).',
    );
    scriptFetch(hang);
    await expect(client({ maxAttempts: 1, timeoutMs: 10 }).getJson('/x')).rejects.toThrow(
      'Cumulocity request GET /x failed: no answer within 10 ms (1 attempts).',
    );
  });

  it.each([400, 401, 403, 422])('does not retry a %i answer', async (code) => {
    const { calls } = scriptFetch(status(code, { error: 'e', message: 'Invalid credentials!' }));
    await expect(client().getJson('/x')).rejects.toThrow(
      `Cumulocity request GET /x failed: status ${code} (Invalid credentials!).`,
    );
    expect(calls).toHaveLength(1);
  });

  it('answers undefined for a 404 from findJson and fails on one from getJson, without retrying', async () => {
    const { calls } = scriptFetch(status(404), status(404));
    await expect(client().findJson('/inventory/managedObjects/9')).resolves.toBeUndefined();
    await expect(client().getJson('/inventory/managedObjects/9')).rejects.toThrow(
      'Cumulocity request GET /inventory/managedObjects/9 failed: status 404 (message 404).',
    );
    expect(calls).toHaveLength(2);
  });

  it('fails without retrying on a body that is not JSON', async () => {
    const { calls } = scriptFetch(() => Promise.resolve(new Response('<html>')));
    await expect(client().getJson('/x')).rejects.toThrow('with a body that is not JSON');
    expect(calls).toHaveLength(1);
  });

  it('stops at once, without retrying, when the caller aborts', async () => {
    const { calls } = scriptFetch(hang);
    const stop = new AbortController();
    const request = client().getJson('/x', stop.signal);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toHaveLength(1);
    stop.abort(new Error('reader stopped'));
    await expect(request).rejects.toThrow('reader stopped');
    expect(calls).toHaveLength(1);
  });

  it('does not send a request whose caller gave up while it waited for a slot', async () => {
    const { calls } = scriptFetch(hang);
    const single = client({ concurrency: 1, timeoutMs: 50, maxAttempts: 1 });
    const stop = new AbortController();
    const first = single.getJson('/first');
    const second = single.getJson('/second', stop.signal);
    stop.abort(new Error('reader stopped'));
    await expect(second).rejects.toThrow('reader stopped');
    await expect(first).rejects.toThrow('no answer within 50 ms');
    expect(calls.map((call) => call.url)).toEqual([`${BASE}/first`]);
  });

  it('keeps no more requests in flight than its concurrency', async () => {
    let inFlight = 0;
    let most = 0;
    const slow: FetchStep = async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return Response.json({});
    };
    scriptFetch(...Array.from({ length: 9 }, () => slow));
    const limited = client({ concurrency: 3 });
    await Promise.all(Array.from({ length: 9 }, (_, i) => limited.getJson(`/x/${i}`)));
    expect(most).toBe(3);
  });
});
