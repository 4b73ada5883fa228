import { daysFromCivil, MILLIS_PER_DAY } from './civil-calendar';
import { UnknownTimeZoneError } from './cron-errors';

// A "wall time" is a local date and time written as milliseconds since 1970-01-01T00:00 of the
// local calendar (the UTC epoch of the same fields), so that wall time = instant + offset.

const WALL_CLOCK_PATTERN = /^(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)$/;

// How many steady periods a zone remembers; a search rarely touches more than a few.
const STEADY_PERIODS_KEPT = 32;

/** Instants `from`..`to` (inclusive) all have `offset`. */
interface SteadyPeriod {
  from: number;
  to: number;
  offset: number;
}

/**
 * The offsets of one IANA time zone, read from the runtime's ICU data through Intl: the offset
 * of an instant, and the instants of a wall time across DST gaps and overlaps.
 */
export class ZoneRules {
  private static readonly known = new Map<string, ZoneRules>();

  // Intl is the slow part (about 1 µs a call), and a search asks for the same days many times.
  private readonly steadyPeriods: SteadyPeriod[] = [];

  private constructor(
    /** The id as given, legacy aliases such as `Asia/Calcutta` included. */
    readonly id: string,
    private readonly format: Intl.DateTimeFormat,
  ) {}

  /** The rules of `timeZone`; throws UnknownTimeZoneError when the runtime does not know it. */
  static of(timeZone: string): ZoneRules {
    let rules = ZoneRules.known.get(timeZone);
    if (!rules) {
      let format: Intl.DateTimeFormat;
      try {
        format = new Intl.DateTimeFormat('en-US', {
          timeZone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        });
      } catch {
        throw new UnknownTimeZoneError(timeZone);
      }
      rules = new ZoneRules(timeZone, format);
      ZoneRules.known.set(timeZone, rules);
    }
    return rules;
  }

  /** Whether `timeZone` is an id the runtime knows (IANA ids and their legacy aliases). */
  static isKnown(timeZone: string): boolean {
    try {
      ZoneRules.of(timeZone);
      return true;
    } catch {
      return false;
    }
  }

  /** Milliseconds to add to `instant` to get the local wall time. */
  offsetAt(instant: number): number {
    for (const period of this.steadyPeriods) {
      if (instant >= period.from && instant <= period.to) return period.offset;
    }
    // Intl has whole seconds; every offset in use since 1972 is whole minutes.
    const second = Math.floor(instant / 1000) * 1000;
    return this.wallTimeOfWholeSecond(second) - second;
  }

  wallTimeAt(instant: number): number {
    return instant + this.offsetAt(instant);
  }

  /**
   * The instants that show `wallTime` on the local clock, ascending: none in a gap (spring
   * forward), two in an overlap (fall back), otherwise one.
   */
  instantsOf(wallTime: number): number[] {
    // Transitions are months apart, so the offsets a day either side are the only candidates.
    const before = this.offsetAt(wallTime - MILLIS_PER_DAY);
    const after = this.offsetAt(wallTime + MILLIS_PER_DAY);
    if (before === after) {
      this.rememberSteadyPeriod(wallTime - MILLIS_PER_DAY, wallTime + MILLIS_PER_DAY, before);
    }
    const instants: number[] = [];
    for (const offset of before === after ? [before] : [before, after]) {
      const instant = wallTime - offset;
      if (this.offsetAt(instant) === offset) instants.push(instant);
    }
    return instants.sort((a, b) => a - b);
  }

  /**
   * The instant java.util.GregorianCalendar gives a wall time (ZoneInfo.getOffsetsByWall): in an
   * overlap the later instant (the offset after the transition), in a gap the wall time read
   * with the offset before the transition, i.e. moved forward by the length of the gap.
   */
  instantOfWallTime(wallTime: number): number {
    const instants = this.instantsOf(wallTime);
    if (instants.length > 0) return instants[instants.length - 1];
    return wallTime - this.offsetAt(wallTime - MILLIS_PER_DAY);
  }

  // Sound under the assumption instantsOf makes: no two transitions within two days.
  private rememberSteadyPeriod(from: number, to: number, offset: number): void {
    const periods = this.steadyPeriods;
    let merged: SteadyPeriod = { from, to, offset };
    for (let i = periods.length - 1; i >= 0; i--) {
      const period = periods[i];
      if (period.offset === offset && period.from <= merged.to && period.to >= merged.from) {
        merged = {
          from: Math.min(period.from, merged.from),
          to: Math.max(period.to, merged.to),
          offset,
        };
        periods.splice(i, 1);
      }
    }
    periods.unshift(merged);
    if (periods.length > STEADY_PERIODS_KEPT) periods.pop();
  }

  private wallTimeOfWholeSecond(instant: number): number {
    const text = this.format.format(instant);
    const match = WALL_CLOCK_PATTERN.exec(text);
    if (match) {
      const [, month, day, year, hour, minute, second] = match.map(Number);
      return (
        daysFromCivil(year, month, day) * MILLIS_PER_DAY +
        ((hour * 60 + minute) * 60 + second) * 1000
      );
    }
    // Another ICU may lay the text out differently; the parts are slower but certain.
    const parts = new Map(this.format.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
    const part = (type: Intl.DateTimeFormatPartTypes): number => parts.get(type) ?? NaN;
    return (
      daysFromCivil(part('year'), part('month'), part('day')) * MILLIS_PER_DAY +
      ((part('hour') * 60 + part('minute')) * 60 + part('second')) * 1000
    );
  }
}
