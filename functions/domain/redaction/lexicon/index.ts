import commonWords from './common-words.json';
import firstNames from './first-names.json';
import surnames from './surnames.json';
import { foldName } from './fold';

/**
 * The word lists behind name detection (made by bench/redaction/make-lexicon.ts), looked up in
 * folded form (lower case, no accents). A common word ("will", "may", "call") can be a name too;
 * the detectors then want more than its capital letter.
 */
const COMMON = new Set<string>(commonWords);
const FIRST = new Set<string>(firstNames);
const LAST = new Set<string>(surnames);

export { foldName };
export const isCommonWord = (folded: string) => COMMON.has(folded);
export const isFirstName = (folded: string) => FIRST.has(folded);
export const isSurname = (folded: string) => LAST.has(folded);
