/** The fields of a Quartz cron expression, in order. */
export type CronFieldName =
  'second' | 'minute' | 'hour' | 'day-of-month' | 'month' | 'day-of-week' | 'year';

/**
 * An expression that Quartz's `CronExpression` would reject. The message names the field and the
 * problem and is meant for users (the Jobs API shows it); `field` is absent when the problem is
 * the expression as a whole (too few fields, the day-of-month / day-of-week `?` rule).
 */
export class CronSyntaxError extends Error {
  override readonly name = 'CronSyntaxError';

  constructor(
    message: string,
    readonly field?: CronFieldName,
  ) {
    super(message);
  }
}

/** A time zone id that the runtime's time zone database (ICU) does not know. */
export class UnknownTimeZoneError extends Error {
  override readonly name = 'UnknownTimeZoneError';

  constructor(readonly timeZone: string) {
    super(`Unknown time zone "${timeZone}"; use an IANA time zone id such as "Europe/Berlin".`);
  }
}
