import { mayNow } from '../lib/abilities.js';
import { api, fileNameOf } from '../lib/api.js';
import { announce, confirmDialog, h, replace, saveBlob, when } from '../lib/dom.js';
import { errorNotice } from '../lib/errors.js';
import { ACTION_NAMES, CLASS_NAMES, expiryText } from '../lib/class-expiry.js';
import { ROUTES } from '../lib/routes.js';
import { dataTable } from '../lib/table.js';
import { surveysSection } from './interaction-surveys.js';

export const title = 'Interaction';

/**
 * One interaction: its general info (always shown while retained), then its content. Opening the
 * chat log or a recording is an explicit action: each one is written to the audit log.
 * @param {HTMLElement} main
 * @param {{ id: string }} params
 */
export function render(main, { id }) {
  const heading = h('h1', {}, 'Interaction');
  const info = h(
    'section',
    { class: 'card', 'aria-labelledby': 'info-title' },
    h('h2', { id: 'info-title' }, 'General info'),
    h('p', { class: 'muted' }, 'Loading…'),
  );
  const timeline = h('div', { id: 'retention-timeline' });
  const content = h('div', { id: 'content' });
  replace(main, h('p', {}, h('a', { href: '#/search' }, '← Back to the search')), heading, info, timeline, content);
  main.append(surveysSection(id));

  void (async () => {
    try {
      const { data } = await api(ROUTES.interaction(id));
      heading.textContent = `${capitalise(data.channel)} interaction of ${when(data.startedAt)}`;
      document.title = `${heading.textContent} · Lethe console`;
      replace(info, h('h2', { id: 'info-title' }, 'General info'), generalInfo(data));
      replace(timeline, retentionTimeline(data));
    } catch (error) {
      replace(
        info,
        h('h2', { id: 'info-title' }, 'General info'),
        errorNotice(error, 'The interaction could not be opened'),
      );
      return;
    }
    await showContent(content, id);
  })();
}

/** @param {any} v */
function generalInfo(v) {
  /** @type {Array<[string, unknown]>} */
  const rows = [
    ['Interaction id', h('code', {}, v.interactionId)],
    ['Channel', v.channel],
    ['Started', when(v.startedAt)],
    ['Ended', when(v.endedAt)],
    ['Wait / talk', v.waitSeconds === undefined ? '—' : `${v.waitSeconds} s / ${v.talkSeconds ?? 0} s`],
    ['Queue', v.queue ?? '—'],
    ['Agent', v.agent ?? '—'],
    ['Group', v.group ?? '—'],
    ['Participant', v.anonymisedAt ? `removed (anonymised ${when(v.anonymisedAt)})` : participant(v.participant)],
    [
      'Consent',
      `content ${v.consent?.content ?? '—'}, recording ${v.consent?.recording ?? '—'}${v.consent?.noticeVersion ? ` (notice ${v.consent.noticeVersion})` : ''}`,
    ],
    ['Content stored', v.contentStored ? 'yes' : 'no: general info only'],
    ['Flags', v.flags?.length ? v.flags.join(', ') : 'none'],
    ['Legal hold', v.holds?.length ? h('strong', {}, `held (${v.holds.join(', ')}): nothing can be deleted`) : 'none'],
    ['Stored in', v.region],
    ['Kept until', when(v.expiresAt)],
  ];
  return h(
    'dl',
    { class: 'info' },
    rows.map(([k, val]) => [h('dt', {}, k), h('dd', {}, val)]),
  );
}

/**
 * When each class of the interaction expires (its records' stored expiries), what the policy in
 * force does then, and the holds and restriction that change that.
 * @param {any} v
 */
