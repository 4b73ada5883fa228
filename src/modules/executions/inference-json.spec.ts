import { chunkPieces, outputRecordsJson, timestampField, timestampsJson } from './inference-json';

describe('outputRecordsJson', () => {
  const times = timestampsJson([
    Date.parse('2020-02-27T10:05:23.664Z'),
    Date.parse('2020-02-27T10:05:24Z'),
  ]);

  it('writes every output field as an array, then the timestamps of the job', () => {
    const json = outputRecordsJson(
      { normalizedAnomalyScore: [0.3, 0.59], outlier: [false, true] },
      timestampField(15896925),
      times,
    );
    expect(JSON.parse(json)).toEqual({
      normalizedAnomalyScore: [0.3, 0.59],
      outlier: [false, true],
      timestamp_15896925: ['2020-02-27T10:05:23.664Z', '2020-02-27T10:05:24Z'],
    });
    expect(Object.keys(JSON.parse(json) as object)).toEqual([
      'normalizedAnomalyScore',
      'outlier',
      'timestamp_15896925',
    ]);
  });

  it('writes failed records and numbers that are not finite as null', () => {
    const json = outputRecordsJson({ score: [null, Number.NaN] }, 'timestamp_1', times);
    expect(JSON.parse(json)).toEqual({ score: [null, null], timestamp_1: expect.any(Array) });
  });

  it('writes numbers as JSON.stringify does', () => {
    const values = Array.from({ length: 3000 }, (_, index) => Math.sin(index) * 10 ** (index % 40));
    expect(outputRecordsJson({ score: values, label: ['a'] }, 'timestamp_1', '[]')).toBe(
      `{"score":${JSON.stringify(values)},"label":["a"],"timestamp_1":[]}`,
    );
  });

  it('holds only the timestamps for a model without outputs', () => {
    expect(outputRecordsJson({}, 'timestamp_1', '[]')).toBe('{"timestamp_1":[]}');
  });
});

describe('chunkPieces', () => {
  it('cuts a chunk larger than the block size into blocks, columns alongside', () => {
    const chunk = { times: [1, 2, 3, 4, 5], columns: { x: [10, 20, null, 40, 50] } };
    expect(chunkPieces(chunk, 2)).toEqual([
      { times: [1, 2], columns: { x: [10, 20] } },
      { times: [3, 4], columns: { x: [null, 40] } },
      { times: [5], columns: { x: [50] } },
    ]);
  });

  it('keeps a chunk that fits as it is', () => {
    const chunk = { times: [1], columns: { x: [1] } };
    expect(chunkPieces(chunk, 2)[0]).toBe(chunk);
  });
});
