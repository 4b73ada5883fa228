import { invalidPmml } from '../../errors';
import type { XmlElement } from '../../xml/xml-element';
import type { CompiledCharacteristic } from './characteristics';

const ALGORITHMS = ['pointsAbove', 'pointsBelow'] as const;

/** Collects the points of each reason code for one record and ranks the codes. */
export interface ReasonCodeRanker {
  /** Forgets the points of the previous record (also when it failed half-way). */
  start(): void;
  add(characteristic: number, attribute: number, partialScore: number): void;
  /** The codes with non-negative points, most points first. */
  ranking(): string[];
}

function baselineOf(
  characteristic: CompiledCharacteristic,
  scorecardBaseline: number | undefined,
): number {
  const baseline = characteristic.baselineScore ?? scorecardBaseline;
  if (baseline === undefined) {
    throw invalidPmml(
      `${characteristic.element.where}: reason codes need a baselineScore on the Characteristic or the Scorecard.`,
    );
  }
  return baseline;
}

/**
 * Reason codes as JPMML ranks them: each Characteristic adds to the reason code of its matching
 * Attribute (else of the Characteristic) the difference between its partial score and its
 * baseline (`pointsAbove`: score − baseline; `pointsBelow`: baseline − score). Codes whose sum
 * is negative are dropped; the others are ranked by points, ties in order of first appearance.
 */
export function compileReasonCodes(
  scorecard: XmlElement,
  characteristics: readonly CompiledCharacteristic[],
): ReasonCodeRanker {
  const above =
    scorecard.enumAttr('reasonCodeAlgorithm', ALGORITHMS, 'pointsBelow') === 'pointsAbove';
  const scorecardBaseline = scorecard.numberAttr('baselineScore');
  const baselines = Float64Array.from(characteristics, (characteristic) =>
    baselineOf(characteristic, scorecardBaseline),
  );
  const codes: string[] = [];
  const codeIndex = new Map<string, number>();
  const codeOfAttribute = characteristics.map((characteristic) =>
    Int32Array.from(characteristic.attributes, (attribute) => {
      const code = attribute.attr('reasonCode') ?? characteristic.element.attr('reasonCode');
      if (code === undefined) {
        throw invalidPmml(
          `${attribute.where}: reason codes need a reasonCode on the Attribute or its Characteristic.`,
        );
      }
      let index = codeIndex.get(code);
      if (index === undefined) {
        index = codes.length;
        codeIndex.set(code, index);
        codes.push(code);
      }
      return index;
    }),
  );

  const points = new Float64Array(codes.length);
  const positionOfCode = new Int32Array(codes.length).fill(-1);
  const order = new Int32Array(codes.length);
  let seen = 0;

  return {
    start() {
      for (let position = 0; position < seen; position++) positionOfCode[order[position]] = -1;
      seen = 0;
    },
    add(characteristic, attribute, partialScore) {
      const code = codeOfAttribute[characteristic][attribute];
      const baseline = baselines[characteristic];
      const difference = above ? partialScore - baseline : baseline - partialScore;
      if (positionOfCode[code] < 0) {
        positionOfCode[code] = seen;
        order[seen++] = code;
        points[code] = difference;
      } else {
        points[code] += difference;
      }
    },
    ranking() {
      const ranked: number[] = [];
      for (let position = 0; position < seen; position++) {
        const code = order[position];
        if (points[code] < 0) continue;
        // Insertion keeps earlier codes first among equal points.
        let slot = ranked.length;
        while (slot > 0 && points[ranked[slot - 1]] < points[code]) slot--;
        ranked.splice(slot, 0, code);
      }
      return ranked.map((code) => codes[code]);
    },
  };
}
