import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { AppConfig } from '../../core/config/app-config';
import { DatabaseService } from '../../core/database/database.service';
import { MeasurementRetention } from './measurement-retention';
import { MeasurementsRepository } from './measurements.repository';
import { strictMock } from '../../../test/utils/strict-mock';

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 30);

function setUp(retentionDays: number, purgeBatch = 100) {
  const measurements = strictMock(MeasurementsRepository);
  const database = strictMock(DatabaseService);
  const scheduler = strictMock(SchedulerRegistry);
  const config = { measurements: { retentionDays, purgeBatch } } as AppConfig;
  const retention = new MeasurementRetention(config, measurements, database, scheduler);
  return { retention, measurements, database, scheduler };
}

describe('MeasurementRetention', () => {
  it('schedules nothing and deletes nothing when retention is off', async () => {
    const { retention } = setUp(0);

    retention.onApplicationBootstrap();

    expect(await retention.purgeExpired(NOW)).toEqual({ deleted: 0, batches: 0, cutoff: NOW });
  });

  it('deletes batch after batch until one comes back short, before now minus the retention', async () => {
    const { retention, measurements } = setUp(30, 100);
    measurements.purgeBefore
      .mockResolvedValueOnce(100)
      .mockResolvedValueOnce(100)
      .mockResolvedValueOnce(42);

    const outcome = await retention.purgeExpired(NOW);

    expect(outcome).toEqual({ deleted: 242, batches: 3, cutoff: NOW - 30 * DAY_MS });
    expect(measurements.purgeBefore.mock.calls).toEqual([
      [NOW - 30 * DAY_MS, 100],
      [NOW - 30 * DAY_MS, 100],
      [NOW - 30 * DAY_MS, 100],
    ]);
  });

  it('stops between batches once shutdown begins, and shutdown waits for the batch in flight', async () => {
    const { retention, measurements } = setUp(30, 100);
    let finishBatch: (deleted: number) => void = () => undefined;
    measurements.purgeBefore.mockImplementation(
      () => new Promise((resolve) => (finishBatch = resolve)),
    );
    const purge = retention.purgeExpired(NOW);
    await new Promise((resolve) => setImmediate(resolve));

    const shutdown = retention.beforeApplicationShutdown();
    finishBatch(100);
    await shutdown;

    expect(await purge).toMatchObject({ deleted: 100, batches: 1 });
    expect(measurements.purgeBefore).toHaveBeenCalledTimes(1);
  });

  it('runs one purge after another when asked twice at once', async () => {
    const { retention, measurements } = setUp(1, 10);
    const order: string[] = [];
    measurements.purgeBefore.mockImplementation(async (cutoff) => {
      order.push(`start ${cutoff}`);
      await new Promise((resolve) => setImmediate(resolve));
      order.push(`end ${cutoff}`);
      return 0;
    });

    await Promise.all([retention.purgeExpired(DAY_MS + 1), retention.purgeExpired(DAY_MS + 2)]);

    expect(order).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('purges at start once the database is ready, logs it, and purges every hour after', async () => {
    const { retention, measurements, database, scheduler } = setUp(30, 100);
    database.whenReady.mockResolvedValue();
    measurements.purgeBefore.mockResolvedValue(5);
    const log = jest.spyOn(Logger.prototype, 'log').mockReturnValue();
    scheduler.addInterval.mockReturnValue();
    const setIntervalSpy = jest.spyOn(global, 'setInterval');

    retention.onApplicationBootstrap();
    await new Promise((resolve) => setImmediate(resolve));
    const calls = setIntervalSpy.mock.calls.map(([, ms]) => ms);
    const timer = setIntervalSpy.mock.results[0]?.value as NodeJS.Timeout;
    clearInterval(timer);
    setIntervalSpy.mockRestore();

    expect(calls).toEqual([60 * 60 * 1000]);
    expect(scheduler.addInterval).toHaveBeenCalledWith('measurement-retention', timer);
    expect(measurements.purgeBefore).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith(
      expect.objectContaining({ deleted: 5, batches: 1 }),
      expect.stringMatching(/^purged 5 measurement values older than \S+Z in 1 batch$/),
    );
  });
});
