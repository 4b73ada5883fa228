import { ValidationError } from '../../core/errors/domain-errors';
import { objectId } from './inventory.service';

/** One value of a posted measurement. */
export interface PostedValue {
  fragment: string;
  series: string;
  value: number;
  unit: string;
}

/** A posted measurement, checked: its device, instant, type and values. */
export interface PostedMeasurement {
  source: number;
  time: number;
  type: string;
  values: PostedValue[];
}

const RESERVED = new Set(['id', 'self', 'source', 'time', 'type']);
// Cumulocity writes ISO-8601 with a zone; a bare date-time would depend on the server's zone.
const ISO_WITH_ZONE = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The measurements of a POST body: one measurement, or `{"measurements": [...]}`. */
export function postedMeasurements(body: unknown): PostedMeasurement[] {
  if (isObject(body) && Array.isArray(body.measurements)) {
    return body.measurements.map((measurement, index) => postedMeasurement(measurement, index + 1));
  }
  return [postedMeasurement(body, 1)];
}

function postedMeasurement(document: unknown, number: number): PostedMeasurement {
  const problem = (text: string): ValidationError =>
    new ValidationError(`Measurement ${number}: ${text}`);
  if (!isObject(document)) throw problem('must be a JSON object.');
  const source = isObject(document.source) ? document.source.id : undefined;
  if (source === undefined) throw problem('source.id is required.');
  const time = typeof document.time === 'string' ? document.time : '';
  const millis = ISO_WITH_ZONE.test(time) ? Date.parse(time) : NaN;
  if (Number.isNaN(millis)) {
    throw problem(
      'time must be an ISO-8601 date-time with a zone, such as 2026-11-23T10:15:30.123Z.',
    );
  }
  if (document.type !== undefined && typeof document.type !== 'string') {
    throw problem('type must be a string.');
  }
  const values: PostedValue[] = [];
  for (const [fragment, content] of Object.entries(document)) {
    if (RESERVED.has(fragment) || !isObject(content)) continue;
    for (const [series, reading] of Object.entries(content)) {
      if (!isObject(reading) || !('value' in reading)) continue;
      if (typeof reading.value !== 'number' || !Number.isFinite(reading.value)) {
        throw problem(`${fragment}.${series}.value must be a finite number.`);
      }
      values.push({
        fragment,
        series,
        value: reading.value,
        unit: typeof reading.unit === 'string' ? reading.unit.slice(0, 64) : '',
      });
    }
  }
  if (values.length === 0) throw problem('has no series with a value.');
  return { source: objectId(source), time: millis, type: document.type ?? '', values };
}
