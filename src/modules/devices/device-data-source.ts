import { NotFoundError } from '../../core/errors/domain-errors';

/** A device as the execution engine needs it. */
export interface DeviceRef {
  readonly id: number;
  readonly name: string;
}

/** What an id of a job names: one device, or a group expanded to all of its devices. */
export interface ResolvedSource {
  readonly id: number;
  readonly isGroup: boolean;
  /** The device itself, or every device of the group and its subgroups, once each. */
  readonly devices: readonly DeviceRef[];
}

/** A model input read from a measurement series: `c8y_Acceleration.accelerationX.value`. */
export interface SeriesMapping {
  readonly input: string;
  readonly fragment: string;
  readonly series: string;
}

export interface WindowQuery {
  readonly deviceId: number;
  readonly from: Date;
  readonly to: Date;
  /** Whether a measurement exactly at `to` belongs to the window (`from` always does). */
  readonly toInclusive: boolean;
  readonly mappings: readonly SeriesMapping[];
  /** Records per chunk (default 10,000). */
  readonly chunkSize?: number;
}

/**
 * Records of one device in time order: one record per distinct timestamp at which any mapped
 * series has a value; `columns[input][i]` is that input's value at `times[i]`, or null when its
 * series has no value at that instant.
 */
export interface RecordChunk {
  readonly times: number[];
  readonly columns: Record<string, (number | null)[]>;
}

/**
 * Where jobs read device data from: the embedded store, or a Cumulocity tenant
 * (`DATA_SOURCE`). See docs/devices.md.
 */
export interface DeviceDataSource {
  /** Throws the documented 404 (deviceNotFound) when the id is neither a device nor a group. */
  resolve(id: number): Promise<ResolvedSource>;
  readWindow(query: WindowQuery): AsyncIterable<RecordChunk>;
}

export const DEVICE_DATA_SOURCE = Symbol('DEVICE_DATA_SOURCE');

export const deviceNotFound = (id: number | string): NotFoundError =>
  new NotFoundError(`Device or group with id ${id} does not exist or it is invalid`);

const MAPPING = /^([^.\s]+)\.([^.\s]+)\.value$/;

/** The fragment and series of a mapping value such as `c8y_Acceleration.accelerationX.value`. */
export function parseSeriesPath(path: string): { fragment: string; series: string } | undefined {
  const match = MAPPING.exec(path);
  return match ? { fragment: match[1], series: match[2] } : undefined;
}
