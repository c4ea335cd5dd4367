import { peerFindings } from '../../../bench/redaction/peer-spans';

describe('recovering what redact-pii replaced, for the side-by-side bench', () => {
  it('aligns each placeholder with the input characters it replaced', () => {
    // Prepare
    const input = 'IBAN FR76 3000 6000 0112 3456 7890 189, mail anna@example.se';
    const output = 'IBAN FR76 CREDIT_CARD_NUMBER DIGITS 189, mail EMAIL_ADDRESS';
    // Act
    const findings = peerFindings(input, output);
    // Assess
    expect(findings.map((f) => [f.type, input.slice(f.start, f.end)])).toEqual([
      ['card', '3000 6000 0112 3456'],
      ['digits', '7890'],
      ['email', 'anna@example.se'],
    ]);
  });

  it('finds nothing when nothing was replaced, and refuses an output that does not fit its input', () => {
    expect(peerFindings('merci', 'merci')).toEqual([]);
    expect(() => peerFindings('merci', 'thanks EMAIL_ADDRESS')).toThrow('cannot align');
  });
});
