import { Injectable } from '@nestjs/common';
import { ServiceUnavailableError } from '../../../core/errors/domain-errors';
import {
  type DeviceDataSource,
  type DeviceRef,
  deviceNotFound,
  type RecordChunk,
  type ResolvedSource,
  type WindowQuery,
} from '../device-data-source';
import { CumulocityClient } from './cumulocity-client';
import { MeasurementSeriesCursor, type MeasurementWindow } from './measurement-series-cursor';

const DEFAULT_CHUNK_SIZE = 10_000;
const GROUP_TYPES = new Set<unknown>(['c8y_DeviceGroup', 'c8y_DeviceSubgroup']);
const REFERENCE_KINDS = ['childAssets', 'childDevices'] as const;

interface InventoryObject {
  readonly id: number;
  readonly name: string;
  readonly isDevice: boolean;
  readonly isGroup: boolean;
}

/** A Cumulocity tenant's inventory and measurements as the engine's data source (docs/devices.md). */
@Injectable()
export class CumulocityDataSource implements DeviceDataSource {
  constructor(private readonly client: CumulocityClient) {}

  async resolve(id: number): Promise<ResolvedSource> {
    const object = Number.isSafeInteger(id) ? await this.findObject(id) : undefined;
    if (!object || (!object.isDevice && !object.isGroup)) throw deviceNotFound(id);
    if (!object.isGroup) return { id, isGroup: false, devices: [{ id, name: object.name }] };
    return { id, isGroup: true, devices: await this.devicesUnder(id) };
  }

  async *readWindow(query: WindowQuery): AsyncGenerator<RecordChunk> {
    const chunkSize = query.chunkSize ?? DEFAULT_CHUNK_SIZE;
    const inputs = query.mappings.map((mapping) => mapping.input);
    // Cancels the requests still in flight when the reader stops early or a series fails.
    const stop = new AbortController();
    const cursors = this.seriesCursors(query, stop.signal);
    try {
      let chunk = emptyChunk(inputs);
      for (;;) {
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
    } finally {
      stop.abort();
    }
  }

  /** One cursor per distinct series; they start reading at once, within the client's limit. */
  private seriesCursors(query: WindowQuery, signal: AbortSignal): MeasurementSeriesCursor[] {
    const window: MeasurementWindow = {
      from: query.from.getTime(),
      to: query.to.getTime(),
      toInclusive: query.toInclusive,
    };
    // Cumulocity's dateTo is exclusive; 1 ms more takes in a measurement exactly at `to`.
    const dateTo = new Date(window.to + (window.toInclusive ? 1 : 0));
    const inputsBySeries = new Map<
      string,
      { fragment: string; series: string; inputs: string[] }
    >();
    for (const { fragment, series, input } of query.mappings) {
      const key = `${fragment}\u0000${series}`;
      const entry = inputsBySeries.get(key) ?? { fragment, series, inputs: [] };
      entry.inputs.push(input);
      inputsBySeries.set(key, entry);
    }
    return [...inputsBySeries.values()].map(({ fragment, series, inputs }) => {
      const parameters = new URLSearchParams({
        source: String(query.deviceId),
        dateFrom: query.from.toISOString(),
        dateTo: dateTo.toISOString(),
        valueFragmentType: fragment,
        valueFragmentSeries: series,
        pageSize: String(this.client.pageSize),
      });
      return new MeasurementSeriesCursor(
        (pathOrLink) => this.client.getJson(pathOrLink, signal),
        `/measurement/measurements?${parameters.toString()}`,
        fragment,
        series,
        inputs,
        window,
      );
    });
  }

  private async findObject(id: number): Promise<InventoryObject | undefined> {
    return inventoryObjectOf(await this.client.findJson(`/inventory/managedObjects/${id}`));
  }

  /** Every device below a group, through subgroups, once each, in order of discovery. */
  private async devicesUnder(groupId: number): Promise<DeviceRef[]> {
    const seen = new Set<number>([groupId]);
    const devices: DeviceRef[] = [];
    let frontier = [groupId];
    while (frontier.length > 0) {
      const referenced = (
        await Promise.all(frontier.map((group) => this.childrenOf(group)))
      ).flat();
      const children = referenced.filter((child) => !seen.has(child.id) && seen.add(child.id));
      // A reference that does not say what its object is gets the object itself read.
      const objects = await Promise.all(
        children.map((child) =>
          child.isDevice || child.isGroup ? Promise.resolve(child) : this.findObject(child.id),
        ),
      );
      frontier = [];
      for (const object of objects) {
        if (!object) continue;
        if (object.isDevice) devices.push({ id: object.id, name: object.name });
        if (object.isGroup) frontier.push(object.id);
      }
    }
    return devices;
  }

  /**
   * The objects a group references as child assets and child devices. They are read from the
   * paged reference collections rather than from the lists embedded in the group, which a
   * tenant may cut short for large groups.
   */
  private async childrenOf(groupId: number): Promise<InventoryObject[]> {
    const lists = await Promise.all(
      REFERENCE_KINDS.map((kind) =>
        this.referencedObjects(
          `/inventory/managedObjects/${groupId}/${kind}?pageSize=${this.client.pageSize}`,
        ),
      ),
    );
    return lists.flat();
  }

  private async referencedObjects(firstPage: string): Promise<InventoryObject[]> {
    const objects: InventoryObject[] = [];
    let pathOrLink: string | undefined = firstPage;
    while (pathOrLink !== undefined) {
      // A group removed while it is being read has no children left to give.
      const page = (await this.client.findJson(pathOrLink)) as {
        references?: unknown;
        next?: unknown;
      } | null;
      if (page === undefined) break;
      if (page === null || !Array.isArray(page.references)) {
        throw new ServiceUnavailableError(
          `Cumulocity answered GET ${this.client.urlOf(pathOrLink).pathname} without a list of references.`,
        );
      }
      for (const reference of page.references as unknown[]) {
        const object = inventoryObjectOf(
          (reference as { managedObject?: unknown } | null)?.managedObject,
        );
        if (object) objects.push(object);
      }
      pathOrLink =
        page.references.length > 0 && typeof page.next === 'string' ? page.next : undefined;
    }
    return objects;
  }
}

function inventoryObjectOf(body: unknown): InventoryObject | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const object = body as Record<string, unknown>;
  // Cumulocity writes ids as strings of digits.
  const id =
    typeof object.id === 'string' || typeof object.id === 'number' ? Number(object.id) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  return {
    id,
    name: typeof object.name === 'string' ? object.name : '',
    isDevice: 'c8y_IsDevice' in object,
    isGroup: 'c8y_IsDeviceGroup' in object || GROUP_TYPES.has(object.type),
  };
}

function emptyChunk(inputs: readonly string[]): RecordChunk {
  return { times: [], columns: Object.fromEntries(inputs.map((input) => [input, []])) };
}
