import type { Value } from '@scorecast/pmml';
import { type ApplySubject, batchOutput, jsonValue } from './batch-output';

const single: ApplySubject = { kind: 'model', model: { name: 'M', fields: ['y', 'label'] } };
const group: ApplySubject = {
  kind: 'group',
  group: 'G',
  models: [
    { name: 'A', fields: ['y'] },
    { name: 'B', fields: ['y', 'label'] },
  ],
};

function text(pieces: Uint8Array[]): string {
  return Buffer.concat(pieces).toString('utf8');
}

describe('batchOutput', () => {
  const chunk: Record<string, Value[]> = { y: [1.5, null, NaN], label: ['a,b', null, 'Zürich'] };

  it('writes CSV: a header of the result fields, a row per record, failed records empty', () => {
    const output = batchOutput('csv', single);
    output.append([chunk], 3);
    expect(text(output.finish())).toBe('y,label\n1.5,"a,b"\n,\nNaN,Zürich\n');
  });

  it('writes a group as CSV with <model>.<field> columns, models in order', () => {
    const output = batchOutput('csv', group);
    output.append([{ y: [1] }, { y: [2], label: ['x'] }], 1);
    output.append([{ y: [3] }, { y: [null], label: [null] }], 1);
    expect(text(output.finish())).toBe('A.y,B.y,B.label\n1,2,x\n3,,\n');
  });

  it('writes a JSON object with every record of every chunk, non-finite numbers as null', () => {
    const output = batchOutput('json', single);
    output.append([chunk], 3);
    output.append([{ y: [Infinity], label: ['say "hi"'] }], 1);
    expect(JSON.parse(text(output.finish()))).toEqual({
      model: 'M',
      outputs: [
        { y: 1.5, label: 'a,b' },
        { y: null, label: null },
        { y: null, label: 'Zürich' },
        { y: null, label: 'say "hi"' },
      ],
    });
  });

  it('writes a group as JSON: per record an object of results per model', () => {
    const output = batchOutput('json', group);
    output.append([{ y: [1, 2] }, { y: [3, 4], label: ['x', 'y'] }], 2);
    expect(JSON.parse(text(output.finish()))).toEqual({
      group: 'G',
      outputs: [
        { A: { y: 1 }, B: { y: 3, label: 'x' } },
        { A: { y: 2 }, B: { y: 4, label: 'y' } },
      ],
    });
  });

  it('writes JSON lines: one object per record and line', () => {
    const output = batchOutput('json-lines', group);
    output.append([{ y: [1] }, { y: [2], label: ['x'] }], 1);
    output.append([{ y: [-Infinity] }, { y: [3], label: [null] }], 1);
    expect(text(output.finish())).toBe(
      '{"A":{"y":1},"B":{"y":2,"label":"x"}}\n{"A":{"y":null},"B":{"y":3,"label":null}}\n',
    );
  });

  it('answers an empty batch with the CSV header, an empty outputs list, or nothing', () => {
    expect(text(batchOutput('csv', single).finish())).toBe('y,label\n');
    expect(JSON.parse(text(batchOutput('json', single).finish()))).toEqual({
      model: 'M',
      outputs: [],
    });
    expect(text(batchOutput('json-lines', single).finish())).toBe('');
  });

  it('quotes result field names that need it in the CSV header', () => {
    const output = batchOutput('csv', { kind: 'model', model: { name: 'M', fields: ['P (a,b)'] } });
    expect(text(output.finish())).toBe('"P (a,b)"\n');
  });
});

describe('jsonValue', () => {
  it('writes numbers, text, booleans and missing values as JSON', () => {
    expect([0.1, -0, 'a"b', true, null].map(jsonValue)).toEqual([
      '0.1',
      '0',
      '"a\\"b"',
      'true',
      'null',
    ]);
  });

  it('writes numbers that are not finite as null', () => {
    expect([NaN, Infinity, -Infinity].map(jsonValue)).toEqual(['null', 'null', 'null']);
  });
});
