import { createRedactor } from '../../../functions/domain/redaction';

const known = { name: 'Anna-Karin de la Cruz', email: 'Anna.K@Example.se', phone: '+46 70 123 45 67' };

describe("the interaction's own name, e-mail and phone are redacted wherever they appear in its text", () => {
  it('finds the full name and each part of it, case-insensitively, as whole words', () => {
    // Prepare
    const redactor = createRedactor({ detectors: [] });
    // Act
    const result = redactor.redact(
      'Hej ANNA-KARIN DE LA CRUZ! Anna-Karin, Karin, la Cruz family. Annabelle and Karine stay.',
      known,
    );
    // Assess
    expect(result.text).toBe('Hej [NAME]! [NAME], [NAME], la [NAME] family. Annabelle and Karine stay.');
  });

  it('keeps particles such as "de" and "la" that are ordinary words too', () => {
    const redactor = createRedactor({ detectors: [] });
    expect(redactor.redact('la commande de mars', known).text).toBe('la commande de mars');
  });

  it('finds the e-mail in any case, even with the e-mail detector off', () => {
    const redactor = createRedactor({ detectors: [] });
    expect(redactor.redact('write to anna.k@example.SE today', known).text).toBe('write to [EMAIL] today');
  });

  it.each(['070-123 45 67', '0701234567', '0046 70 123 45 67', '+46 (0)70 123 45 67', '+46701234567', '70 123 45 67'])(
    'finds the phone written as %j, comparing digits, even with the phone detector off',
    (written) => {
      // Prepare
      const redactor = createRedactor({ detectors: [] });
      // Act
      const result = redactor.redact(`ring ${written} efter 17`, known);
      // Assess
      expect(result.text).toBe('ring [PHONE] efter 17');
    },
  );

  it('does not take another number ending in the same digits for the phone', () => {
    const redactor = createRedactor({ detectors: [] });
    expect(redactor.redact('order 91 23 45 67 and 123 45 67', known).text).toBe('order 91 23 45 67 and 123 45 67');
  });

  it('does nothing when the policy turns known identifiers off', () => {
    const redactor = createRedactor({ detectors: [], knownIdentifiers: false });
    expect(redactor.redact('Hej Anna-Karin', known).text).toBe('Hej Anna-Karin');
  });

  it('an identifier with regex characters in it is taken literally', () => {
    const redactor = createRedactor({ detectors: [] });
    expect(redactor.redact('hi J.R. (Bob) and JxR', { name: 'J.R. (Bob)' }).text).toBe('hi [NAME] and JxR');
  });

  it.each([
    ['Will May', 'I will check, it may take a while. May I call you back?'],
    ['Carla Call', 'I will call you tomorrow, or you can call us. Call anytime.'],
    ['Dana Forget', "Don't forget the receipt; FORGET the old one."],
    ['Will', 'Will you check? I will.'],
  ])('a name made of common words (%j) leaves those words alone in %j', (name, text) => {
    // Prepare
    const redactor = createRedactor({ detectors: [] });
    // Act
    const result = redactor.redact(text, { name });
    // Assess
    expect(result.text).toBe(text);
  });

  it('still finds such a name where it reads as one: the full name anywhere, a part capitalised mid-sentence', () => {
    // Prepare
    const redactor = createRedactor({ detectors: [] });
    // Act
    const result = redactor.redact('Will May here. I will check it, thanks May! Ask for Will tomorrow.', {
      name: 'Will May',
    });
    // Assess
    expect(result.text).toBe('[NAME] here. I will check it, thanks [NAME]! Ask for [NAME] tomorrow.');
  });
});
