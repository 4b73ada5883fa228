import request from 'supertest';
import { ModelUsageRegistry } from '../../src/modules/models/model-usage.registry';
import { type TestApp, startTestApp } from '../utils/test-app';
import { testDatabaseKinds } from '../utils/test-databases';
import { bearer, tokenFor } from '../utils/tokens';

const BASE = '/service/zementis';
const ADMIN = bearer(tokenFor('ADMIN', { sub: 'alice' }));
const READ = bearer(tokenFor('READ', { sub: 'bob' }));

/** A linear regression y = 1 + 2x (+ 3z); `modelName` omitted when undefined. */
function regression(
  modelName: string | undefined,
  withZ = false,
  description = 'Doubles x',
): string {
  const name = modelName === undefined ? '' : ` modelName="${modelName}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">
  <Header description="${description}"/>
  <DataDictionary>
    <DataField name="x" optype="continuous" dataType="double"/>
    <DataField name="z" optype="continuous" dataType="float"/>
    <DataField name="y" optype="continuous" dataType="double"/>
  </DataDictionary>
  <RegressionModel functionName="regression"${name}>
    <MiningSchema>
      <MiningField name="y" usageType="target"/>
      <MiningField name="x"/>
      ${withZ ? '<MiningField name="z"/>' : ''}
    </MiningSchema>
    <Output><OutputField name="half" feature="transformedValue" dataType="double"><Apply function="/"><FieldRef field="y"/><Constant>2</Constant></Apply></OutputField></Output>
    <RegressionTable intercept="1">
      <NumericPredictor name="x" coefficient="2"/>
      ${withZ ? '<NumericPredictor name="z" coefficient="3"/>' : ''}
    </RegressionTable>
  </RegressionModel>
</PMML>`;
}

const NOT_FOUND = (name: string): unknown => ({ errors: [`Model '${name}' not found.`] });
const DENIED = {
  error: 'security/Forbidden',
  message: 'Access is denied',
  info: 'https://cumulocity.com/guides/reference/rest-implementation/#error_reporting',
};

