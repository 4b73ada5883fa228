import { serverTimeZone } from './server-time-zone';

describe('serverTimeZone', () => {
  it('keeps the zone as TZ names it, not as ICU would canonicalise it', () => {
    expect(serverTimeZone({ TZ: 'Asia/Kolkata' })).toBe('Asia/Kolkata');
    expect(serverTimeZone({ TZ: 'Asia/Calcutta' })).toBe('Asia/Calcutta');
  });

  it("falls back to the runtime's zone when TZ is unset or no IANA name", () => {
    const runtime = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(serverTimeZone({})).toBe(runtime);
    expect(serverTimeZone({ TZ: '' })).toBe(runtime);
    expect(serverTimeZone({ TZ: ':/etc/localtime' })).toBe(runtime);
  });
});
