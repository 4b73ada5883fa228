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
import { MeasurementsRepository, type TimedValue } from './measurements.repository';

const DEFAULT_CHUNK_SIZE = 10_000;
const PAGE_SIZE = 10_000;

/** Reads one series of a window page by page, in time order. */
class SeriesCursor {
  private page: TimedValue[] = [];
  private index = 0;
  private exhausted = false;

  constructor(
    private readonly read: (after: number | undefined) => Promise<TimedValue[]>,
    /** The inputs mapped to this series. */
    readonly inputs: readonly string[],
  ) {}

  /** Whether the current page is used up and another may follow. */
  get needsPage(): boolean {
    return this.index >= this.page.length && !this.exhausted;
  }

  async readPage(): Promise<void> {
    const last = this.page.length > 0 ? this.page[this.page.length - 1].time : undefined;
    this.page = await this.read(last);
    this.index = 0;
    if (this.page.length < PAGE_SIZE) this.exhausted = true;
  }

  /** The next value of the current page, without taking it; undefined at the end. */
  head(): TimedValue | undefined {
    return this.page[this.index];
  }

  advance(): void {
    this.index++;
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
    const inputsBySeries = new Map<number, string[]>();
    for (const mapping of query.mappings) {
      const seriesId = await this.measurements.findSeriesId(mapping.fragment, mapping.series);
      if (seriesId === undefined) continue;
      inputsBySeries.set(seriesId, [...(inputsBySeries.get(seriesId) ?? []), mapping.input]);
    }
    const cursors = [...inputsBySeries].map(
      ([seriesId, inputs]) =>
        new SeriesCursor(
          (after) =>
            this.measurements.readSeries(query.deviceId, seriesId, { ...range, after }, PAGE_SIZE),
          inputs,
        ),
    );
    const inputs = query.mappings.map((mapping) => mapping.input);
    let chunk = emptyChunk(inputs);
    for (;;) {
      // Only page boundaries wait for the database; records are merged synchronously.
      await Promise.all(
        cursors.filter((cursor) => cursor.needsPage).map((cursor) => cursor.readPage()),
      );
      while (!cursors.some((cursor) => cursor.needsPage)) {
        let time = Infinity;
        for (const cursor of cursors) {
          const head = cursor.head();
          if (head && head.time < time) time = head.time;
        }
        if (time === Infinity) {
          if (chunk.times.length > 0) yield chunk;
          return;
        }
        chunk.times.push(time);
        for (const input of inputs) chunk.columns[input].push(null);
        const row = chunk.times.length - 1;
        for (const cursor of cursors) {
          const head = cursor.head();
          if (head?.time !== time) continue;
          for (const input of cursor.inputs) chunk.columns[input][row] = head.value;
          cursor.advance();
        }
        if (chunk.times.length === chunkSize) {
          yield chunk;
          chunk = emptyChunk(inputs);
        }
      }
    }
  }
}

function emptyChunk(inputs: readonly string[]): RecordChunk {
  return { times: [], columns: Object.fromEntries(inputs.map((input) => [input, []])) };
}
