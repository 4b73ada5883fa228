import type { StoredChunk } from './inferences.repository';

/** One model's outputs for a device's records on a page. */
export interface ModelRecords {
  /** Every output field as an array, then `timestamp_<jobId>`. */
  outputRecords: Record<string, unknown[]>;
  modelName: string;
}

/** A device's part of a page: up to 2000 records, scored by each model. */
export interface DeviceInferences {
  recordCollection: ModelRecords[];
  deviceId: number;
  recordSize: number;
}

/**
 * A page's inferenceCollection from its stored chunks (ordered by device, then model): one
 * entry per device in the order the devices were resolved, its models in the job's order.
 */
export function inferenceCollection(chunks: readonly StoredChunk[]): DeviceInferences[] {
  const devices: (DeviceInferences & { deviceIndex: number })[] = [];
  for (const chunk of chunks) {
    let device = devices[devices.length - 1];
    if (device?.deviceIndex !== chunk.deviceIndex) {
      device = {
        recordCollection: [],
        deviceId: chunk.deviceId,
        recordSize: chunk.rowCount,
        deviceIndex: chunk.deviceIndex,
      };
      devices.push(device);
    }
    device.recordCollection.push({
      outputRecords: JSON.parse(chunk.outputs) as Record<string, unknown[]>,
      modelName: chunk.modelName,
    });
  }
  return devices.map(({ recordCollection, deviceId, recordSize }) => ({
    recordCollection,
    deviceId,
    recordSize,
  }));
}
