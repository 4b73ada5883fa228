import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A small stand-in for a Cumulocity tenant: the inventory and measurement reads the Cumulocity
// data source makes, with Cumulocity's shapes, paging (`next` links on every non-empty page) and
// error bodies. FakeCumulocityTenant answers URLs in memory; startFakeCumulocity serves it over
// real HTTP on 127.0.0.1 with credentials, latency and injected faults.

export interface FakeAnswer {
  status: number;
  body: unknown;
}

interface StoredObject {
  body: Record<string, unknown>;
  childAssets: number[];
  childDevices: number[];
}

interface StoredMeasurement {
  source: number;
  time: string;
  body: Record<string, unknown>;
}

export interface FakeTenantOptions {
  /**
   * Whether the references of the child collections carry the whole object (fragments
   * included) or only `{id, name, self}`, which makes a reader fetch each child.
   */
  referencesCarryFragments?: boolean;
}

const DEFAULT_PAGE_SIZE = 5;
const MAX_PAGE_SIZE = 2000;

export class FakeCumulocityTenant {
  private readonly objects = new Map<number, StoredObject>();
  private readonly measurements: StoredMeasurement[] = [];

  constructor(private readonly options: FakeTenantOptions = {}) {}

  addDevice(id: number, name: string): this {
    return this.addObject(id, { name, type: 'c8y_Device', c8y_IsDevice: {} });
  }

  addGroup(
    id: number,
    name: string,
    children: { childAssets?: number[]; childDevices?: number[]; type?: string } = {},
  ): this {
    const type = children.type ?? 'c8y_DeviceGroup';
    return this.addObject(id, { name, type, c8y_IsDeviceGroup: {} }, children);
  }

  addObject(
    id: number,
    body: Record<string, unknown>,
    children: { childAssets?: number[]; childDevices?: number[] } = {},
  ): this {
    this.objects.set(id, {
      body: { ...body, id: String(id) },
      childAssets: children.childAssets ?? [],
      childDevices: children.childDevices ?? [],
    });
    return this;
  }

  /** One measurement; `fragments` as Cumulocity holds them: `{c8y_T: {T: {value: 1, unit: 'C'}}}`. */
  addMeasurement(source: number, time: string, fragments: Record<string, unknown>): this {
    const id = String(this.measurements.length + 1);
    this.measurements.push({
      source,
      time,
      body: { id, time, type: 'c8y_Measurement', source: { id: String(source) }, ...fragments },
    });
    return this;
  }

  answer(url: URL): FakeAnswer {
    const path = url.pathname;
    if (path === '/measurement/measurements') return this.measurementsAnswer(url);
    const object = /^\/inventory\/managedObjects\/(\d+)$/.exec(path);
    if (object) return this.objectAnswer(url, Number(object[1]));
    const children = /^\/inventory\/managedObjects\/(\d+)\/(childAssets|childDevices)$/.exec(path);
    if (children) {
      return this.childrenAnswer(url, Number(children[1]), children[2] as ReferenceKind);
    }
    return { status: 404, body: { error: 'general/Not Found', message: `No route ${path}` } };
  }

  private objectAnswer(url: URL, id: number): FakeAnswer {
    const stored = this.objects.get(id);
    if (!stored) return notFound(id);
    const self = `${url.origin}/inventory/managedObjects/${id}`;
    const embedded = (kind: ReferenceKind) => ({
      self: `${self}/${kind}`,
      references: stored[kind].map((child) => ({ managedObject: this.reference(url, child) })),
    });
    return {
      status: 200,
      body: {
        ...stored.body,
        self,
        childAssets: embedded('childAssets'),
        childDevices: embedded('childDevices'),
      },
    };
  }

  private childrenAnswer(url: URL, id: number, kind: ReferenceKind): FakeAnswer {
    const stored = this.objects.get(id);
    if (!stored) return notFound(id);
    return this.page(url, stored[kind], 'references', (child) => ({
      managedObject: this.reference(url, child),
    }));
  }

  private reference(url: URL, id: number): Record<string, unknown> {
    const self = `${url.origin}/inventory/managedObjects/${id}`;
    const stored = this.objects.get(id);
    const name = stored?.body.name ?? '';
    if (this.options.referencesCarryFragments && stored) return { ...stored.body, self };
    return { id: String(id), name, self };
  }

  // dateFrom inclusive, dateTo exclusive, oldest first, as Cumulocity answers a range query.
  private measurementsAnswer(url: URL): FakeAnswer {
    const query = url.searchParams;
    const source = query.get('source');
    const fragment = query.get('valueFragmentType');
    const series = query.get('valueFragmentSeries');
    const from = query.has('dateFrom') ? Date.parse(query.get('dateFrom') ?? '') : -Infinity;
    const to = query.has('dateTo') ? Date.parse(query.get('dateTo') ?? '') : Infinity;
    if (Number.isNaN(from) || Number.isNaN(to)) {
      return { status: 422, body: { error: 'measurement/Invalid Request', message: 'Bad date' } };
    }
    const matching = this.measurements
      .filter((measurement) => source === null || String(measurement.source) === source)
      .filter((measurement) => {
        if (fragment === null) return true;
        const values = measurement.body[fragment] as Record<string, unknown> | undefined;
        return values !== undefined && (series === null || series in values);
      })
      .filter((measurement) => {
        const time = Date.parse(measurement.time);
        return time >= from && time < to;
      })
      .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
    return this.page(url, matching, 'measurements', (measurement) => measurement.body);
  }

