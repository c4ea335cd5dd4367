import type { Finding } from './types';

/**
 * Sorts findings and merges overlapping ones, so no character of either escapes redaction; the
 * longer finding names the merged one (an IBAN wins over a card number found inside it).
 */
export function mergeOverlaps(findings: Finding[]): Finding[] {
  if (findings.length === 1) return findings;
  findings.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Finding[] = [];
  let lastLength = 0;
  for (const f of findings) {
    const last = merged[merged.length - 1];
    if (last && f.start < last.end) {
      if (f.end - f.start > lastLength) {
        last.type = f.type;
        lastLength = f.end - f.start;
      }
      last.end = Math.max(last.end, f.end);
    } else {
      merged.push({ type: f.type, start: f.start, end: f.end });
      lastLength = f.end - f.start;
    }
  }
  return merged;
}
