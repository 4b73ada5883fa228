import request from 'supertest';
import { ModelUsageRegistry } from '../../src/modules/models/model-usage.registry';
import { type TestApp, startTestApp } from '../utils/test-app';
import { testDatabaseKinds } from '../utils/test-databases';
import { bearer, tokenFor } from '../utils/tokens';

const BASE = '/service/zementis';
const GROUPS = `${BASE}/pmml/groups`;

// A tiny regression model: score = 1 + 2 * (sum of its inputs).
function regressionPmml(modelName: string, inputs: string[]): string {
  const dataFields = inputs
    .map((name) => `<DataField name="${name}" optype="continuous" dataType="double"/>`)
    .join('');
  const miningFields = inputs.map((name) => `<MiningField name="${name}"/>`).join('');
  const predictors = inputs
    .map((name) => `<NumericPredictor name="${name}" coefficient="2"/>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">
  <Header description="${modelName} for the model group tests"/>
  <DataDictionary>
    ${dataFields}
    <DataField name="score" optype="continuous" dataType="double"/>
  </DataDictionary>
  <RegressionModel modelName="${modelName}" functionName="regression">
    <MiningSchema><MiningField name="score" usageType="target"/>${miningFields}</MiningSchema>
    <RegressionTable intercept="1">${predictors}</RegressionTable>
  </RegressionModel>
</PMML>`;
}

// Alpha and Beta take the same inputs (in another order); Gamma takes others.
const ALPHA = regressionPmml('Alpha', ['accelerationX', 'accelerationY']);
const BETA = regressionPmml('Beta', ['accelerationY', 'accelerationX']);
const GAMMA = regressionPmml('Gamma', ['temperature']);

const notFound = (name: string) => ({
  errors: [`Model group with name '${name}' does not exist.`],
});

describe.each(testDatabaseKinds())('model groups API (%s)', (kind) => {
  let t: TestApp;
  const admin = bearer(tokenFor('ADMIN', { sub: 'alice' }));
  const reader = bearer(tokenFor('READ'));

  const upload = (pmml: string) =>
    request(t.http)
      .post(`${BASE}/model`)
      .set(...admin)
      .set('Content-Type', 'application/xml')
      .send(pmml)
      .expect(201);

  const createGroup = (body: object) =>
    request(t.http)
      .post(GROUPS)
      .set(...admin)
      .send(body);

  const updateGroup = (name: string, body: object) =>
    request(t.http)
      .put(`${GROUPS}/${name}`)
      .set(...admin)
      .send(body);

  const groupOf = async (model: string): Promise<unknown> => {
    const response = await request(t.http)
      .get(`${BASE}/model/${model}`)
      .set(...reader)
      .expect(200);
    return response.body.groupName;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const pmml of [ALPHA, BETA, GAMMA]) await upload(pmml);
  });

  afterEach(async () => {
    const page = await request(t.http)
      .get(GROUPS)
      .query({ pageSize: 2000 })
      .set(...reader)
      .expect(200);
    for (const group of page.body.groups as { groupName: string }[]) {
      await request(t.http)
        .delete(`${GROUPS}/${group.groupName}`)
        .set(...admin)
        .expect(200);
    }
  });

  afterAll(() => t.close());

  describe('creating', () => {
    it('creates a group with 201, shows it by name and marks its models as members', async () => {
      const group = { groupName: 'Pair', models: ['Alpha', 'Beta'], primaryModel: 'Beta' };
      await createGroup(group).expect(201, group);
      await request(t.http)
        .get(`${GROUPS}/Pair`)
        .set(...reader)
        .expect(200, group);
      expect(await groupOf('Alpha')).toBe('Pair');
      expect(await groupOf('Beta')).toBe('Pair');
      expect(await groupOf('Gamma')).toBeNull();
    });

    it('makes the first model primary when none is given, and makes the name safe', async () => {
      await createGroup({ groupName: 'my group/1', models: ['Beta', 'Alpha'] }).expect(201, {
        groupName: 'my_group_1',
        models: ['Beta', 'Alpha'],
        primaryModel: 'Beta',
      });
      await request(t.http)
        .get(`${GROUPS}/my_group_1`)
        .set(...reader)
        .expect(200);
    });

    it('shares one namespace with models: no group named like a model, no model named like a group', async () => {
      await createGroup({ groupName: 'Alpha', models: ['Beta'] }).expect(409, {
        errors: [
          "A model with the name 'Alpha' already exists; a model group cannot take its name.",
        ],
      });
      await createGroup({ groupName: 'Delta', models: ['Alpha'] }).expect(201);
      await request(t.http)
        .post(`${BASE}/model`)
        .set(...admin)
        .set('Content-Type', 'application/xml')
        .send(regressionPmml('Delta', ['temperature']))
        .expect(409, {
          errors: [
            "A model group with the name 'Delta' already exists; a model cannot take its name.",
          ],
        });
    });

    it('keeps a member from being deleted until it leaves the group', async () => {
      await createGroup({ groupName: 'Keeper', models: ['Alpha', 'Beta'] }).expect(201);
      await request(t.http)
        .delete(`${BASE}/model/Beta`)
        .set(...admin)
        .expect(409, {
          errors: ["Model 'Beta' belongs to model group 'Keeper'; remove it from the group first."],
        });
      await request(t.http)
        .get(`${BASE}/model/Beta`)
        .set(...reader)
        .expect(200);
    });

    it('answers 409 when a group of that name exists', async () => {
      await createGroup({ groupName: 'Solo', models: ['Alpha'] }).expect(201);
      await createGroup({ groupName: 'Solo', models: ['Gamma'] }).expect(409, {
        errors: ["A model group with the name 'Solo' already exists."],
      });
      expect(await groupOf('Gamma')).toBeNull();
    });

    it('refuses a body without groupName, with empty or repeated models, or with unknown properties', async () => {
      const missingName = await createGroup({ models: ['Alpha'] }).expect(400);
      expect(missingName.body.errors).toContain('groupName should not be empty');
      const noModels = await createGroup({ groupName: 'G', models: [] }).expect(400);
      expect(noModels.body.errors).toEqual(['models should not be empty']);
      const twice = await createGroup({
        groupName: 'G',
        models: ['Alpha', 'Beta', 'Alpha'],
      }).expect(400);
      expect(twice.body.errors).toEqual(["models must not name a model twice: 'Alpha'."]);
      const extra = await createGroup({
        groupName: 'G',
        models: ['Alpha'],
        owner: 'bob',
      }).expect(400);
      expect(extra.body.errors).toEqual(['property owner should not exist']);
      await request(t.http)
        .get(`${GROUPS}/G`)
        .set(...reader)
        .expect(404);
    });

    it('answers 404 naming every unknown model', async () => {
      await createGroup({ groupName: 'G', models: ['Alpha', 'Nope', 'Nada'] }).expect(404, {
        errors: ["Model 'Nope' not found.", "Model 'Nada' not found."],
      });
      expect(await groupOf('Alpha')).toBeNull();
    });

    it('refuses a model that belongs to another group', async () => {
      await createGroup({ groupName: 'First', models: ['Alpha'] }).expect(201);
      await createGroup({ groupName: 'Second', models: ['Beta', 'Alpha'] }).expect(400, {
        errors: ["Model 'Alpha' already belongs to model group 'First'."],
      });
      expect(await groupOf('Beta')).toBeNull();
    });

    it('refuses models whose inputs differ, naming them', async () => {
      await createGroup({ groupName: 'Mixed', models: ['Alpha', 'Beta', 'Gamma'] }).expect(400, {
        errors: [
          "All models of a group must take the same inputs: 'Gamma' takes other inputs than 'Alpha'.",
        ],
      });
    });

    it('refuses a primary model that is not a member', async () => {
      await createGroup({ groupName: 'G', models: ['Alpha'], primaryModel: 'Beta' }).expect(400, {
        errors: ["primaryModel 'Beta' is not one of the group's models."],
      });
    });

    it('reports every membership problem at once', async () => {
      await createGroup({ groupName: 'First', models: ['Alpha'] }).expect(201);
      const response = await createGroup({
        groupName: 'G',
        models: ['Alpha', 'Gamma'],
        primaryModel: 'Beta',
      }).expect(400);
      expect(response.body.errors).toEqual([
        "Model 'Alpha' already belongs to model group 'First'.",
        "All models of a group must take the same inputs: 'Gamma' takes other inputs than 'Alpha'.",
        "primaryModel 'Beta' is not one of the group's models.",
      ]);
    });

    it('accepts a deactivated model as a member', async () => {
      await request(t.http)
        .put(`${BASE}/model/Beta/deactivate`)
        .set(...admin)
        .expect(200);
      try {
        await createGroup({ groupName: 'Sleepy', models: ['Alpha', 'Beta'] }).expect(201);
      } finally {
        await request(t.http)
          .put(`${BASE}/model/Beta/activate`)
          .set(...admin)
          .expect(200);
      }
    });

    it('lets only one of two concurrent groups claim the same model', async () => {
      const [one, two] = await Promise.all([
        createGroup({ groupName: 'RaceA', models: ['Alpha'] }),
        createGroup({ groupName: 'RaceB', models: ['Beta', 'Alpha'] }),
      ]);
      const statuses = [one.status, two.status].sort();
      expect(statuses).toEqual([201, 400]);
      const [winner, loser] = one.status === 201 ? ['RaceA', two] : ['RaceB', one];
      expect(loser.body.errors).toEqual([
        `Model 'Alpha' already belongs to model group '${winner}'.`,
      ]);
      expect(await groupOf('Alpha')).toBe(winner);
      expect(await groupOf('Beta')).toBe(winner === 'RaceB' ? 'RaceB' : null);
    });
  });

  describe('reading', () => {
    it('answers 404 for an unknown group', async () => {
      await request(t.http)
        .get(`${GROUPS}/dummy`)
        .set(...reader)
        .expect(404, notFound('dummy'));
    });

    it('pages the groups by name with links that keep the page size', async () => {
      const names = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7'];
      for (const name of names) {
        await upload(regressionPmml(name, ['accelerationX', 'accelerationY']));
      }
      // Created out of order: the list is ordered by name, not by creation.
      for (const name of [...names].reverse()) {
        await createGroup({ groupName: `Group${name}`, models: [name] }).expect(201);
      }

      const first = await request(t.http)
        .get(GROUPS)
        .set(...reader)
        .expect(200);
      expect(first.body).toEqual({
        next: `${GROUPS}?pageSize=5&currentPage=2`,
        prev: null,
        statistics: { currentPage: 1, totalPages: 2, pageSize: 5 },
        groups: names
          .slice(0, 5)
          .map((name) => ({ groupName: `Group${name}`, models: [name], primaryModel: name })),
      });

      const second = await request(t.http)
        .get(first.body.next as string)
        .set(...reader)
        .expect(200);
      expect(second.body.next).toBeNull();
      expect(second.body.prev).toBe(`${GROUPS}?pageSize=5&currentPage=1`);
      expect(second.body.groups).toEqual([
        { groupName: 'GroupP6', models: ['P6'], primaryModel: 'P6' },
        { groupName: 'GroupP7', models: ['P7'], primaryModel: 'P7' },
      ]);

      const middle = await request(t.http)
        .get(GROUPS)
        .query({ pageSize: 3, currentPage: 2, withTotalPages: false })
        .set(...reader)
        .expect(200);
      expect(middle.body).toMatchObject({
        next: `${GROUPS}?pageSize=3&currentPage=3`,
        prev: `${GROUPS}?pageSize=3&currentPage=1`,
        statistics: { currentPage: 2, totalPages: null, pageSize: 3 },
      });
      expect(middle.body.groups).toHaveLength(3);

      const pastTheEnd = await request(t.http)
        .get(GROUPS)
        .query({ currentPage: 9 })
        .set(...reader)
        .expect(200);
      expect(pastTheEnd.body).toEqual({
        next: null,
        prev: `${GROUPS}?pageSize=5&currentPage=8`,
        statistics: { currentPage: 9, totalPages: 2, pageSize: 5 },
        groups: [],
      });
    });

    it('answers an empty first page when there are no groups', async () => {
      await request(t.http)
        .get(GROUPS)
        .set(...reader)
        .expect(200, {
          next: null,
          prev: null,
          statistics: { currentPage: 1, totalPages: 0, pageSize: 5 },
          groups: [],
        });
    });

    it.each([
      ['pageSize=0', "pageSize must be an integer from 1 to 2000; got '0'."],
      ['pageSize=abc', "pageSize must be an integer from 1 to 2000; got 'abc'."],
      ['pageSize=2001', "pageSize must be an integer from 1 to 2000; got '2001'."],
      ['currentPage=0', "currentPage must be an integer from 1 to 2147483647; got '0'."],
      ['withTotalPages=maybe', "withTotalPages must be true or false; got 'maybe'."],
    ])('answers 400 for %s', async (query, message) => {
      await request(t.http)
        .get(`${GROUPS}?${query}`)
        .set(...reader)
        .expect(400, { errors: [message] });
    });
  });

  describe('changing', () => {
    beforeEach(async () => {
      await createGroup({ groupName: 'Pair', models: ['Alpha', 'Beta'] }).expect(201);
    });

    it('replaces the members, frees the models left out and moves the primary model to the first member', async () => {
      await updateGroup('Pair', { models: ['Beta'] }).expect(200, {
        groupName: 'Pair',
        models: ['Beta'],
        primaryModel: 'Beta',
      });
      expect(await groupOf('Alpha')).toBeNull();
      await updateGroup('Pair', { models: ['Beta', 'Alpha'], primaryModel: 'Alpha' }).expect(200, {
        groupName: 'Pair',
        models: ['Beta', 'Alpha'],
        primaryModel: 'Alpha',
      });
      expect(await groupOf('Alpha')).toBe('Pair');
      await request(t.http)
        .get(`${GROUPS}/Pair`)
        .set(...reader)
        .expect(200, { groupName: 'Pair', models: ['Beta', 'Alpha'], primaryModel: 'Alpha' });
    });

    it('changes only the primary model, and accepts the group’s own name in the body', async () => {
      await updateGroup('Pair', { groupName: 'Pair', primaryModel: 'Beta' }).expect(200, {
        groupName: 'Pair',
        models: ['Alpha', 'Beta'],
        primaryModel: 'Beta',
      });
    });

    it('keeps the primary model when it stays a member', async () => {
      await updateGroup('Pair', { primaryModel: 'Beta' }).expect(200);
      await updateGroup('Pair', { models: ['Alpha', 'Beta'] }).expect(200, {
        groupName: 'Pair',
        models: ['Alpha', 'Beta'],
        primaryModel: 'Beta',
      });
    });

    it('refuses another group name in the body, and a body that changes nothing', async () => {
      await updateGroup('Pair', { groupName: 'Renamed', models: ['Alpha'] }).expect(400, {
        errors: [
          "groupName 'Renamed' is not the name of the group in the path, 'Pair'; groups cannot be renamed.",
        ],
      });
      await updateGroup('Pair', {}).expect(400, {
        errors: ['Give the new models, the new primaryModel, or both.'],
      });
      expect(await groupOf('Beta')).toBe('Pair');
    });

    it('applies the membership rules of creation', async () => {
      await updateGroup('Pair', { models: ['Alpha', 'Ghost'] }).expect(404, {
        errors: ["Model 'Ghost' not found."],
      });
      await updateGroup('Pair', { models: ['Alpha', 'Gamma'] }).expect(400, {
        errors: [
          "All models of a group must take the same inputs: 'Gamma' takes other inputs than 'Alpha'.",
        ],
      });
      await updateGroup('Pair', { primaryModel: 'Gamma' }).expect(400, {
        errors: ["primaryModel 'Gamma' is not one of the group's models."],
      });
      await updateGroup('Pair', { models: ['Alpha', 'Alpha'] }).expect(400, {
        errors: ["models must not name a model twice: 'Alpha'."],
      });
      await updateGroup('Pair', { models: ['Beta'] }).expect(200);
      await createGroup({ groupName: 'Other', models: ['Alpha'] }).expect(201);
      await updateGroup('Pair', { models: ['Beta', 'Alpha'] }).expect(400, {
        errors: ["Model 'Alpha' already belongs to model group 'Other'."],
      });
      expect(await groupOf('Alpha')).toBe('Other');
    });

    it('answers 404 for an unknown group', async () => {
      await updateGroup('dummy', { models: ['Gamma'] }).expect(404, notFound('dummy'));
      expect(await groupOf('Gamma')).toBeNull();
    });
  });

  describe('deleting', () => {
    it('deletes a group, frees its models and answers with the first page of the remaining groups', async () => {
      await createGroup({ groupName: 'Pair', models: ['Alpha', 'Beta'] }).expect(201);
      await createGroup({ groupName: 'Lonely', models: ['Gamma'] }).expect(201);
      await request(t.http)
        .delete(`${GROUPS}/Pair`)
        .set(...admin)
        .expect(200, {
          next: null,
          prev: null,
          statistics: { currentPage: 1, totalPages: 1, pageSize: 5 },
          groups: [{ groupName: 'Lonely', models: ['Gamma'], primaryModel: 'Gamma' }],
        });
      expect(await groupOf('Alpha')).toBeNull();
      expect(await groupOf('Beta')).toBeNull();
      expect(await groupOf('Gamma')).toBe('Lonely');
      await request(t.http)
        .get(`${GROUPS}/Pair`)
        .set(...reader)
        .expect(404, notFound('Pair'));
    });

    it('refuses to delete a group a job uses', async () => {
      await createGroup({ groupName: 'Busy', models: ['Alpha'] }).expect(201);
      let inUse = true;
      t.app
        .get(ModelUsageRegistry)
        .register((names) =>
          Promise.resolve(
            new Map(inUse && names.includes('Busy') ? [['Busy', ['15896925', '15898918']]] : []),
          ),
        );
      try {
        await request(t.http)
          .delete(`${GROUPS}/Busy`)
          .set(...admin)
          .expect(409, {
            errors: ["Cannot delete: 'Busy' is used by job(s) 15896925, 15898918."],
          });
        expect(await groupOf('Alpha')).toBe('Busy');
      } finally {
        inUse = false;
      }
    });

    it('answers 404 for an unknown group', async () => {
      await request(t.http)
        .delete(`${GROUPS}/dummy`)
        .set(...admin)
        .expect(404, notFound('dummy'));
    });
  });

  it('documents the routes, their paging parameters and body schemas in the OpenAPI document', async () => {
    const document = (await request(t.http).get('/api/docs-json').expect(200)).body;
    const parameters = document.paths[GROUPS].get.parameters as { name: string }[];
    expect(parameters.map((parameter) => parameter.name)).toEqual([
      'pageSize',
      'currentPage',
      'withTotalPages',
    ]);
    expect(Object.keys(document.paths[GROUPS])).toEqual(['get', 'post']);
    expect(Object.keys(document.paths[`${GROUPS}/{group}`])).toEqual(['get', 'put', 'delete']);
    expect(document.paths[GROUPS].post.description).toContain('Deactivated models may be members');
    const schemas = document.components.schemas;
    expect(schemas.CreateModelGroupDto.required).toEqual(['groupName', 'models']);
    expect(schemas.ModelGroupsPageResponseDto.properties.statistics.$ref).toBe(
      '#/components/schemas/PageStatisticsDto',
    );
  });

  describe('roles', () => {
    beforeEach(async () => {
      await createGroup({ groupName: 'Pair', models: ['Alpha', 'Beta'] }).expect(201);
    });

    it('lets READ list and read groups but not change them', async () => {
      await request(t.http)
        .get(GROUPS)
        .set(...reader)
        .expect(200);
      await request(t.http)
        .get(`${GROUPS}/Pair`)
        .set(...reader)
        .expect(200);
      await request(t.http)
        .post(GROUPS)
        .set(...reader)
        .send({ groupName: 'G', models: ['Gamma'] })
        .expect(403);
      await request(t.http)
        .put(`${GROUPS}/Pair`)
        .set(...reader)
        .send({ primaryModel: 'Beta' })
        .expect(403);
      await request(t.http)
        .delete(`${GROUPS}/Pair`)
        .set(...reader)
        .expect(403);
      await request(t.http)
        .get(`${GROUPS}/Pair`)
        .set(...reader)
        .expect(200, { groupName: 'Pair', models: ['Alpha', 'Beta'], primaryModel: 'Alpha' });
      expect(await groupOf('Gamma')).toBeNull();
    });

    it('answers every route without credentials with 401', async () => {
      await request(t.http).get(GROUPS).expect(401);
      await request(t.http).get(`${GROUPS}/Pair`).expect(401);
      await request(t.http)
        .post(GROUPS)
        .send({ groupName: 'G', models: ['Gamma'] })
        .expect(401);
      await request(t.http).put(`${GROUPS}/Pair`).send({ primaryModel: 'Beta' }).expect(401);
      await request(t.http).delete(`${GROUPS}/Pair`).expect(401);
    });
  });
});
