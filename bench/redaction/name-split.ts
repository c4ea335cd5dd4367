/**
 * Which half of the fake-data library's names the shipped lexicon may hold: the evaluation draws
 * from all of them, so about half of its names are ones the lexicon has never seen.
 */
export function inLexiconHalf(name: string): boolean {
  let hash = 2166136261;
  for (const c of name.normalize('NFC').toLowerCase()) hash = Math.imul(hash ^ c.codePointAt(0)!, 16777619);
  return (hash >>> 0) % 2 === 0;
}
