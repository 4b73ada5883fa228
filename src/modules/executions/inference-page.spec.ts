import { inferenceCollection } from './inference-page';
import type { StoredChunk } from './inferences.repository';

const chunk = (
  deviceIndex: number,
  deviceId: number,
  modelName: string,
  rows: number,
): StoredChunk => ({
  deviceIndex,
  deviceId,
  modelName,
  rowCount: rows,
  outputs: JSON.stringify({ score: Array.from({ length: rows }, () => 1), timestamp_9: [] }),
});

describe('inferenceCollection', () => {
  it('groups the chunks of a page by device, models in order, in the document’s field order', () => {
    const page = inferenceCollection([
      chunk(0, 103030, 'IsolationForest', 2),
      chunk(0, 103030, 'IsolationForestV2', 2),
      chunk(1, 107742, 'IsolationForest', 1),
      chunk(1, 107742, 'IsolationForestV2', 1),
    ]);
    expect(page).toEqual([
      {
        recordCollection: [
          { outputRecords: { score: [1, 1], timestamp_9: [] }, modelName: 'IsolationForest' },
          { outputRecords: { score: [1, 1], timestamp_9: [] }, modelName: 'IsolationForestV2' },
        ],
        deviceId: 103030,
        recordSize: 2,
      },
      {
        recordCollection: [
          { outputRecords: { score: [1], timestamp_9: [] }, modelName: 'IsolationForest' },
          { outputRecords: { score: [1], timestamp_9: [] }, modelName: 'IsolationForestV2' },
        ],
        deviceId: 107742,
        recordSize: 1,
      },
    ]);
    expect(Object.keys(page[0])).toEqual(['recordCollection', 'deviceId', 'recordSize']);
    expect(Object.keys(page[0].recordCollection[0])).toEqual(['outputRecords', 'modelName']);
  });

  it('keeps two entries for one device id listed twice under different positions', () => {
    const page = inferenceCollection([chunk(0, 5, 'M', 1), chunk(1, 5, 'M', 1)]);
    expect(page.map((device) => device.deviceId)).toEqual([5, 5]);
  });

  it('is empty for a page without chunks', () => {
    expect(inferenceCollection([])).toEqual([]);
  });
});
