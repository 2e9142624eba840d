/** Reading dated serology markers: which are current on the screening day, and what to say when none is. */
import { dayNumber } from '../../calendar.js';
import { asRecord, asString, earliest, notCurrent, type Evaluation } from '../evaluation.js';

export interface Marker {
  readonly entry: Readonly<Record<string, unknown>>;
  readonly date: string;
  readonly staleFrom: number;
}

/**
 * One rule's reading of a panel on one screening day, marker by marker. An evaluator keeps one and restarts it
 * per call (evaluation is synchronous and never re-entered), so reading a panel allocates only the current
 * markers it returns.
 */
export class PanelReading {
  /** The first day a current marker goes stale or a future one becomes usable. */
  changesOn: number | null = null;
  /** The newest result that was not current (stale or future), to explain an unknown. */
  outdatedDate: string | undefined = undefined;
  outdatedDay = 0;
  outdatedFuture = false;
  private asOf = 0;

  constructor(private readonly window: number) {}

  start(asOf: number): this {
    this.asOf = asOf;
    this.changesOn = null;
    this.outdatedDate = undefined;
    this.outdatedDay = 0;
    this.outdatedFuture = false;
    return this;
  }

  /** A marker (as read from the profile) when it is current; a stale or future-dated one is noted and reads as absent. */
  current(value: unknown): Marker | undefined {
    const entry = asRecord(value);
    const date = entry ? asString(entry['date']) : undefined;
    if (!entry || date === undefined) return undefined;
    const day = dayNumber(date);
    if (day > this.asOf) {
      this.changesOn = earliest(this.changesOn, day);
      this.noteOutdated(date, day, true);
      return undefined;
    }
    const staleFrom = day + this.window + 1;
    if (this.asOf < staleFrom) {
      this.changesOn = earliest(this.changesOn, staleFrom);
      return { entry, date, staleFrom };
    }
    this.noteOutdated(date, day, false);
    return undefined;
  }

  private noteOutdated(date: string, day: number, future: boolean): void {
    if (this.outdatedDate !== undefined && day <= this.outdatedDay) return;
    this.outdatedDate = date;
    this.outdatedDay = day;
    this.outdatedFuture = future;
  }

  /**
   * Nothing current in the panel: stale or future-dated, as the newest outdated result says, or `none` (not
   * reported) when nothing was sent.
   */
  noneCurrent(none: Evaluation, subject: string, field: string, criterionId: string, need: string): Evaluation {
    if (this.outdatedDate === undefined) return none;
    const currency = this.outdatedFuture ? ({ state: 'future', currentFrom: this.outdatedDay } as const) : STALE;
    return notCurrent(currency, subject, this.outdatedDate, this.window, this.asOf, field, criterionId, need, this.changesOn);
  }
}

const STALE = { state: 'stale' } as const;
