import { createHmac } from 'node:crypto';
import { LetheError } from '../../../../functions/domain/errors';
import {
  MAX_PREFIXES_PER_NAME,
  namePrefixes,
  namePrefixKeysOf,
  searchedNamePrefixes,
} from '../../../../functions/domain/subject/name-prefixes';
import { subjectKeysOf } from '../../../../functions/domain/subject/subject-key';

const SECRET = new Uint8Array(32).fill(7);

describe('name prefixes: a name is findable by the start of each of its words', () => {
  it('each word gives its prefixes of 3 characters and more, normalised as names are, shortest first', () => {
    // Act
    const prefixes = namePrefixes('  ANNA  Berg-Öst ');

    // Assess
    expect(prefixes).toEqual(['ann', 'ber', 'öst', 'anna', 'berg']);
  });

  it('prefixes stop at 16 characters and repeat nowhere', () => {
    // Act
    const prefixes = namePrefixes('Bartholomew-Bartholomew Abcdefghijklmnopqrstu');

    // Assess
    expect(prefixes).toContain('abcdefghijklmnop');
    expect(prefixes).not.toContain('abcdefghijklmnopq');
    expect(new Set(prefixes).size).toBe(prefixes.length);
    expect(prefixes.filter((p) => p.startsWith('bar'))).toEqual([
      'bar',
      'bart',
      'barth',
      'bartho',
      'barthol',
      'bartholo',
      'bartholom',
      'bartholome',
      'bartholomew',
    ]);
  });

  it('a long name gets at most the cap, and keeps every word findable by its short prefixes', () => {
    // Prepare
    const name = Array.from({ length: 12 }, (_, i) => `Word${String.fromCharCode(97 + i)}xxxxxxxxxxxx`).join(' ');

    // Act
    const prefixes = namePrefixes(name);

    // Assess
    expect(prefixes).toHaveLength(MAX_PREFIXES_PER_NAME);
    for (let i = 0; i < 12; i++) expect(prefixes).toContain(`word${String.fromCharCode(97 + i)}`);
  });

  it('characters are code points: a name of two-unit characters is not cut in half', () => {
    // Act
    const prefixes = namePrefixes('𝒜𝒷𝒸𝒹');

    // Assess (NFKC folds the script letters to plain ones first)
    expect(prefixes).toEqual(['abc', 'abcd']);
    expect(namePrefixes('😀😁😂😃')).toEqual(['😀😁😂', '😀😁😂😃']);
  });

  it('keys are HMACs under the domain "namePrefix", never equal to a whole name\'s key', () => {
    // Act
    const keys = namePrefixKeysOf('Ann', SECRET);
    const [nameKey] = subjectKeysOf({ name: 'Ann' }, SECRET, '46');

    // Assess
    expect(keys).toEqual([
      { kind: 'namePrefix', hmacHex: createHmac('sha256', SECRET).update('namePrefix:ann').digest('hex') },
    ]);
    expect(keys[0].hmacHex).not.toBe(nameKey.hmacHex);
  });

  it('no name, a blank one or words shorter than 3 characters give no keys', () => {
    expect(namePrefixKeysOf(undefined, SECRET)).toEqual([]);
    expect(namePrefixKeysOf('   ', SECRET)).toEqual([]);
    expect(namePrefixKeysOf('Li Bo', SECRET)).toEqual([]);
  });
});

describe('what a search by name start looks up', () => {
  it('each word typed, normalised and cut to 16 characters, without repeats', () => {
    // Act
    const searched = searchedNamePrefixes(' JOH  ber joh Abcdefghijklmnopqrstu');

    // Assess
    expect(searched).toEqual(['joh', 'ber', 'abcdefghijklmnop']);
  });

  it.each(['an', 'ann b', '  ', '-'])('"%s" is refused naming the field', (typed) => {
    // Act
    const refused = (() => {
      try {
        searchedNamePrefixes(typed);
      } catch (error) {
        return error;
      }
      return undefined;
    })();

    // Assess
    expect(refused).toBeInstanceOf(LetheError);
    expect((refused as LetheError).fields).toEqual([{ path: 'namePrefix', message: expect.any(String) }]);
  });
});
