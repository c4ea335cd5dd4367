import { QualityTally } from '../../../functions/domain/redaction/evaluation';

describe('redaction quality report', () => {
  it('a labelled value counts as redacted when all its letters and digits are, whatever the separators', () => {
    // Prepare
    const tally = new QualityTally();
    const text = 'tel 06 12 34 56 78 ok';
    // Act: two findings that leave one space between them visible
    tally.add(
      text,
      [{ start: 4, end: 18, type: 'phone' }],
      [
        { type: 'phone', start: 4, end: 9 },
        { type: 'phone', start: 10, end: 18 },
      ],
    );
    // Assess
    const [phone] = tally.report().types;
    expect(phone).toMatchObject({
      type: 'phone',
      labelled: 1,
      redacted: 1,
      typed: 1,
      found: 2,
      correct: 2,
      recall: 1,
      precision: 1,
    });
  });

  it('a value only partly redacted is missed; one redacted under another type counts for recall but not typed recall', () => {
    // Prepare
    const tally = new QualityTally();
    // Act
    tally.add('card 4111 1111 1111 1111', [{ start: 5, end: 24, type: 'card' }], [{ type: 'card', start: 5, end: 19 }]);
    tally.add('pnr 811218-9876', [{ start: 4, end: 15, type: 'personnummer' }], [{ type: 'phone', start: 4, end: 15 }]);
    // Assess
    const report = tally.report();
    expect(report.types.find((t) => t.type === 'card')).toMatchObject({ recall: 0, precision: 1 });
    expect(report.types.find((t) => t.type === 'personnummer')).toMatchObject({ recall: 1, typedRecall: 0 });
    expect(report.overall).toMatchObject({ labelled: 2, redacted: 1, typed: 0 });
  });

  it('a redaction touching no labelled value is a false positive, and ordinary words it touches are counted', () => {
    // Prepare
    const tally = new QualityTally();
    // Act
    tally.add('Bonjour Marie, merci', [], [{ type: 'name', start: 8, end: 13 }]);
    // Assess
    const report = tally.report();
    expect(report).toMatchObject({ falsePositives: 1, overRedactedWords: 1, words: 3 });
    expect(report.types).toEqual([expect.objectContaining({ type: 'name', found: 1, correct: 0, precision: 0 })]);
  });
});
