import { invalidPmml } from '../errors';
import type { XmlElement } from '../xml/xml-element';

const CLOSURES = ['openClosed', 'openOpen', 'closedOpen', 'closedClosed'] as const;

/** A numeric interval; an absent margin is unbounded. */
export interface Interval {
  readonly left: number;
  readonly right: number;
  readonly leftClosed: boolean;
  readonly rightClosed: boolean;
}

export function readInterval(element: XmlElement): Interval {
  const closure = element.enumAttr('closure', CLOSURES);
  if (!closure) throw invalidPmml(`${element.where}: the required attribute "closure" is missing.`);
  const left = element.numberAttr('leftMargin', -Infinity);
  const right = element.numberAttr('rightMargin', Infinity);
  if (left > right) {
    throw invalidPmml(`${element.where}: leftMargin ${left} is greater than rightMargin ${right}.`);
  }
  return {
    left,
    right,
    leftClosed: closure.startsWith('closed'),
    rightClosed: closure.endsWith('Closed'),
  };
}

export function intervalContains(interval: Interval, value: number): boolean {
  const aboveLeft = interval.leftClosed ? value >= interval.left : value > interval.left;
  const belowRight = interval.rightClosed ? value <= interval.right : value < interval.right;
  return aboveLeft && belowRight;
}
