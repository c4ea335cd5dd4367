import type { Message } from '../records';

// Characters XML 1.0 cannot carry at all, escaped or not (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F).
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are what it removes
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const xmlText = (text: string) => text.replace(NOT_XML, '\uFFFD');

type XmlBuilder2 = typeof import('xmlbuilder2');

/**
 * One interaction's chat log as an XML document (Puzzel: chat logs are downloaded as XML):
 * `<chatLog interactionId><message from at>text</message>…</chatLog>`, in conversation order,
 * every text escaped and characters XML cannot hold replaced by U+FFFD. xmlbuilder2 loads on the
 * first call: only chat-log downloads and export packages pay for it (a chunk of its own).
 */
export async function chatLogXml(interactionId: string, messages: readonly Message[]): Promise<string> {
  // In the deployed ES-module bundle a CommonJS package's exports come only as `default` (esbuild).
  const xml = (await import('xmlbuilder2')) as unknown as Partial<XmlBuilder2> & { default?: XmlBuilder2 };
  const create = xml.create ?? (xml.default as XmlBuilder2).create;
  const log = create({ version: '1.0', encoding: 'UTF-8' }).ele('chatLog', { interactionId: xmlText(interactionId) });
  const stray = messages.find((m) => m.interactionId !== interactionId);
  if (stray) throw new RangeError(`message ${stray.seq} belongs to another interaction`);
  const ordered = [...messages].sort((a, b) => a.seq - b.seq);
  for (const message of ordered) log.ele('message', { from: message.from, at: message.at }).txt(xmlText(message.text));
  return log.end({ prettyPrint: true });
}
