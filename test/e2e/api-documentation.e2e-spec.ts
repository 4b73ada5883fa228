import request from 'supertest';
import { type TestApp, startTestApp } from '../utils/test-app';

interface Operation {
  summary?: string;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: { example?: unknown } }> }>;
}

const METHODS = ['get', 'post', 'put', 'delete', 'patch'] as const;

// The Zementis routes (models, model groups, apply) that must appear in the OpenAPI document, as `METHOD path`.
const MODEL_ROUTES = [
  'GET /service/zementis/models',
  'DELETE /service/zementis/models',
  'POST /service/zementis/model',
  'GET /service/zementis/model/{name}',
  'PUT /service/zementis/model/{name}',
  'DELETE /service/zementis/model/{name}',
  'GET /service/zementis/model/{name}/source',
  'GET /service/zementis/model/{name}/versions',
  'PUT /service/zementis/model/{name}/activate',
  'PUT /service/zementis/model/{name}/deactivate',
  'GET /service/zementis/pmml/groups',
  'POST /service/zementis/pmml/groups',
  'GET /service/zementis/pmml/groups/{group}',
  'PUT /service/zementis/pmml/groups/{group}',
  'DELETE /service/zementis/pmml/groups/{group}',
  'GET /service/zementis/apply/{model}',
  'POST /service/zementis/apply/{model}',
  'POST /service/zementis/pmml/apply-group/{group}',
];

describe('the OpenAPI document', () => {
  let t: TestApp;
  let paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    paths = (await request(t.http).get('/api/docs-json').expect(200)).body.paths;
  });
  afterAll(() => t.close());

  const operations = (): [string, Operation][] =>
    Object.entries(paths)
      .filter(([path]) => path.startsWith('/service/zementis/'))
      .flatMap(([path, item]) =>
        METHODS.flatMap((method) => {
          const operation = item[method];
          return operation
            ? [[`${method.toUpperCase()} ${path}`, operation] as [string, Operation]]
            : [];
        }),
      );

  it('lists every route of the Models API, the model groups and apply', () => {
    const documented = operations().map(([route]) => route);
    expect(documented).toEqual(expect.arrayContaining(MODEL_ROUTES));
  });

  it('gives every Zementis route a summary, its security schemes and a success answer', () => {
    for (const [route, operation] of operations()) {
      expect({ route, summary: typeof operation.summary }).toEqual({ route, summary: 'string' });
      expect({ route, security: operation.security }).toEqual({
        route,
        security: expect.arrayContaining([{ bearer: [] }, { basic: [] }]) as unknown,
      });
      const success = Object.keys(operation.responses).filter((status) => /^2/.test(status));
      expect({ route, success: success.length > 0 }).toEqual({ route, success: true });
    }
  });

  it('shows an example body for every documented 401, 403, 404 and 409 answer', () => {
    for (const [route, operation] of operations()) {
      for (const status of ['401', '403', '404', '409']) {
        const response = operation.responses[status];
        if (!response?.content) continue;
        const example = response.content['application/json']?.schema?.example;
        expect({ route, status, hasExample: example !== undefined }).toEqual({
          route,
          status,
          hasExample: true,
        });
      }
    }
  });
});
