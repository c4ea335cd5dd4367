/** Built once (a \p{…} literal in the function body is recompiled on every call in the bundle). */
const COMBINING_MARK = /\p{M}/gu;

/** The form lexicon entries and looked-up words are compared in: lower case, without accents. */
export const foldName = (word: string) =>
  isAscii(word) ? word.toLowerCase() : word.normalize('NFD').replace(COMBINING_MARK, '').toLowerCase();

/** ASCII has no accents to strip (NFD leaves it as it is): most words need only the lower case. */
function isAscii(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 0x7f) return false;
  return true;
}
