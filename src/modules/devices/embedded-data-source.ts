import { Injectable } from '@nestjs/common';
import {
  type DeviceDataSource,
  type DeviceRef,
  deviceNotFound,
  type RecordChunk,
  type ResolvedSource,
  type WindowQuery,
} from './device-data-source';
import { InventoryRepository } from './inventory.repository';
import { MeasurementsRepository, type SeriesPage } from './measurements.repository';

const DEFAULT_CHUNK_SIZE = 10_000;
const PAGE_SIZE = 10_000;

/** Reads one series of a window page by page, in time order. */
class SeriesCursor {
  times: Float64Array = new Float64Array(0);
  values: Float64Array = new Float64Array(0);
  index = 0;
  private exhausted = false;

  constructor(
    private readonly read: (after: number | undefined) => Promise<SeriesPage>,
    /** The positions of the inputs mapped to this series. */
    readonly inputs: readonly number[],
  ) {}

  /** Whether the current page is used up and another may follow. */
  get needsPage(): boolean {
    return this.index >= this.times.length && !this.exhausted;
  }

  async readPage(): Promise<void> {
    const last = this.times.length > 0 ? this.times[this.times.length - 1] : undefined;
    ({ times: this.times, values: this.values } = await this.read(last));
    this.index = 0;
    if (this.times.length < PAGE_SIZE) this.exhausted = true;
  }
}

/** The embedded store as the engine's data source (see docs/devices.md). */
@Injectable()
export class EmbeddedDataSource implements DeviceDataSource {
  constructor(
    private readonly inventory: InventoryRepository,
    private readonly measurements: MeasurementsRepository,
  ) {}

  async resolve(id: number): Promise<ResolvedSource> {
    const object = Number.isSafeInteger(id) ? await this.inventory.findById(id) : null;
    if (!object || (!object.isDevice && !object.isGroup)) throw deviceNotFound(id);
    if (!object.isGroup) return { id, isGroup: false, devices: [{ id, name: object.name }] };
    return { id, isGroup: true, devices: await this.devicesUnder(id) };
  }

  /** Every device below a group, through subgroups, once each, in order of discovery. */
  private async devicesUnder(groupId: number): Promise<DeviceRef[]> {
    const seen = new Set<number>([groupId]);
    const devices: DeviceRef[] = [];
    let frontier = [groupId];
    while (frontier.length > 0) {
      const references = await this.inventory.referencesOf(frontier);
      const children = [...new Set(references.map((reference) => reference.childId))].filter(
        (child) => !seen.has(child),
      );
      children.forEach((child) => seen.add(child));
      const objects = new Map(
        (await this.inventory.findByIds(children)).map((object) => [object.id, object]),
      );
      frontier = [];
      for (const child of children) {
        const object = objects.get(child);
        if (!object) continue;
        if (object.isDevice) devices.push({ id: object.id, name: object.name });
        if (object.isGroup) frontier.push(object.id);
      }
    }
    return devices;
  }

  async *readWindow(query: WindowQuery): AsyncGenerator<RecordChunk> {
    const chunkSize = query.chunkSize ?? DEFAULT_CHUNK_SIZE;
    const range = {
      from: query.from.getTime(),
      to: query.to.getTime(),
      toInclusive: query.toInclusive,
    };
    const inputs = query.mappings.map((mapping) => mapping.input);
    const inputsBySeries = new Map<number, number[]>();
    for (const [position, mapping] of query.mappings.entries()) {
      const seriesId = await this.measurements.findSeriesId(mapping.fragment, mapping.series);
      if (seriesId === undefined) continue;
      inputsBySeries.set(seriesId, [...(inputsBySeries.get(seriesId) ?? []), position]);
    }
    const cursors = [...inputsBySeries].map(
      ([seriesId, positions]) =>
        new SeriesCursor(
          (after) =>
            this.measurements.readSeries(query.deviceId, seriesId, { ...range, after }, PAGE_SIZE),
          positions,
        ),
    );
    let times: number[] = [];
    let columns = inputs.map((): (number | null)[] => []);
    for (;;) {
      // Only page boundaries wait for the database; records are merged synchronously.
      await Promise.all(
        cursors.filter((cursor) => cursor.needsPage).map((cursor) => cursor.readPage()),
      );
      while (!cursors.some((cursor) => cursor.needsPage)) {
        let time = Infinity;
        for (const cursor of cursors) {
          if (cursor.index < cursor.times.length && cursor.times[cursor.index] < time) {
            time = cursor.times[cursor.index];
          }
        }
        if (time === Infinity) {
          if (times.length > 0) yield chunkOf(inputs, times, columns);
          return;
        }
        const row = times.length;
        times.push(time);
        for (const column of columns) column.push(null);
        for (const cursor of cursors) {
          if (cursor.index >= cursor.times.length || cursor.times[cursor.index] !== time) continue;
          const value = cursor.values[cursor.index++];
          for (const position of cursor.inputs) columns[position][row] = value;
        }
        if (times.length === chunkSize) {
          yield chunkOf(inputs, times, columns);
          times = [];
          columns = inputs.map((): (number | null)[] => []);
        }
      }
    }
  }
}

function chunkOf(
  inputs: readonly string[],
  times: number[],
  columns: (number | null)[][],
): RecordChunk {
  return {
    times,
    columns: Object.fromEntries(inputs.map((input, position) => [input, columns[position]])),
  };
}
