/** What the redactor reports and accepts; never the original values. */

/** A detector name (`email`, `phone`…), `name` for a known participant name, or a tenant pattern name. */
export type FindingType = string;

/** A redacted stretch of the INPUT text, as UTF-16 offsets [start, end). */
export interface Finding {
  type: FindingType;
  start: number;
  end: number;
}

/** The interaction's own identifiers: redacted wherever they appear, in any format. */
export interface KnownIdentifiers {
  name?: string;
  email?: string;
  phone?: string;
}

export interface RedactionResult {
  text: string;
  findings: Finding[];
}

/** Where detectors put what they find; `push` order does not matter, overlaps are merged later. */
export type FindingSink = Finding[];
