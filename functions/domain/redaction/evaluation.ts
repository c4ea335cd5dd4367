import { isAsciiLetter, isDigit, isLatinLetter } from './chars';
import type { Finding } from './types';

/**
 * Quality of a redactor on labelled text (the `lethe redact --evaluate` report and the bench).
 * - recall of a labelled type: share of its spans whose every letter and digit was redacted
 *   (separators may stay: a visible space leaks nothing); "typed" also needs the finding that
 *   covers it to carry the same type;
 * - precision of a found type: share of its findings that overlap a labelled span;
 * - over-redaction: findings overlapping no labelled span, and ordinary words (letters only,
 *   outside labelled spans) that lost a character.
 */
export interface LabelledSpan {
  start: number;
  end: number;
  type: string;
}

export interface TypeQuality {
  type: string;
  labelled: number;
  redacted: number;
  typed: number;
  found: number;
  correct: number;
  recall: number;
  typedRecall: number;
  precision: number;
}

export interface QualityReport {
  types: TypeQuality[];
  overall: TypeQuality;
  falsePositives: number;
  overRedactedWords: number;
  words: number;
}

interface Counts {
  labelled: number;
  redacted: number;
  typed: number;
  found: number;
  correct: number;
}

const isAlnum = (c: number) => isDigit(c) || isAsciiLetter(c) || isLatinLetter(c);
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

export class QualityTally {
  private readonly counts = new Map<string, Counts>();
  private falsePositives = 0;
  private overRedactedWords = 0;
  private words = 0;

  add(text: string, labelled: readonly LabelledSpan[], found: readonly Finding[]): void {
    const coveredBy = new Array<Finding | undefined>(text.length);
    for (const f of found) for (let i = f.start; i < f.end; i++) coveredBy[i] = f;
    for (const span of labelled) {
      const c = this.countsOf(span.type);
      c.labelled++;
      let redacted = true;
      let typed = true;
      for (let i = span.start; i < span.end; i++) {
        if (!isAlnum(text.charCodeAt(i))) continue;
        if (!coveredBy[i]) redacted = typed = false;
        else if (coveredBy[i]!.type !== span.type) typed = false;
      }
      if (redacted) c.redacted++;
      if (typed) c.typed++;
    }
    for (const f of found) {
      const c = this.countsOf(f.type);
      c.found++;
      if (labelled.some((span) => overlaps(span, f))) c.correct++;
      else this.falsePositives++;
    }
    this.countWords(text, labelled, coveredBy);
  }

  private countWords(text: string, labelled: readonly LabelledSpan[], coveredBy: Array<Finding | undefined>): void {
    for (const m of text.matchAll(/[\p{L}]{2,}/gu)) {
      const word = { start: m.index, end: m.index + m[0].length };
      if (labelled.some((span) => overlaps(span, word))) continue;
      this.words++;
      for (let i = word.start; i < word.end; i++)
        if (coveredBy[i]) {
          this.overRedactedWords++;
          break;
        }
    }
  }

  private countsOf(type: string): Counts {
    let c = this.counts.get(type);
    if (!c) this.counts.set(type, (c = { labelled: 0, redacted: 0, typed: 0, found: 0, correct: 0 }));
    return c;
  }

  report(): QualityReport {
    const types = [...this.counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, c]) => quality(type, c));
    const total = [...this.counts.values()].reduce(
      (t, c) => ({
        labelled: t.labelled + c.labelled,
        redacted: t.redacted + c.redacted,
        typed: t.typed + c.typed,
        found: t.found + c.found,
        correct: t.correct + c.correct,
      }),
      { labelled: 0, redacted: 0, typed: 0, found: 0, correct: 0 },
    );
    return {
      types,
      overall: quality('all', total),
      falsePositives: this.falsePositives,
      overRedactedWords: this.overRedactedWords,
      words: this.words,
    };
  }
}

const ratio = (a: number, b: number) => (b === 0 ? NaN : a / b);

function quality(type: string, c: Counts): TypeQuality {
  return {
    type,
    ...c,
    recall: ratio(c.redacted, c.labelled),
    typedRecall: ratio(c.typed, c.labelled),
    precision: ratio(c.correct, c.found),
  };
}
