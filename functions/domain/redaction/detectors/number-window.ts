/**
 * A window of consecutive digit groups inside one run of the shared digit scan (see
 * digit-runs.ts), e.g. `06`, `12`, `34`, `56`, `78` and the gaps between them. The digit
 * detectors (phone, card, ssn, nir, personnummer, IPv4) are validators of windows, so the text is
 * scanned once for all of them. A window reads its run's arrays in place (no copies).
 */
export interface DigitRun {
  readonly text: string;
  /** Offsets [start, end) in text of each digit group; the run is groups first, first + 1, …. */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  readonly first: number;
  /** gaps[k] is the text between group first + k and the next one. */
  readonly gaps: readonly string[];
  /** The one character before the run ('' at the start of the text). */
  readonly lead: string;
}

export class NumberWindow {
  /** Number of digit groups. */
  readonly groups: number;
  /** Index of the window's first group among the run's groups (and gaps). */
  private readonly inRun: number;
  private joined: string | undefined;

  /** Groups `first` to `last` of the run's starts/ends, holding `digitCount` digits. */
  constructor(
    private readonly run: DigitRun,
    private readonly first: number,
    last: number,
    /** How many digits the window has: most checks need no more than that of `digits`. */
    readonly digitCount: number,
  ) {
    this.groups = last - first + 1;
    this.inRun = first - run.first;
  }

  get text(): string {
    return this.run.text;
  }
  /** All digits of the window, without separators. */
  get digits(): string {
    if (this.joined === undefined) {
      let joined = '';
      for (let k = 0; k < this.groups; k++) joined += this.run.text.slice(this.start(k), this.end(k));
      this.joined = joined;
    }
    return this.joined;
  }
  start(k: number): number {
    return this.run.starts[this.first + k];
  }
  end(k: number): number {
    return this.run.ends[this.first + k];
  }
  length(k: number): number {
    return this.run.ends[this.first + k] - this.run.starts[this.first + k];
  }
  /** Separator between group k and group k+1 of the window. */
  gap(k: number): string {
    return this.run.gaps[this.inRun + k];
  }
  /** Separator before the group that precedes the window in its run, if there is one. */
  gapBeforePrevious(): string | undefined {
    return this.inRun >= 2 ? this.run.gaps[this.inRun - 2] : undefined;
  }
  /** Separator just before the first group when inside a run (e.g. ` +`), else the run's lead. */
  get lead(): string {
    return this.inRun === 0 ? this.run.lead : this.run.gaps[this.inRun - 1];
  }
  /** Separator just after the last group inside the run, '' when the window ends the run. */
  get trail(): string {
    return this.run.gaps[this.inRun + this.groups - 1] ?? '';
  }
}

/** True when every gap is exactly `sep` (vacuously true for one group). */
export function allGapsAre(w: NumberWindow, sep: string): boolean {
  for (let k = 0; k < w.groups - 1; k++) if (w.gap(k) !== sep) return false;
  return true;
}

/** Group lengths equal `shape`, e.g. [3, 2, 4]. */
export function hasShape(w: NumberWindow, shape: readonly number[]): boolean {
  if (shape.length !== w.groups) return false;
  for (let k = 0; k < shape.length; k++) if (w.length(k) !== shape[k]) return false;
  return true;
}

/** Numeric value of digits[from, to). */
export function digitsValue(digits: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + (digits.charCodeAt(i) - 48);
  return v;
}
