import { createRedactor } from '../../../functions/domain/redaction';

const redactor = createRedactor();
const known = { name: 'Anna Svensson', email: 'anna@example.se', phone: '+46 70 123 45 67' };

/**
 * Every built-in scanner is a bounded loop or a regex without nested quantifiers, so its cost is
 * linear in the text. These 50 000-character inputs are the shapes that make naive patterns
 * quadratic or exponential; each must simply finish (speed itself is measured in bench/).
 */
describe('built-in detectors stay linear on adversarial input', () => {
  it.each([
    ['a long local part without a domain', `${'a'.repeat(50_000)}@`],
    ['many @ signs', 'a@'.repeat(25_000)],
    ['one long digit run with separators', '1 '.repeat(25_000)],
    ['colons and hex digits', 'ab:'.repeat(16_667)],
    ['URL schemes without user info', `https://${'a'.repeat(50_000)}`],
    ['dotted numbers', '1.2.'.repeat(12_500)],
    ['letters glued to digits', 'FR76'.repeat(12_500)],
    ['one long run of spoken digits', 'one '.repeat(12_500)],
    ['spoken digits between pauses', 'six, '.repeat(10_000)],
    ['spoken at-words and dot-words', 'a at b dot '.repeat(4_500)],
    ['repeat words without a digit', 'double '.repeat(7_000)],
  ])('%s', (_shape, text) => {
    // Act
    const result = redactor.redact(text, known);
    // Assess
    expect(typeof result.text).toBe('string');
  });
});