function retentionTimeline(v) {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'timeline-title' },
    h('h2', { id: 'timeline-title' }, 'Retention timeline'),
    v.restricted
      ? h(
          'p',
          { class: 'notice info', id: 'timeline-restricted' },
          'Processing is restricted (GDPR Art. 18): its content is only for the legal role.',
        )
      : null,
    v.holds?.length
      ? h(
          'p',
          { class: 'notice info', id: 'timeline-holds' },
          `Kept by legal hold ${v.holds.join(', ')}: nothing expires while it holds.`,
        )
      : null,
    h(
      'p',
      { class: 'muted' },
      'Expiries are those the records carry. A retention changed since they were written applies from the next sweep, which re-dates them.',
    ),
    dataTable({
      label: 'Expiry per class',
      caption: 'When each class of this interaction expires and what happens then',
      columns: ['Class', 'Records', 'Expires', 'Retention now', 'Then'],
      rows: (v.retention ?? []).map((/** @type {any} */ c) =>
        h(
          'tr',
          { 'data-class': c.dataClass },
          h('th', { scope: 'row' }, CLASS_NAMES[c.dataClass] ?? c.dataClass),
          h('td', { class: 'num' }, c.records),
          h('td', {}, expiryText(c), c.held ? h('strong', {}, ' · held past it') : null),
          h('td', {}, h('code', {}, c.retention)),
          h(
            'td',
            {},
            `${c.sealFirst ? 'sealed for litigation, then ' : ''}${ACTION_NAMES[c.afterExpiry] ?? c.afterExpiry}`,
          ),
        ),
      ),
    }),
  );
}

/** @param {any} p */
function participant(p) {
  if (!p) return '—';
  const parts = [p.name, p.phone, p.email, p.visitorId && `visitor ${p.visitorId}`].filter(Boolean);
  return parts.length ? parts.join(' · ') : '—';
}

/** @param {HTMLElement} content @param {string} id */
async function showContent(content, id) {
  let data;
  try {
    ({ data } = await api(ROUTES.content(id)));
  } catch (error) {
    replace(content, errorNotice(error, 'The content of the interaction could not be listed'));
    return;
  }
  replace(content, chatLogSection(content, id, data), recordingsSection(content, id, data));
}

/** @param {HTMLElement} content @param {string} id @param {any} data */
function chatLogSection(content, id, data) {
  const viewer = h('div', { id: 'transcript' });
  const feedback = h('div');
  const section = h(
    'section',
    { class: 'card', 'aria-labelledby': 'chat-title' },
    h('h2', { id: 'chat-title' }, 'Chat log'),
  );
  if (data.transcript.deletedAt) {
    section.append(
      h('p', {}, `The chat log was deleted on ${when(data.transcript.deletedAt)}. The general info is kept.`),
    );
    return section;
  }
  if (data.transcript.messages === 0) {
    section.append(h('p', {}, 'No chat log is stored for this interaction.'));
    return section;
  }
  const show = async () => {
    replace(viewer, h('p', { class: 'muted' }, 'Loading the chat log…'));
    try {
      const { data: t } = await api(ROUTES.transcript(id));
      replace(viewer, transcriptList(t.messages));
      announce(`Chat log shown: ${t.messages.length} messages.`);
    } catch (error) {
      replace(viewer, errorNotice(error, 'The chat log could not be shown'));
    }
  };
  const download = async () => {
    try {
      const res = await api(ROUTES.transcript(id), { query: { format: 'xml' }, accept: 'application/xml' });
      saveBlob(res.data, fileNameOf(res.headers, `chat-log-${id}.xml`));
      replace(feedback, h('div', { class: 'notice ok', role: 'status' }, h('p', {}, 'Chat log downloaded as XML.')));
    } catch (error) {
      replace(feedback, errorNotice(error, 'The chat log could not be downloaded'));
    }
  };
  const remove = async () => {
    const ok = await confirmDialog({
      title: 'Delete this chat log?',
      body: `All ${data.transcript.messages} messages are deleted for good, in every region. The general info is kept.`,
      confirm: 'Delete chat log',
    });
    if (!ok) return;
    try {
      await api(ROUTES.transcript(id), { method: 'DELETE' });
      announce('Chat log deleted.');
      await showContent(content, id);
    } catch (error) {
      replace(feedback, errorNotice(error, 'The chat log could not be deleted'));
    }
  };
  section.append(
    h(
      'p',
      {},
      `${data.transcript.messages} message${data.transcript.messages === 1 ? '' : 's'} stored (redacted). Viewing or downloading is written to the audit log.`,
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', onclick: show }, 'Show chat log'),
      mayNow('transcript.download') &&
        h('button', { type: 'button', class: 'secondary', onclick: download }, 'Download XML'),
      mayNow('transcript.delete') &&
        h('button', { type: 'button', class: 'danger', onclick: remove }, 'Delete chat log'),
    ),
    feedback,
    viewer,
  );
  return section;
}

