import { ConflictError, NotFoundError, ValidationError } from '../../core/errors/domain-errors';
import type { AuthenticatedUser } from '../../core/security/authenticated-user';
import { ModelUsageRegistry } from '../models/model-usage.registry';
import { requestHash, sha256 } from './idempotency';
import type { IdempotencyKeyEntity } from './idempotency-key.entity';
import type { JobEntity } from './job.entity';
import { JobsRepository, type NewJob } from './jobs.repository';
import { JobsService } from './jobs.service';
import { ModelAndDeviceLookups } from './model-and-device-lookups';
import { strictMock } from '../../../test/utils/strict-mock';

const USER: AuthenticatedUser = { id: 'u-1', userName: 'alice', roles: ['ADMIN'], method: 'jwt' };
const HOUR = 3_600_000;

function body(): Record<string, unknown> {
  const now = Date.now();
  return {
    jobName: 'Job',
    modelOrGroup: 'Model',
    groupOrDeviceId: 15,
    modelToDeviceMappings: { x: 'f.x.value' },
    jobSchedule: {
      frequency: 'once',
      scheduleAt: new Date(now + HOUR).toISOString(),
      dataFrom: new Date(now - 2 * HOUR).toISOString(),
      dataTo: new Date(now - HOUR).toISOString(),
    },
  };
}

describe('JobsService', () => {
  let jobs: jest.Mocked<JobsRepository>;
  let lookups: jest.Mocked<ModelAndDeviceLookups>;
  let service: JobsService;

  beforeEach(() => {
    jobs = strictMock(JobsRepository);
    lookups = Object.assign(strictMock(ModelAndDeviceLookups), { cronProblem: () => undefined });
    service = new JobsService(jobs, lookups, new ModelUsageRegistry());
  });

  const validLookups = (): void => {
    lookups.modelTarget.mockResolvedValue({
      models: [{ name: 'Model', isActive: true }],
      inputs: ['x'],
    });
    lookups.deviceOrGroupExists.mockResolvedValue(true);
  };

  const storedKey = (request: unknown, response: object): IdempotencyKeyEntity => ({
    caller: sha256(USER.id),
    operation: 'create-job',
    idempotencyKey: 'k1',
    requestHash: requestHash(request),
    status: 201,
    response: JSON.stringify(response),
    createdAt: new Date(),
  });

  it('answers a retry from the stored answer without checking or creating anything', async () => {
    const request = body();
    jobs.purgeKeysCreatedBefore.mockResolvedValue();
    jobs.findKey.mockResolvedValue(storedKey(request, { jobId: 3 }));

    expect(await service.create(request, USER, 'k1')).toEqual({
      status: 201,
      body: { jobId: 3 },
      replayed: true,
    });
    expect(jobs.findKey).toHaveBeenCalledWith(sha256('u-1'), 'create-job', 'k1');
  });

  it('forgets keys older than a day before looking one up', async () => {
    // One body: two would hold the instants of two calls, and differ when a millisecond passed.
    const request = body();
    jobs.purgeKeysCreatedBefore.mockResolvedValue();
    jobs.findKey.mockResolvedValue(storedKey(request, { jobId: 3 }));
    const before = Date.now();
    await service.create(request, USER, 'k1');
    const cutoff = jobs.purgeKeysCreatedBefore.mock.calls[0][0].getTime();
    expect(before - cutoff).toBeGreaterThanOrEqual(24 * HOUR - 1000);
    expect(before - cutoff).toBeLessThanOrEqual(24 * HOUR);
  });

  it('refuses a key used before with another body', async () => {
    jobs.purgeKeysCreatedBefore.mockResolvedValue();
    jobs.findKey.mockResolvedValue(storedKey({ ...body(), jobName: 'Other' }, { jobId: 3 }));
    await expect(service.create(body(), USER, 'k1')).rejects.toThrow(ConflictError);
  });

  it('answers as the winner when a concurrent request stored the same key first', async () => {
    const request = body();
    validLookups();
    jobs.purgeKeysCreatedBefore.mockResolvedValue();
    jobs.findKey
      .mockResolvedValueOnce(null)
      .mockResolvedValueOnce(storedKey(request, { jobId: 9 }));
    jobs.insertWithKey.mockResolvedValue(undefined);

    expect(await service.create(request, USER, 'k1')).toEqual({
      status: 201,
      body: { jobId: 9 },
      replayed: true,
    });
  });

  it('stores the job with its key and the answer it gives', async () => {
    const request = body();
    validLookups();
    jobs.purgeKeysCreatedBefore.mockResolvedValue();
    jobs.findKey.mockResolvedValue(null);
    let storedAnswer = '';
    jobs.insertWithKey.mockImplementation((job: NewJob, _key, answer) => {
      const entity: JobEntity = { ...job, id: 5 };
      storedAnswer = answer(entity);
      return Promise.resolve(entity);
    });

    const created = await service.create(request, USER, 'k1');
    expect(created).toMatchObject({ status: 201, replayed: false, body: { jobId: 5 } });
    expect(JSON.parse(storedAnswer)).toEqual(created.body);
    expect(jobs.insertWithKey.mock.calls[0][1]).toMatchObject({
      caller: sha256('u-1'),
      idempotencyKey: 'k1',
      requestHash: requestHash(request),
      status: 201,
    });
  });

  it('answers an unknown device alone with the documented 404, with other problems a 400', async () => {
    validLookups();
    lookups.deviceOrGroupExists.mockResolvedValue(false);
    await expect(service.create(body(), USER, undefined)).rejects.toThrow(
      new NotFoundError('Device or group with id 15 does not exist or it is invalid'),
    );
    await expect(
      service.create({ ...body(), keepExecutions: -1 }, USER, undefined),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('answers 404 for a change to a job that does not exist, before reading the body', async () => {
    jobs.findById.mockResolvedValue(null);
    await expect(service.update('12', body())).rejects.toThrow(
      new NotFoundError("Zementis job ID '12' not found."),
    );
    await expect(service.setStatus('x', 'Inactive')).rejects.toThrow(
      new NotFoundError("Zementis job ID 'x' not found."),
    );
    expect(jobs.findById).toHaveBeenCalledTimes(1);
  });

  it('names the jobs that use a model or group when asked before a deletion', async () => {
    const usage = new ModelUsageRegistry();
    service = new JobsService(jobs, lookups, usage);
    service.onModuleInit();
    jobs.findUsing.mockResolvedValue([
      { id: 4, modelOrGroup: 'A' },
      { id: 7, modelOrGroup: 'A' },
      { id: 9, modelOrGroup: 'G' },
    ]);
    await expect(usage.refuseIfUsed(['A', 'G', 'B'])).rejects.toThrow(
      new ConflictError("Cannot delete: 'A' is used by job(s) 4, 7; 'G' is used by job(s) 9."),
    );
    expect(jobs.findUsing).toHaveBeenCalledWith(['A', 'G', 'B']);
  });
});
