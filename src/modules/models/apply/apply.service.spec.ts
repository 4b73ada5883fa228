import { PassThrough } from 'node:stream';
import { compilePmml } from '@scorecast/pmml';
import type { AppConfig } from '../../../core/config/app-config';
import { ConflictError, ValidationError } from '../../../core/errors/domain-errors';
import { ModelGroupsService } from '../model-groups.service';
import { type ActiveModel, ModelsService } from '../models.service';
import { type AppliedBatch, ApplyService } from './apply.service';
import type { BodyStream } from './body-text';
import { ScoringMetrics } from './scoring-metrics';
import { regressionPmml } from './testing/regression-pmml';
import { strictMock } from '../../../../test/utils/strict-mock';

function activeModel(name: string, slope = 2): ActiveModel {
  return { name, version: 1, compiled: compilePmml(regressionPmml(name, slope)) };
}

/** A request body that arrives in pieces of at most `pieceLength` characters. */
function body(text: string, pieceLength = 1000): BodyStream {
  const stream = new PassThrough();
  for (let at = 0; at < text.length; at += pieceLength) {
    stream.write(text.slice(at, at + pieceLength));
  }
  stream.end();
  return Object.assign(stream, { headers: {} });
}

const text = (batch: AppliedBatch): string => Buffer.concat(batch.body).toString('utf8');

describe('ApplyService', () => {
  let models: jest.Mocked<ModelsService>;
  let groups: jest.Mocked<ModelGroupsService>;
  let metrics: jest.Mocked<ScoringMetrics>;
  let service: ApplyService;
  const config = { models: { applyBodyLimitBytes: 1024 * 1024 } } as AppConfig;

  beforeEach(() => {
    models = strictMock(ModelsService);
    groups = strictMock(ModelGroupsService);
    metrics = strictMock(ScoringMetrics);
    metrics.recordCall.mockReturnValue(undefined);
    service = new ApplyService(models, groups, metrics, config);
  });

  describe('applyRecord', () => {
    beforeEach(() => models.activeModel.mockResolvedValue(activeModel('A')));

    it('answers every result field of the model for the record', async () => {
      await expect(service.applyRecord('A', '{"x": 3}')).resolves.toEqual({
        model: 'A',
        outputs: [{ y: 7, predicted: 7, half: 3.5, sign: 'pos' }],
      });
      expect(models.activeModel).toHaveBeenCalledWith('A');
      expect(metrics.recordCall).toHaveBeenCalledWith('A', 1, expect.any(Number));
    });

    it.each([undefined, '', 'x=3', '[{"x": 3}]', 'null', '3', ['{"x":1}', '{"x":2}']])(
      'refuses the record %p as unparsable',
      async (record) => {
        await expect(service.applyRecord('A', record)).rejects.toThrow(
          new ValidationError('Failed to parse input at record 1.'),
        );
      },
    );

    it("answers a record the model cannot score with a 400 and the engine's reason", async () => {
      await expect(service.applyRecord('A', '{"x": "abc"}')).rejects.toThrow(
        new ValidationError('Field "x" has the invalid value "abc".'),
      );
    });
  });

  describe('applyBatch', () => {
    it('refuses a content type it cannot read before looking the model up', async () => {
      await expect(service.applyBatch('A', body('x'), 'text/plain')).rejects.toThrow(
        /^Send the records as text\/csv/,
      );
    });

    it('scores a large body a chunk at a time into one answer', async () => {
      const model = activeModel('A');
      models.activeModel.mockResolvedValue(model);
      const scoreColumns = jest.spyOn(model.compiled, 'scoreColumns');
      const rows = Array.from({ length: 10_000 }, (_, index) => String(index));
      const batch = await service.applyBatch('A', body(`x\n${rows.join('\n')}\n`), 'text/csv');
      const lines = text(batch).split('\n');
      expect(lines[0]).toBe('y,predicted,half,sign');
      expect(lines).toHaveLength(10_002);
      expect(lines[10_000]).toBe('19999,19999,9999.5,pos');
      expect(scoreColumns.mock.calls.length).toBeGreaterThanOrEqual(3);
      expect(scoreColumns.mock.calls.every(([, count]) => count <= 5000)).toBe(true);
      expect(metrics.recordCall).toHaveBeenCalledTimes(1);
      expect(metrics.recordCall).toHaveBeenCalledWith('A', 10_000, expect.any(Number));
      expect(batch.failedRecords).toBe(0);
    });

    it('counts the records the model cannot score and keeps the first reason', async () => {
      models.activeModel.mockResolvedValue(activeModel('A'));
      const batch = await service.applyBatch(
        'A',
        body('{"x":1}\n{"x":"abc"}\n{"x":"def"}\n'),
        'application/x-ndjson',
      );
      expect(batch.contentType).toBe('application/x-ndjson; charset=utf-8');
      expect(text(batch).split('\n')[1]).toBe(
        '{"y":null,"predicted":null,"half":null,"sign":null}',
      );
      expect([batch.failedRecords, batch.firstError]).toEqual([
        2,
        'Field "x" has the invalid value "abc".',
      ]);
    });

    it('fails the whole batch at a record it cannot read, after earlier chunks were scored', async () => {
      models.activeModel.mockResolvedValue(activeModel('A'));
      const records = Array.from({ length: 6000 }, (_, index) => `{"x":${index}}`);
      records[5499] = '{"x":';
      await expect(
        service.applyBatch('A', body(`[${records.join(',')}]`), 'application/json'),
      ).rejects.toThrow(new ValidationError('Failed to parse input at record 5500.'));
      expect(metrics.recordCall).toHaveBeenCalledWith('A', expect.any(Number), expect.any(Number));
    });
  });

  describe('applyGroupBatch', () => {
    beforeEach(() =>
      groups.get.mockResolvedValue({ groupName: 'G', models: ['B', 'A'], primaryModel: 'A' }),
    );

    it("scores every record with every member in the group's order", async () => {
      models.activeModel.mockImplementation((name) =>
        Promise.resolve(activeModel(name, name === 'A' ? 2 : -1)),
      );
      const batch = await service.applyGroupBatch('G', body('x\n3\nabc\n'), 'text/csv');
      expect(text(batch)).toBe(
        'B.y,B.predicted,B.half,B.sign,A.y,A.predicted,A.half,A.sign\n' +
          '-2,-2,-1,"neg, low",7,7,3.5,pos\n' +
          ',,,,,,,\n',
      );
      expect([batch.failedRecords, batch.firstError]).toEqual([
        1,
        'Model \'B\': Field "x" has the invalid value "abc".',
      ]);
      expect(metrics.recordCall.mock.calls.map(([name, records]) => [name, records])).toEqual([
        ['B', 2],
        ['A', 2],
      ]);
    });

    it('refuses the group while a member is inactive, naming the first one', async () => {
      models.activeModel.mockRejectedValue(new ConflictError("Model 'B' is not active."));
      await expect(service.applyGroupBatch('G', body('x\n1\n'), 'text/csv')).rejects.toThrow(
        ConflictError,
      );
      expect(models.activeModel.mock.calls).toEqual([['B']]);
    });
  });
});
