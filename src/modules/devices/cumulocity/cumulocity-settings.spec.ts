import { ConfigValidationError } from '../../../core/config/app-config';
import { CUMULOCITY_DEFAULTS, cumulocitySettings } from './cumulocity-settings';

const basic = { baseUrl: 'https://acme.cumulocity.com', tenant: 't1', user: 'u', password: 'p' };

describe('cumulocitySettings', () => {
  it('fills in the defaults, pages of 2000 included', () => {
    expect(cumulocitySettings(basic)).toEqual({ ...basic, ...CUMULOCITY_DEFAULTS });
    expect(CUMULOCITY_DEFAULTS.pageSize).toBe(2000);
  });

  it('keeps a default when the caller passes a limit as undefined', () => {
    expect(cumulocitySettings({ ...basic, timeoutMs: undefined }).timeoutMs).toBe(
      CUMULOCITY_DEFAULTS.timeoutMs,
    );
  });

  it('accepts a token instead of tenant, user and password', () => {
    const settings = cumulocitySettings({ baseUrl: basic.baseUrl, token: 'abc', pageSize: 10 });
    expect(settings).toMatchObject({ token: 'abc', pageSize: 10 });
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      cumulocitySettings({
        ...basic,
        baseUrl: 'ftp://x',
        password: '',
        pageSize: 2001,
        maxAttempts: 0,
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).problems).toEqual([
      "baseUrl must be an http(s) URL, got 'ftp://x'",
      'password must not be empty',
      'maxAttempts must be an integer from 1 to 20, got 0',
      'pageSize must be an integer from 1 to 2000, got 2001',
    ]);
  });

  it('rejects an empty token', () => {
    expect(() => cumulocitySettings({ baseUrl: basic.baseUrl, token: '' })).toThrow(
      'token must not be empty',
    );
  });
});
