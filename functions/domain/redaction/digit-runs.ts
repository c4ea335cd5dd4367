import { isAsciiLetter, isDigit, isWordChar } from './chars';
import { matchIbanAt } from './detectors/iban';
import { NumberWindow, type DigitRun } from './detectors/number-window';
import { tokenMarks, type TokenMarks } from './detectors/spoken-digits';
import type { FindingSink, FindingType } from './types';

/**
 * The one pass that serves every digit detector. It takes the text's digit groups (found by the
 * token pass it shares with the spoken scan, see tokenMarks) and joins them into runs when only a
 * short separator (space, dot, dash, slash, plus, parenthesis, no-break space) lies between them; `14h30`, `12,50` or `ABC123` break runs. Each
 * run is then tried window by window (consecutive groups, at most 8 groups and 19 digits): at each
 * group the longest window some validator accepts wins, and the search resumes after it. A run
 * too short to hold anything (fewer than MIN_RUN_DIGITS digits and 4 groups) is skipped at once, which is what
 * most numbers in chat text are (prices, times, quantities). Digits followed by a letter belong to
a word (`12kg`), except before a phone extension (`555-0143x2210`). Digits glued to two letters are
 * offered to the IBAN check on the way (`FR76…`), so IBANs need no pass of their own.
 */
export interface DigitDetector {
  type: FindingType;
  /** Digits a window needs before `accepts` is worth asking (most windows fail this cheaply). */
  minDigits: number;
  maxDigits: number;
  /** Number of groups when fixed (IPv4: 4). */
  groups?: number;
  accepts(w: NumberWindow): boolean;
  /** Where the finding starts when it includes a prefix such as `+` or `(`. */
  start?(w: NumberWindow): number;
  /** Where it ends when it includes a suffix such as a phone extension. */
  end?(w: NumberWindow): number;
}

export interface DigitScanOptions {
  detectors: readonly DigitDetector[];
  iban: boolean;
  /** Extra check run before the detectors, e.g. the interaction's own phone in any format. */
  known?: DigitDetector;
}

const MAX_WINDOW_DIGITS = 19;
/** The most groups any format needs: `+33 (0)6 12 34 56 78` and a spaced NIR have 7. */
const MAX_WINDOW_GROUPS = 8;
const MIN_WINDOW_DIGITS = 4;
/** The fewest digits of a run worth classifying unless it has an IPv4's 4 groups: a local phone number after a phone word. */
const MIN_RUN_DIGITS = 6;
const MAX_GAP = 3;

const isSeparator = (c: number) =>
  c === 32 || c === 46 || c === 45 || c === 47 || c === 43 || c === 40 || c === 41 || c === 0xa0 || c === 0x202f;

/** Returns true when some digit group ends in `2A` or `2B`, a Corsican department: the one case
 *  of a NIR with letters, which nir.ts then looks for. */
export function scanDigitRuns(
  text: string,
  options: DigitScanOptions,
  out: FindingSink,
  marks: TokenMarks = tokenMarks(text),
): boolean {
  let corsica = false;
  const n = text.length;
  const classify = options.detectors.length > 0 || options.known !== undefined;
  const { digitStarts: starts, digitEnds: ends } = marks;
  // The run being joined is groups runFirst..runLast of the marks (runFirst -1: none yet). A group
  // left out of runs (glued to a word, inside an IBAN) ends the run before it, since a gap holds
  // no digits: every run is consecutive groups, read in place.
  let runFirst = -1;
  let runLast = -1;
  // Digits before `from` belong to an IBAN found already; an IBAN ends before a character that is
  // not a word character, so never inside a run of digits.
  let from = 0;
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k];
    if (s < from) continue;
    const i = ends[k];
    const gluedLeft = s > 0 && isWordChar(text.charCodeAt(s - 1));
    let ibanEnd = -1;
    if (gluedLeft && options.iban && i - s >= 2 && startsIbanCountry(text, s)) ibanEnd = matchIbanAt(text, s - 2, out);
    if (runFirst !== -1 && (gluedLeft || !isGap(text, ends[runLast], s))) {
      if (classify) classifyRun(text, starts, ends, runFirst, runLast, options, out);
      runFirst = -1;
    }
    // An IBAN's digits are accounted for; scanning them again could only find pieces of it.
    if (ibanEnd !== -1) from = ibanEnd;
    else if (i === n || !isWordChar(text.charCodeAt(i)) || startsExtension(text, i)) {
      if (!gluedLeft) {
        if (runFirst === -1) runFirst = k;
        runLast = k;
      }
    } else if (text.charCodeAt(i - 1) === 50 /* 2 */ && (text.charCodeAt(i) === 65 || text.charCodeAt(i) === 66))
      corsica = true;
  }
  if (classify && runFirst !== -1) classifyRun(text, starts, ends, runFirst, runLast, options, out);
  return corsica;
}

