/** The form lexicon entries and looked-up words are compared in: lower case, without accents. */
export const foldName = (word: string) =>
  isAscii(word) ? word.toLowerCase() : word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** ASCII has no accents to strip (NFD leaves it as it is): most words need only the lower case. */
function isAscii(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 0x7f) return false;
  return true;
}
