import { storableMessage } from '../../../functions/domain/ingest/storable-message';
import { MessageSchema } from '../../../functions/domain/ingest/schemas';
import { presetPolicy } from '../../../functions/domain/policy/presets';
import { createRedactor } from '../../../functions/domain/redaction';

const puzzel = presetPolicy('puzzel');
const redactor = createRedactor(puzzel.redaction, { defaultCallingCode: puzzel.defaultCallingCode });
const known = { name: 'Anna Lind', email: 'anna@example.com' };
const message = (input: Record<string, unknown>) =>
  MessageSchema.parse({ from: 'visitor', at: '2025-03-01T10:00:00+01:00', ...input });

describe('what of a message may be stored', () => {
  it("text is redacted, with the participant's own name, before it is kept", () => {
    // Act
    const stored = storableMessage(
      message({ text: 'Hi, Anna Lind here, write to anna.l@example.org' }),
      puzzel.channels.chat,
      redactor,
      known,
    );
    // Assess
    expect(stored?.text).toBe('Hi, [NAME] here, write to [EMAIL]');
    expect(stored?.at).toBe('2025-03-01T09:00:00.000Z');
  });

  it('iAdvize: a hidden form field is never stored, not even redacted; a visible one is redacted', () => {
    // Prepare
    const fields = [
      { name: 'card', value: '4111 1111 1111 1111', hidden: true },
      { name: 'contact', value: 'mail me at anna@example.com' },
    ];
    // Act
    const stored = storableMessage(message({ text: 'paying now', fields }), puzzel.channels.chat, redactor, known);
    // Assess
    expect(stored?.fields).toEqual([{ name: 'contact', value: 'mail me at [EMAIL]' }]);
    expect(JSON.stringify(stored)).not.toMatch(/card|4111/);
  });

  it('Puzzel: masked IVR digits are not stored in the raw data; unmasked ones are kept', () => {
    const masked = storableMessage(
      message({ text: 'identified', dtmf: { digits: '198001019876', masked: true } }),
      puzzel.channels.call,
      redactor,
      {},
    );
    expect(masked).not.toHaveProperty('dtmf');
    expect(JSON.stringify(masked)).not.toContain('1980');
    expect(storableMessage(message({ dtmf: { digits: '1' } }), puzzel.channels.call, redactor, {})?.dtmf).toBe('1');
  });

  it('Puzzel: of an e-mail only the from-address and the URL are stored', () => {
    // Prepare
    const email = { fromAddress: 'anna@example.com', url: 'https://mail.example.com/q/42' };
    // Act
    const stored = storableMessage(
      message({ text: 'My card is 4111 1111 1111 1111', email, fields: [{ name: 'x', value: 'y' }] }),
      puzzel.channels.email,
      redactor,
      known,
    );
    // Assess
    expect(stored).toEqual({ from: 'visitor', at: '2025-03-01T09:00:00.000Z', text: '', fields: [], email });
  });

  it('a message left with nothing storable is not stored at all', () => {
    const input = message({ fields: [{ name: 'card', value: '4111 1111 1111 1111', hidden: true }] });
    expect(storableMessage(input, puzzel.channels.chat, redactor, known)).toBeUndefined();
  });
});
