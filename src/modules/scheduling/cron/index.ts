export { CronSyntaxError, UnknownTimeZoneError, type CronFieldName } from './cron-errors';
export type { QuartzCronExpression } from './quartz-cron-expression';
export { parseQuartzCron, type ParseQuartzCronOptions } from './quartz-cron-parser';
export { nextFireTime, nextFireTimes } from './quartz-fire-times';
export { ZoneRules } from './zone-rules';
