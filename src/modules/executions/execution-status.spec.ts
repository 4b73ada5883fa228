import { finalStatus, mayBeSkipped, noDataMessage, type RunOutcome } from './execution-status';

const ran = (overrides: Partial<RunOutcome> = {}): RunOutcome => ({
  cancelled: false,
  recordsScored: 10,
  devicesWithoutData: [],
  failures: [],
  fatal: false,
  ...overrides,
});

describe('finalStatus', () => {
  it('is Success without messages when every device was scored', () => {
    expect(finalStatus(ran())).toEqual({ status: 'Success', messages: [] });
  });

  it('is a Warning with the documented text for each device without data', () => {
    expect(finalStatus(ran({ devicesWithoutData: [107742] }))).toEqual({
      status: 'Warning',
      messages: [
        'The device 107742 was not active or sending any measurements during the time specified for data range',
      ],
    });
  });

  it('stays a Warning when no device had any data at all', () => {
    const outcome = ran({ recordsScored: 0, devicesWithoutData: [1, 2] });
    expect(finalStatus(outcome)).toEqual({
      status: 'Warning',
      messages: [noDataMessage(1), noDataMessage(2)],
    });
  });

  it('is a Warning naming the failure when another device or model still scored', () => {
    const outcome = ran({ failures: ["Model 'B': Model 'B' is not active."] });
    expect(finalStatus(outcome)).toEqual({
      status: 'Warning',
      messages: ["Model 'B': Model 'B' is not active."],
    });
  });

  it('is a Failure when something failed and nothing was scored', () => {
    const outcome = ran({
      recordsScored: 0,
      failures: ['Device 5: gone'],
      devicesWithoutData: [6],
    });
    expect(finalStatus(outcome)).toEqual({
      status: 'Failure',
      messages: ['Device 5: gone', noDataMessage(6)],
    });
  });

  it('is a Failure when the whole run was impossible, whatever was scored', () => {
    expect(finalStatus(ran({ fatal: true, failures: ['no models'] })).status).toBe('Failure');
  });

  it('is a Failure saying so when the run timed out', () => {
    const result = finalStatus(ran({ timedOut: { timeoutMs: 5000 } }));
    expect(result.status).toBe('Failure');
    expect(result.messages[0]).toContain('5000 ms');
  });

  it('is Cancelled when asked to stop, before any other rule', () => {
    const result = finalStatus(ran({ cancelled: true, timedOut: { timeoutMs: 1 }, fatal: true }));
    expect(result.status).toBe('Cancelled');
    expect(result.messages[0]).toMatch(/^Cancelled on request after 10 record scorings/);
  });
});

describe('mayBeSkipped', () => {
  it('skips only fires of the schedule, never what a user asked for', () => {
    expect(mayBeSkipped('schedule')).toBe(true);
    expect(mayBeSkipped('misfire')).toBe(true);
    expect(mayBeSkipped('manual')).toBe(false);
    expect(mayBeSkipped('retry')).toBe(false);
  });
});