/** Two letters before the digits and nothing word-like before them: `FR76`, not `XFR76`. */
function startsIbanCountry(text: string, digitStart: number): boolean {
  return (
    digitStart >= 2 &&
    isAsciiLetter(text.charCodeAt(digitStart - 1)) &&
    isAsciiLetter(text.charCodeAt(digitStart - 2)) &&
    (digitStart === 2 || !isWordChar(text.charCodeAt(digitStart - 3)))
  );
}

/** `x0142` or `ext` glued to the digits before it: a phone extension, which does not make the
 *  digits part of a word. */
function startsExtension(text: string, at: number): boolean {
  const c = text.charCodeAt(at) | 0x20;
  if (c === 120 /* x */) return isDigit(text.charCodeAt(at + 1));
  return c === 101 /* e */ && (text.charCodeAt(at + 1) | 0x20) === 120 && (text.charCodeAt(at + 2) | 0x20) === 116;
}

function isGap(text: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > MAX_GAP) return false;
  for (let k = from; k < to; k++) if (!isSeparator(text.charCodeAt(k))) return false;
  return true;
}

/** Tries the windows of the run made of groups first..last of starts/ends. */
function classifyRun(
  text: string,
  starts: readonly number[],
  ends: readonly number[],
  first: number,
  last: number,
  options: DigitScanOptions,
  out: FindingSink,
): void {
  let count = 0;
  for (let k = first; k <= last; k++) count += ends[k] - starts[k];
  if (count < MIN_RUN_DIGITS && last - first < 3) return;
  const run = digitRun(text, starts, ends, first, last);
  const candidates = options.known ? [options.known, ...options.detectors] : options.detectors;

  let i = first;
  while (i <= last) {
    // The longest window from group i, then shorter ones, dropping a group at a time.
    let j = i;
    let windowDigits = ends[i] - starts[i];
    while (
      j < last &&
      j + 1 - i < MAX_WINDOW_GROUPS &&
      windowDigits + ends[j + 1] - starts[j + 1] <= MAX_WINDOW_DIGITS
    ) {
      j++;
      windowDigits += ends[j] - starts[j];
    }
    let matched = -1;
    for (; j >= i && matched === -1; windowDigits -= ends[j] - starts[j], j--) {
      if (windowDigits < MIN_WINDOW_DIGITS) break;
      let w: NumberWindow | undefined;
      for (const d of candidates) {
        if (
          windowDigits < d.minDigits ||
          windowDigits > d.maxDigits ||
          (d.groups !== undefined && d.groups !== j - i + 1)
        )
          continue;
        w ??= new NumberWindow(run, i, j, windowDigits);
        if (!d.accepts(w)) continue;
        out.push({ type: d.type, start: d.start ? d.start(w) : starts[i], end: d.end ? d.end(w) : ends[j] });
        matched = j;
        break;
      }
    }
    i = matched === -1 ? i + 1 : matched + 1;
  }
}

/** The separators between the groups are cut out once per run: windows compare them often. */
function digitRun(
  text: string,
  starts: readonly number[],
  ends: readonly number[],
  first: number,
  last: number,
): DigitRun {
  const gaps: string[] = [];
  for (let k = first; k < last; k++) gaps.push(text.slice(ends[k], starts[k + 1]));
  return { text, starts, ends, first, gaps, lead: starts[first] > 0 ? text[starts[first] - 1] : '' };
}
