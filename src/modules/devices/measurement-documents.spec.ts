import { postedMeasurements } from './measurement-documents';

const ONE = {
  source: { id: '42' },
  time: '2026-11-23T10:15:30.123+01:00',
  type: 'c8y_Acceleration',
  c8y_Acceleration: {
    accelerationX: { value: 0.12, unit: 'g' },
    accelerationY: { value: -1 },
  },
  c8y_Note: { text: 'not a series' },
};

describe('postedMeasurements', () => {
  it('reads one measurement: source, instant in UTC milliseconds, type and every series value', () => {
    expect(postedMeasurements(ONE)).toEqual([
      {
        source: 42,
        time: Date.UTC(2026, 10, 23, 9, 15, 30, 123),
        type: 'c8y_Acceleration',
        values: [
          { fragment: 'c8y_Acceleration', series: 'accelerationX', value: 0.12, unit: 'g' },
          { fragment: 'c8y_Acceleration', series: 'accelerationY', value: -1, unit: '' },
        ],
      },
    ]);
  });

  it('reads a collection', () => {
    expect(postedMeasurements({ measurements: [ONE, ONE] })).toHaveLength(2);
  });

  it('names the measurement and the problem', () => {
    const bad = [
      [{ ...ONE, source: undefined }, 'Measurement 1: source.id is required.'],
      [{ ...ONE, time: '2026-11-23T10:15:30' }, 'Measurement 1: time must be'],
      [{ ...ONE, c8y_Acceleration: { accelerationX: { value: 'x' } } }, 'value must be a finite'],
      [{ source: { id: 1 }, time: ONE.time }, 'has no series with a value'],
    ] as const;
    for (const [document, message] of bad) {
      expect(() => postedMeasurements(document)).toThrow(message);
    }
    expect(() =>
      postedMeasurements({ measurements: [ONE, { ...ONE, source: undefined }] }),
    ).toThrow('Measurement 2: source.id is required.');
  });
});
