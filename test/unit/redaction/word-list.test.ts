import fc from 'fast-check';
import { isCapitalised, WordList } from '../../../functions/domain/redaction/words';

/** The words as the name scan has always read them: one regex over the whole text, possessive 's dropped. */
function wordsByRegex(text: string): Array<[number, number]> {
  return [...text.matchAll(/\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu)].map((m) => {
    const trimmed = /['’]s$/.test(m[0]) ? 2 : 0;
    return [m.index, m.index + m[0].length - trimmed];
  });
}

const PIECES = [
  'a',
  'z',
  'A',
  'Z',
  'x',
  'Mc',
  "'",
  '’',
  '-',
  ' ',
  '\u00a0',
  '.',
  '1',
  'é',
  'É',
  'å',
  'Ö',
  'ß',
  '\u0301',
  'ǅ',
  '𝐀',
  '€',
  's',
  "'s",
  'Anna',
  'van',
];
const texts = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((pieces) => pieces.join(''));

describe('the words the name scan reads', () => {
  it('are the words of the regex reading, read one after the other', () => {
    fc.assert(
      fc.property(texts, (text) => {
        // Prepare
        const words = new WordList(text);
        const read: Array<[number, number]> = [];
        // Act
        for (let k = 0; words.has(k); k++) read.push([words.starts[k], words.ends[k]]);
        // Assess
        expect(read).toEqual(wordsByRegex(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('pass over no capitalised word when lower-case words are skipped unread', () => {
    fc.assert(
      fc.property(texts, (text) => {
        // Prepare
        const words = new WordList(text);
        const capitalised: Array<[number, number]> = [];
        // Act
        for (let k = 0; words.hasCapitalisedCandidate(k); k++)
          if (words.capitalised(k)) capitalised.push([words.starts[k], words.ends[k]]);
        // Assess
        const expected = wordsByRegex(text).filter(([s, e]) => isCapitalised(text.slice(s, e)));
        expect(capitalised).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
