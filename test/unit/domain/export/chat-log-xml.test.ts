import { SaxesParser } from 'saxes';
import { chatLogXml } from '../../../../functions/domain/export/chat-log-xml';
import type { Message } from '../../../../functions/domain/records';

const INTERACTION = '01HZX4A0000000000000000000';

/** Parses with a conforming XML parser (saxes): throws on anything not well-formed. */
function parse(xml: string): { name: string; attributes: Record<string, string>; text: string }[] {
  const parser = new SaxesParser();
  const elements: { name: string; attributes: Record<string, string>; text: string }[] = [];
  parser.on('error', (e) => {
    throw e;
  });
  let open: (typeof elements)[number] | undefined;
  parser.on('opentag', (tag) => {
    open = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: '' };
    elements.push(open);
  });
  parser.on('closetag', () => {
    open = undefined;
  });
  parser.on('text', (text) => {
    if (open) open.text += text;
  });
  parser.write(xml).close();
  return elements;
}

const message = (seq: number, from: Message['from'], text: string, at = `2024-05-02T10:1${seq}:00.000Z`): Message => ({
  interactionId: INTERACTION,
  seq,
  from,
  text,
  at,
});

describe('chat log as XML (Puzzel: chat logs are downloaded as XML files)', () => {
  it('one <chatLog> per interaction with one <message from at> per line, in conversation order', async () => {
    // Prepare: given out of order
    const messages = [
      message(1, 'agent', 'Hello Anna, how can I help?'),
      message(0, 'visitor', 'Hi!'),
      message(2, 'bot', 'Survey follows.'),
    ];
    // Act
    const elements = parse(await chatLogXml(INTERACTION, messages));
    // Assess
    expect(elements[0]).toMatchObject({ name: 'chatLog', attributes: { interactionId: INTERACTION } });
    expect(elements.slice(1).map((e) => [e.attributes.from, e.attributes.at, e.text])).toEqual([
      ['visitor', '2024-05-02T10:10:00.000Z', 'Hi!'],
      ['agent', '2024-05-02T10:11:00.000Z', 'Hello Anna, how can I help?'],
      ['bot', '2024-05-02T10:12:00.000Z', 'Survey follows.'],
    ]);
  });

  it('markup in a message is escaped and comes back as the same text', async () => {
    // Prepare
    const text = `<script>alert("x")</script> & ]]> 'quotes' <![CDATA[ é 😀`;
    // Act
    const elements = parse(await chatLogXml(INTERACTION, [message(0, 'visitor', text)]));
    // Assess
    expect(elements).toHaveLength(2);
    expect(elements[1].text).toBe(text);
  });

  it('characters XML cannot hold (control characters, lone surrogates) become U+FFFD and the document stays well-formed', async () => {
    // Act
    const elements = parse(await chatLogXml(INTERACTION, [message(0, 'visitor', 'bell\u0007 and \uD800 half')]));
    // Assess
    expect(elements[1].text).toBe('bell\uFFFD and \uFFFD half');
  });

  it('a message of another interaction is refused rather than leaked into this log', async () => {
    const stray = { ...message(0, 'visitor', 'not yours'), interactionId: '01HZX4B0000000000000000000' };
    await expect(chatLogXml(INTERACTION, [stray])).rejects.toThrow(/another interaction/);
  });

  it('an empty chat log is still a well-formed document', async () => {
    expect(parse(await chatLogXml(INTERACTION, []))).toEqual([
      { name: 'chatLog', attributes: { interactionId: INTERACTION }, text: '' },
    ]);
  });
});