describe.each(testDatabaseKinds())('Models API (%s)', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(kind, { env: { MODEL_UPLOAD_LIMIT: '64kb' } });
  });
  afterAll(() => t.close());

  const upload = (document: string, contentType = 'application/xml'): request.Test =>
    request(t.http)
      .post(`${BASE}/model`)
      .set(...ADMIN)
      .set('Content-Type', contentType)
      .send(document);

  const names = async (): Promise<string[]> =>
    (
      (
        await request(t.http)
          .get(`${BASE}/models`)
          .set(...READ)
          .expect(200)
      ).body as {
        models: string[];
      }
    ).models;

  it('stores an uploaded document under its modelName and describes it', async () => {
    const response = await upload(regression('Doubler')).expect(201);
    expect(response.body).toEqual({
      modelName: 'Doubler',
      description: 'Doubles x',
      creationDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
      isActive: true,
      inputFields: [{ usage: 'active', name: 'x', type: 'DOUBLE' }],
      outputFields: [
        { usage: 'predicted', name: 'y', type: 'DOUBLE' },
        { usage: 'output', name: 'half', type: 'DOUBLE' },
      ],
      modelType: 'RegressionModel',
      functionName: 'regression',
      version: 1,
      versionCreationDate: response.body.creationDate as string,
      sizeBytes: Buffer.byteLength(regression('Doubler')),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
      uploadedBy: 'alice',
      groupName: null,
    });
    const info = await request(t.http)
      .get(`${BASE}/model/Doubler`)
      .set(...READ)
      .expect(200);
    expect(info.body).toEqual(response.body);
    expect(await names()).toContain('Doubler');
  });

  it('gives back the source exactly as uploaded, as XML', async () => {
    const response = await request(t.http)
      .get(`${BASE}/model/Doubler/source`)
      .set(...READ)
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/xml/);
    expect(response.text).toBe(regression('Doubler'));
  });

  it('takes a multipart file and names a model without modelName after the file, made safe', async () => {
    const response = await request(t.http)
      .post(`${BASE}/model`)
      .set(...ADMIN)
      .attach('file', Buffer.from(regression(undefined)), 'my model (v2).pmml')
      .expect(201);
    expect(response.body).toMatchObject({ modelName: 'my_model__v2_', isActive: true });
  });

  it('turns unsafe characters of a modelName into underscores', async () => {
    const response = await upload(regression('tree/model &quot;x&quot;')).expect(201);
    expect(response.body.modelName).toBe('tree_model__x_');
  });

  it('refuses a second model of the same name with the documented 409', async () => {
    await upload(regression('Doubler')).expect(409, {
      errors: ["A model with the name 'Doubler' already exists."],
    });
  });

  it('refuses XML that is not well formed with "Invalid XML format." and stores nothing', async () => {
    const before = await names();
    const response = await upload('<PMML><Header></PMML>').expect(400);
    expect((response.body as { errors: string[] }).errors[0]).toBe('Invalid XML format.');
    expect(await names()).toEqual(before);
  });

  it('refuses XML that is not a usable model with the engine message naming the element', async () => {
    const broken = regression('Broken').replace('functionName="regression"', 'functionName="x"');
    const response = await upload(broken).expect(400);
    expect((response.body as { errors: string[] }).errors.join(' ')).toMatch(/functionName/);
    expect(await names()).not.toContain('Broken');
  });

  it('refuses a document without any name', async () => {
    await upload(regression(undefined)).expect(400, {
      errors: [
        'The model has no name: give its model element a modelName, or upload it as a named file.',
      ],
    });
  });

  it('answers 413 for a document over MODEL_UPLOAD_LIMIT', async () => {
    const padded = regression('Huge').replace('<Header', `<!--${'x'.repeat(70_000)}--><Header`);
    const response = await upload(padded).expect(413);
    expect((response.body as { errors: string[] }).errors[0]).toMatch(/larger than the limit/);
    await request(t.http)
      .post(`${BASE}/model`)
      .set(...ADMIN)
      .attach('file', Buffer.from(padded), 'huge.pmml')
      .expect(413);
  });

  it('refuses other content types with the accepted ones named', async () => {
    const response = await upload('{"x":1}', 'application/json').expect(400);
    expect((response.body as { errors: string[] }).errors[0]).toMatch(/multipart\/form-data/);
  });

  it('answers the documented 404 for an unknown model on every route', async () => {
    await request(t.http)
      .get(`${BASE}/model/dummy`)
      .set(...READ)
      .expect(404, NOT_FOUND('dummy'));
    await request(t.http)
      .get(`${BASE}/model/dummy/source`)
      .set(...READ)
      .expect(404, NOT_FOUND('dummy'));
    await request(t.http)
      .put(`${BASE}/model/dummy/activate`)
      .set(...ADMIN)
      .expect(404, NOT_FOUND('dummy'));
    await request(t.http)
      .put(`${BASE}/model/dummy/deactivate`)
      .set(...ADMIN)
      .expect(404, NOT_FOUND('dummy'));
    await request(t.http)
      .delete(`${BASE}/model/dummy`)
      .set(...ADMIN)
      .expect(404, NOT_FOUND('dummy'));
    await request(t.http)
      .put(`${BASE}/model/dummy`)
      .set(...ADMIN)
      .set('Content-Type', 'application/xml')
      .send(regression('dummy'))
      .expect(404, NOT_FOUND('dummy'));
  });

  it('deactivates and activates a model', async () => {
    const off = await request(t.http)
      .put(`${BASE}/model/Doubler/deactivate`)
      .set(...ADMIN)
      .expect(200);
    expect(off.body).toMatchObject({ modelName: 'Doubler', isActive: false });
    const info = await request(t.http)
      .get(`${BASE}/model/Doubler`)
      .set(...READ)
      .expect(200);
    expect(info.body.isActive).toBe(false);
    const on = await request(t.http)
      .put(`${BASE}/model/Doubler/activate`)
      .set(...ADMIN)
      .expect(200);
    expect(on.body.isActive).toBe(true);
  });

  it('replaces a model with a new version and keeps the old one readable', async () => {
    const replaced = await request(t.http)
      .put(`${BASE}/model/Doubler`)
      .set(...ADMIN)
      .set('Content-Type', 'application/xml')
      .send(regression('AnyName', true, 'Version two'))
      .expect(200);
    expect(replaced.body).toMatchObject({
      modelName: 'Doubler',
      version: 2,
      description: 'Version two',
      inputFields: [
        { usage: 'active', name: 'x', type: 'DOUBLE' },
        { usage: 'active', name: 'z', type: 'FLOAT' },
      ],
    });
    const current = await request(t.http)
      .get(`${BASE}/model/Doubler/source`)
      .set(...READ);
    expect(current.text).toBe(regression('AnyName', true, 'Version two'));
    const first = await request(t.http)
      .get(`${BASE}/model/Doubler/source?version=1`)
      .set(...READ)
      .expect(200);
    expect(first.text).toBe(regression('Doubler'));
    const versions = await request(t.http)
      .get(`${BASE}/model/Doubler/versions`)
      .set(...READ)
      .expect(200);
    expect(
      (versions.body as { versions: { version: number }[] }).versions.map((v) => v.version),
    ).toEqual([1, 2]);
    await request(t.http)
      .get(`${BASE}/model/Doubler/source?version=7`)
      .set(...READ)
      .expect(404, { errors: ["Model 'Doubler' has no version 7."] });
  });

  it('keeps writes to ADMIN and lets READ read', async () => {
    await request(t.http)
      .post(`${BASE}/model`)
      .set(...READ)
      .set('Content-Type', 'application/xml')
      .send(regression('Nope'))
      .expect(403, DENIED);
    await request(t.http)
      .put(`${BASE}/model/Doubler/deactivate`)
      .set(...READ)
      .expect(403, DENIED);
    await request(t.http)
      .delete(`${BASE}/model/Doubler`)
      .set(...READ)
      .expect(403, DENIED);
    await request(t.http)
      .delete(`${BASE}/models`)
      .set(...READ)
      .expect(403, DENIED);
    await request(t.http).get(`${BASE}/models`).expect(401);
    await request(t.http)
      .get(`${BASE}/model/Doubler`)
      .set(...READ)
      .expect(200);
    expect(await names()).not.toContain('Nope');
  });

  it('refuses to delete a model a job uses, naming the jobs, and deletes nothing', async () => {
    let inUse = true;
    t.app
      .get(ModelUsageRegistry)
      .register((names) =>
        Promise.resolve(
          new Map(inUse && names.includes('Doubler') ? [['Doubler', ['15898918']]] : []),
        ),
      );
    try {
      await request(t.http)
        .delete(`${BASE}/model/Doubler`)
        .set(...ADMIN)
        .expect(409, { errors: ["Cannot delete: 'Doubler' is used by job(s) 15898918."] });
      await request(t.http)
        .delete(`${BASE}/models`)
        .set(...ADMIN)
        .expect(409, { errors: ["Cannot delete: 'Doubler' is used by job(s) 15898918."] });
      expect(await names()).toContain('Doubler');
    } finally {
      inUse = false;
    }
  });

  it('deletes one model and answers with the remaining names', async () => {
    const response = await request(t.http)
      .delete(`${BASE}/model/tree_model__x_`)
      .set(...ADMIN)
      .expect(200);
    expect(response.body).toEqual({ models: ['Doubler', 'my_model__v2_'] });
    await request(t.http)
      .get(`${BASE}/model/tree_model__x_`)
      .set(...READ)
      .expect(404);
  });

  it('deletes every model', async () => {
    await request(t.http)
      .delete(`${BASE}/models`)
      .set(...ADMIN)
      .expect(200, { models: [] });
    expect(await names()).toEqual([]);
  });
});
