import { ValidationError } from '../../core/errors/domain-errors';
import {
  csvCells,
  csvLineParser,
  importFormat,
  jsonLineParser,
  type LineParser,
} from './measurement-lines';

const T0 = '2026-11-23T10:15:30.123Z';
const MS0 = Date.parse(T0);

function parseAll(parse: LineParser, lines: string[]) {
  return lines.flatMap((line) => parse(line));
}

describe('importFormat', () => {
  it.each([
    ['data/a.csv', 'csv'],
    ['A.CSV', 'csv'],
    ['a.jsonl', 'jsonl'],
    ['a.ndjson', 'jsonl'],
  ])('reads the format of %s from its extension', (path, format) => {
    expect(importFormat(path)).toBe(format);
  });

  it('prefers the format given to the extension', () => {
    expect(importFormat('export.txt', 'jsonl')).toBe('jsonl');
    expect(importFormat('a.csv', 'jsonl')).toBe('jsonl');
  });

  it('refuses an unknown extension and an unknown format, naming the choices', () => {
    expect(() => importFormat('a.json')).toThrow(/--format csv or --format jsonl/);
    expect(() => importFormat('dir.d/file')).toThrow(/cannot tell the format/);
    expect(() => importFormat('a.csv', 'xml')).toThrow("--format must be csv or jsonl, not 'xml'.");
  });
});

describe('jsonLineParser', () => {
  it('reads one Cumulocity measurement document per line', () => {
    const parse = jsonLineParser();

    expect(
      parse(
        JSON.stringify({
          source: { id: '42' },
          time: T0,
          type: 'c8y_Acceleration',
          c8y_Acceleration: {
            accelerationX: { value: 0.5, unit: 'g' },
            accelerationY: { value: -1 },
          },
        }),
      ),
    ).toEqual([
      {
        source: 42,
        time: MS0,
        type: 'c8y_Acceleration',
        values: [
          { fragment: 'c8y_Acceleration', series: 'accelerationX', value: 0.5, unit: 'g' },
          { fragment: 'c8y_Acceleration', series: 'accelerationY', value: -1, unit: '' },
        ],
      },
    ]);
  });

  it('reads a collection on one line, and nothing from a blank line', () => {
    const parse = jsonLineParser();
    const one = (second: number) => ({
      source: { id: 7 },
      time: `2026-11-23T10:00:0${second}Z`,
      c8y_T: { T: { value: second } },
    });

    expect(parse('   ')).toEqual([]);
    expect(parse(JSON.stringify({ measurements: [one(1), one(2)] })).map((m) => m.time)).toEqual([
      Date.parse('2026-11-23T10:00:01Z'),
      Date.parse('2026-11-23T10:00:02Z'),
    ]);
  });

  it('says what is wrong with a bad document without numbering a lone measurement', () => {
    const parse = jsonLineParser();

    expect(() =>
      parse('{"source":{"id":"1"},"time":"yesterday","c8y_T":{"T":{"value":1}}}'),
    ).toThrow(
      new ValidationError(
        'time must be an ISO-8601 date-time with a zone, such as 2026-11-23T10:15:30.123Z.',
      ),
    );
    expect(() =>
      parse(
        JSON.stringify({
          measurements: [
            { source: { id: '1' }, time: T0, c8y_T: { T: { value: 1 } } },
            { source: { id: '1' }, time: T0, c8y_T: { T: { value: 'hot' } } },
          ],
        }),
      ),
    ).toThrow('Measurement 2: c8y_T.T.value must be a finite number.');
    expect(() => parse('{"source":')).toThrow(/^not a JSON document \(/);
  });
});

describe('csvCells', () => {
  it('splits on commas, keeping cells verbatim', () => {
    expect(csvCells('1, a ,,b')).toEqual(['1', ' a ', '', 'b']);
  });

  it('reads quoted cells with commas and doubled quotes', () => {
    expect(csvCells('"a,b",c,"say ""hi""",""')).toEqual(['a,b', 'c', 'say "hi"', '']);
    expect(csvCells('x,"last"')).toEqual(['x', 'last']);
  });

  it('refuses a quoted cell that is not closed or runs into text', () => {
    expect(() => csvCells('a,"open')).toThrow('a quoted cell is not closed on its line.');
    expect(() => csvCells('"a"b,c')).toThrow('a quoted cell must end at a comma.');
  });
});

describe('csvLineParser', () => {
  const HEADER = 'source,time,type,fragment,series,value,unit';

  it('reads one value per row after the header', () => {
    const parse = csvLineParser();

    const measurements = parseAll(parse, [
      HEADER,
      `42,${T0},c8y_Temperature,c8y_Temperature,T,21.5,C`,
      '',
      `42,${T0},,"c8y,Odd",x,-1e3,`,
    ]);

    expect(measurements).toEqual([
      {
        source: 42,
        time: MS0,
        type: 'c8y_Temperature',
        values: [{ fragment: 'c8y_Temperature', series: 'T', value: 21.5, unit: 'C' }],
      },
      {
        source: 42,
        time: MS0,
        type: '',
        values: [{ fragment: 'c8y,Odd', series: 'x', value: -1000, unit: '' }],
      },
    ]);
  });

  it('takes the columns in any order, type and unit being optional', () => {
    const parse = csvLineParser();

    const [measurement] = parseAll(parse, [
      ' value , series,fragment,time,source',
      `3,s,f,${T0},9`,
    ]);

    expect(measurement).toEqual({
      source: 9,
      time: MS0,
      type: '',
      values: [{ fragment: 'f', series: 's', value: 3, unit: '' }],
    });
  });

  it.each([
    [
      'source,time,fragment,series,value,units',
      'the header has unknown columns (units); the columns are source, time, fragment, series, value, type, unit.',
    ],
    [
      'source,time,fragment,value',
      'the header lacks series; it needs source, time, fragment, series, value (type and unit may follow).',
    ],
    ['source,time,fragment,series,value,time', 'the header names time twice.'],
  ])('refuses the header %p', (header, message) => {
    expect(() => csvLineParser()(header)).toThrow(new ValidationError(message));
  });

  it.each([
    [`1,${T0},t,f,s,1`, 'has 6 cells; the header has 7.'],
    [`1,${T0},t,time,s,1,`, 'fragment must be a name other than id, self, source, time, type.'],
    [`1,${T0},t,,s,1,`, 'fragment must be a name other than id, self, source, time, type.'],
    [`1,${T0},t,f,,1,`, 'series must not be empty.'],
    [`x1,${T0},t,f,s,1,`, "source must be the id of a managed object, not 'x1'."],
    [`1,${T0},t,f,s,,`, 'f.s.value must be a finite number.'],
    [`1,${T0},t,f,s,0x10,`, 'f.s.value must be a finite number.'],
    [`1,${T0},t,f,s,Infinity,`, 'f.s.value must be a finite number.'],
    [
      '1,2026-11-23 10:15,t,f,s,1,',
      'time must be an ISO-8601 date-time with a zone, such as 2026-11-23T10:15:30.123Z.',
    ],
  ])('refuses the row %p', (row, message) => {
    const parse = csvLineParser();
    parse(HEADER);

    expect(() => parse(row)).toThrow(new ValidationError(message));
  });
});