  private page<T>(
    url: URL,
    all: readonly T[],
    key: string,
    render: (item: T) => unknown,
  ): FakeAnswer {
    const pageSize = Math.min(
      MAX_PAGE_SIZE,
      Number(url.searchParams.get('pageSize') ?? DEFAULT_PAGE_SIZE),
    );
    const currentPage = Number(url.searchParams.get('currentPage') ?? 1);
    const items = all.slice((currentPage - 1) * pageSize, currentPage * pageSize);
    const next = new URL(url);
    next.searchParams.set('pageSize', String(pageSize));
    next.searchParams.set('currentPage', String(currentPage + 1));
    return {
      status: 200,
      body: {
        self: url.href,
        [key]: items.map(render),
        statistics: { currentPage, pageSize },
        // Cumulocity links a next page from every page that has items, the last one included.
        ...(items.length > 0 ? { next: next.href } : {}),
      },
    };
  }
}

type ReferenceKind = 'childAssets' | 'childDevices';

function notFound(id: number): FakeAnswer {
  return {
    status: 404,
    body: {
      error: 'inventory/Not Found',
      message: `Finding device data from database failed : No managedObject for id '${id}'!`,
    },
  };
}

/** Instead of the real answer: a status (with a Cumulocity error body), or a wait first. */
export type FakeFault = { status: number } | { delayMs: number };

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  authorization: string | undefined;
}

export interface FakeCumulocity {
  readonly baseUrl: string;
  readonly tenant: FakeCumulocityTenant;
  readonly requests: readonly RecordedRequest[];
  /** The most requests the server has held open at once since the last reset. */
  readonly maxInFlight: number;
  /** How long every answer waits, so that concurrent requests overlap. */
  latencyMs: number;
  /** The next requests whose path is `path` meet these faults, one request each. */
  inject(path: string, ...faults: FakeFault[]): void;
  /** Forgets requests, faults and the in-flight high-water mark. */
  reset(): void;
  close(): Promise<void>;
}

export interface FakeCumulocityOptions {
  tenant: FakeCumulocityTenant;
  /** Accepted as Basic `tenant/user:password`. */
  basic?: { tenant: string; user: string; password: string };
  /** Accepted as Bearer. */
  token?: string;
}

/** The tenant over real HTTP on 127.0.0.1 (a free port); other credentials get Cumulocity's 401. */
export async function startFakeCumulocity(options: FakeCumulocityOptions): Promise<FakeCumulocity> {
  const accepted = new Set<string>();
  if (options.basic) {
    const { tenant, user, password } = options.basic;
    accepted.add(`Basic ${Buffer.from(`${tenant}/${user}:${password}`).toString('base64')}`);
  }
  if (options.token) accepted.add(`Bearer ${options.token}`);

  let requests: RecordedRequest[] = [];
  let faults = new Map<string, FakeFault[]>();
  let inFlight = 0;
  let maxInFlight = 0;
  const state = { latencyMs: 0 };

  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`);
    requests.push({
      method: request.method ?? '',
      url: url.pathname + url.search,
      authorization: request.headers.authorization,
    });
    if (state.latencyMs > 0) await wait(state.latencyMs);
    if (!accepted.has(request.headers.authorization ?? '')) {
      send(response, 401, { error: 'security/Unauthorized', message: 'Invalid credentials!' });
      return;
    }
    const fault = faults.get(url.pathname)?.shift();
    if (fault && 'delayMs' in fault) await wait(fault.delayMs);
    if (fault && 'status' in fault) {
      send(response, fault.status, { error: 'general/Fault', message: `Injected ${fault.status}` });
      return;
    }
    if (request.method !== 'GET') {
      send(response, 405, { error: 'general/Method Not Allowed', message: 'GET only' });
      return;
    }
    const answer = options.tenant.answer(url);
    send(response, answer.status, answer.body);
  }

  const server: Server = createServer((request, response) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    // 'close' also fires when the client gave up (a timeout) before the answer was written.
    response.once('close', () => inFlight--);
    serve(request, response).catch((error: unknown) => {
      send(response, 500, { error: 'general/Internal Error', message: String(error) });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    tenant: options.tenant,
    get requests() {
      return requests;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get latencyMs() {
      return state.latencyMs;
    },
    set latencyMs(ms: number) {
      state.latencyMs = ms;
    },
    inject(path, ...steps) {
      faults.set(path, [...(faults.get(path) ?? []), ...steps]);
    },
    reset() {
      requests = [];
      faults = new Map();
      maxInFlight = inFlight;
      state.latencyMs = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        // fetch keeps sockets alive; they would delay close() indefinitely.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.destroyed || response.writableEnded) return;
  response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}