/** @param {any[]} messages */
function transcriptList(messages) {
  return h(
    'ol',
    { class: 'transcript', 'aria-label': 'Chat log messages' },
    messages.map((m) =>
      h(
        'li',
        { class: `from-${m.from}` },
        h('div', { class: 'meta' }, `${m.from} · ${when(m.at)}`),
        m.text ? h('div', { class: 'text' }, m.text) : null,
        m.fields?.length
          ? h(
              'ul',
              {},
              m.fields.map((f) => h('li', {}, `${f.name}: ${f.value}`)),
            )
          : null,
        m.dtmf ? h('div', { class: 'meta' }, `keys: ${m.dtmf}`) : null,
        m.email ? h('div', { class: 'meta' }, `e-mail from ${m.email.fromAddress}`) : null,
      ),
    ),
  );
}

/** @param {HTMLElement} content @param {string} id @param {any} data */
function recordingsSection(content, id, data) {
  const section = h(
    'section',
    { class: 'card', 'aria-labelledby': 'rec-title' },
    h('h2', { id: 'rec-title' }, 'Recordings'),
  );
  if (data.recordings.length === 0) {
    section.append(h('p', {}, 'No recording is stored for this interaction.'));
    return section;
  }
  for (const rec of data.recordings) section.append(recordingItem(content, id, rec));
  return section;
}

/** @param {HTMLElement} content @param {string} id @param {any} rec */
function recordingItem(content, id, rec) {
  const label = `Recording of ${when(rec.at)}`;
  const audio = /** @type {HTMLAudioElement} */ (
    h('audio', { controls: true, preload: 'metadata', 'aria-label': label, hidden: true })
  );
  const feedback = h('div');
  const play = async () => {
    try {
      const { data: link } = await api(`${ROUTES.recording(id, rec.recordingId)}/play`);
      audio.src = link.url;
      audio.hidden = false;
      // A refused autoplay is not an error: the player's own controls are there to start it.
      await audio.play().catch(() => undefined);
      audio.focus();
      announce(`Playing the ${label.toLowerCase()}.`);
    } catch (error) {
      replace(feedback, errorNotice(error, 'The recording could not be played'));
    }
  };
  const download = async () => {
    try {
      const { data: link } = await api(`${ROUTES.recording(id, rec.recordingId)}/download`);
      const a = h('a', { href: link.url, download: '', rel: 'noreferrer', hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      replace(feedback, h('div', { class: 'notice ok', role: 'status' }, h('p', {}, 'Download started.')));
    } catch (error) {
      replace(feedback, errorNotice(error, 'The recording could not be downloaded'));
    }
  };
  const remove = async () => {
    const ok = await confirmDialog({
      title: 'Delete this recording?',
      body: 'The audio is deleted for good, every version of it. The general info is kept.',
      confirm: 'Delete recording',
    });
    if (!ok) return;
    try {
      audio.pause();
      audio.removeAttribute('src');
      await api(ROUTES.recording(id, rec.recordingId), { method: 'DELETE' });
      announce('Recording deleted.');
      await showContent(content, id);
    } catch (error) {
      replace(feedback, errorNotice(error, 'The recording could not be deleted'));
    }
  };
  return h(
    'div',
    { class: 'recording', 'data-recording': rec.recordingId },
    h('h3', {}, label),
    h(
      'p',
      { class: 'muted' },
      `${rec.mediaType}${rec.durationSeconds ? `, ${rec.durationSeconds} s` : ''}${rec.status === 'stored' ? '' : ` (${rec.status}: the channel has not completed its upload)`}`,
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', onclick: play }, 'Play'),
      mayNow('recording.download') &&
        h(
          'button',
          { type: 'button', class: 'secondary', onclick: download },
          `Download ${EXTENSIONS[rec.mediaType] ?? 'audio'}`,
        ),
      mayNow('recording.delete') &&
        h('button', { type: 'button', class: 'danger', onclick: remove }, 'Delete recording'),
    ),
    audio,
    feedback,
  );
}

const EXTENSIONS = { 'audio/mpeg': 'mp3', 'audio/wav': 'wav', 'audio/ogg': 'ogg' };

/** @param {string} s */
const capitalise = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);
