import type { ChannelPolicy } from '../policy/schema';
import type { KnownIdentifiers, Redactor } from '../redaction';
import type { MessageInput } from './schemas';

/** What may be kept of one incoming message, already redacted; still to be sealed. */
export interface StorableMessage {
  from: MessageInput['from'];
  at: string;
  text: string;
  fields: Array<{ name: string; value: string }>;
  /** Digits typed on the keypad, only when the IVR did not mask them. */
  dtmf?: string;
  email?: { fromAddress: string; url: string };
}

/**
 * Reduces a message to what may be stored, before anything is written. The redactor redacts the
 * text, drops hidden form fields and masked DTMF digits whole; on top of that, on a channel whose
 * policy says storeBody=false (Puzzel e-mail: "the only thing saved is the from-address and the
 * URL") the body and its fields are dropped and only the e-mail's from-address and URL are kept.
 * Returns undefined when nothing of the message may be kept.
 */
export function storableMessage(
  message: MessageInput,
  channel: ChannelPolicy,
  redactor: Redactor,
  known: KnownIdentifiers,
): StorableMessage | undefined {
  const keepBody = channel.storeBody;
  const text = keepBody && message.text ? redactor.redact(message.text, known).text : '';
  const fields = keepBody ? redactor.redactFields(message.fields, known).fields : [];
  const [dtmf] = keepBody && message.dtmf ? redactor.redactDtmf([message.dtmf]) : [];
  if (!text && !fields.length && !dtmf && !message.email) return undefined;
  return {
    from: message.from,
    at: new Date(message.at).toISOString(),
    text,
    fields,
    ...(dtmf ? { dtmf: dtmf.digits } : {}),
    ...(message.email ? { email: message.email } : {}),
  };
}
