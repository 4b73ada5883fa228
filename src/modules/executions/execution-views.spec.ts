import { durationOf, executionView, parseExecutionNumber, statusView } from './execution-views';
import type { JobExecutionEntity } from './job-execution.entity';

const anExecution = (overrides: Partial<JobExecutionEntity> = {}): JobExecutionEntity => ({
  id: 3,
  jobId: 15896925,
  executionNumber: 1,
  scheduledFireTime: Date.parse('2020-02-27T14:24:00.000Z'),
  trigger: 'schedule',
  status: 'Success',
  statusMessage: [],
  forDeviceGroup: true,
  windowFrom: Date.parse('2020-02-26T12:30:00.000Z'),
  windowTo: Date.parse('2020-02-27T12:30:00.000Z'),
  windowToInclusive: true,
  createdAt: Date.parse('2020-02-27T14:24:00.000Z'),
  startedAt: Date.parse('2020-02-27T14:24:00.000Z'),
  endedAt: Date.parse('2020-02-27T14:24:08.930Z'),
  durationMs: 8930,
  recordsScored: 14000,
  claimedBy: 'host:1:abc',
  leaseUntil: 0,
  cancelRequested: false,
  attempt: 1,
  retryOf: 0,
  ...overrides,
});

describe('executionView', () => {
  it('answers the document’s example execution field for field, in its order', () => {
    const view = executionView(anExecution(), Date.now());
    expect(
      JSON.stringify(view).startsWith(
        JSON.stringify({
          jobId: 15896925,
          jobExecutionNumber: 1,
          isExecutionForDeviceGroup: true,
          jobExecutionStartTime: '2020-02-27T14:24:00Z',
          jobExecutionEndTime: '2020-02-27T14:24:08.930Z',
          jobExecutionDuration: '8930',
          jobExecutionStatus: 'Success',
          jobExecutionStatusMessage: [],
        }).slice(0, -1),
      ),
    ).toBe(true);
  });

  it('adds the extension fields after the documented ones', () => {
    const view = executionView(anExecution({ retryOf: 0 }), Date.now());
    expect(Object.keys(view).slice(8)).toEqual([
      'trigger',
      'scheduledFireTime',
      'dataFrom',
      'dataTo',
      'recordsScored',
      'retryOf',
    ]);
    expect(view.retryOf).toBeNull();
  });

  it('has no start or end time while Queued', () => {
    const view = executionView(
      anExecution({ status: 'Queued', startedAt: 0, endedAt: 0, durationMs: 0 }),
      Date.now(),
    );
    expect(view.jobExecutionStartTime).toBeNull();
    expect(view.jobExecutionEndTime).toBeNull();
    expect(view.jobExecutionDuration).toBe('0');
  });
});

describe('durationOf', () => {
  it('counts the time so far while Running', () => {
    const running = anExecution({ status: 'Running', startedAt: 1000, endedAt: 0, durationMs: 0 });
    expect(durationOf(running, 4500)).toBe(3500);
    expect(statusView(running, 4500)).toEqual({
      jobExecutionStatus: 'Running',
      jobExecutionDuration: '3500',
    });
  });

  it('keeps the recorded duration once ended', () => {
    expect(durationOf(anExecution(), Date.now())).toBe(8930);
  });
});

describe('parseExecutionNumber', () => {
  it('takes positive integers only', () => {
    expect(parseExecutionNumber('1')).toBe(1);
    expect(parseExecutionNumber('007')).toBe(7);
    for (const text of ['0', '-1', '1.5', 'abc', '', '99999999999']) {
      expect(parseExecutionNumber(text)).toBeUndefined();
    }
  });
});
