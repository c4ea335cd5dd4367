/**
 * Words as the name detectors see them: letters with inner apostrophes and hyphens (`Anna-Karin`,
 * `O'Brien`), and where they stand in their sentence.
 */
export const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;

/** Capitalised as a name is: an upper-case first letter and lower case after it (`ORDER` and `I` are not). */
export function isCapitalised(word: string): boolean {
  const first = word[0];
  if (first === first.toLowerCase()) return false;
  for (let i = 1; i < word.length; i++) if (word[i] !== word[i].toUpperCase()) return true;
  return false;
}

/** True when nothing but opening quotes, brackets or dashes stand between `at` and the start of
 *  the text or the end of a sentence (`.`, `!`, `?`, `…`, `:`, a line break). */
export function startsSentence(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && /[\s"'“”‘’«»([¿¡–—-]/u.test(text[i])) {
    if (text[i] === '\n') return true;
    i--;
  }
  return i < 0 || /[.!?…:;]/u.test(text[i]);
}
