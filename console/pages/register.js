import { api, fileNameOf } from '../lib/api.js';
import { h, replace, saveBlob, when } from '../lib/dom.js';
import { errorNotice } from '../lib/errors.js';
import { ROUTES } from '../lib/routes.js';
import { dataTable } from '../lib/table.js';

export const title = 'Record of processing';

/**
 * The record of processing (GDPR Art. 30) as readable sections, with the API's own Markdown
 * rendering as a download (one text for the CLI, the API and the console) and the browser's print
 * dialog for a PDF (the print style leaves out the header and the buttons).
 * @param {HTMLElement} main
 */
export function render(main) {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading the register…'));
  const feedback = h('div');
  const download = async () => {
    try {
      const { data, headers } = await api(ROUTES.register, { query: { format: 'md' }, accept: 'text/markdown' });
      saveBlob(data, fileNameOf(headers, 'record-of-processing.md'));
      replace(feedback);
    } catch (error) {
      replace(feedback, errorNotice(error, 'The Markdown could not be downloaded'));
    }
  };
  replace(
    main,
    h('h1', {}, 'Record of processing'),
    h(
      'div',
      { class: 'actions no-print' },
      h('button', { type: 'button', onclick: download }, 'Download Markdown'),
      h('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, 'Print or save as PDF'),
    ),
    feedback,
    body,
  );
  api(ROUTES.register).then(
    ({ data }) => replace(body, sections(data)),
    (error) => replace(body, errorNotice(error, 'The register could not be read')),
  );
}

/** @param {string[]} items */
const list = (items) =>
  items.length
    ? h(
        'ul',
        {},
        items.map((i) => h('li', {}, i)),
      )
    : h('p', {}, 'None.');

/** @param {any} r the RecordOfProcessing */
function sections(r) {
  return [
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'register-parties' },
      h('h2', { id: 'register-parties' }, 'Controller and processor'),
      h(
        'dl',
        { class: 'info' },
        h('dt', {}, 'Controller'),
        h('dd', {}, `${r.controller.name} (tenant ${r.controller.tenantId})`),
        h('dt', {}, 'Processor'),
        h('dd', {}, `${r.processor.name}: ${r.processor.role}`),
        h('dt', {}, 'Policy revision'),
        h('dd', {}, String(r.policyRevision)),
        h('dt', {}, 'Time zone'),
        h('dd', {}, r.timeZone),
        h('dt', {}, 'Generated'),
        h('dd', {}, when(r.generatedAt)),
      ),
      h('h3', {}, 'Data subjects'),
      list(r.dataSubjects),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'register-activities' },
      h('h2', { id: 'register-activities' }, 'Processing per data class'),
      dataTable({
        label: 'Processing activities',
        caption: 'One processing activity per data class',
        columns: ['Data class', 'Categories', 'Purposes', 'Lawful basis', 'Recipients', 'Retention', 'Regions'],
        rows: r.activities.map((a) =>
          h(
            'tr',
            { 'data-class': a.dataClass },
            h('th', { scope: 'row' }, a.dataClass),
            h('td', {}, a.categories.join(', ') || '—'),
            h('td', {}, a.purposes.join(', ') || '—'),
            h('td', {}, a.lawfulBasis),
            h('td', {}, a.recipients.join(', ') || '—'),
            h('td', {}, retention(a)),
            h('td', {}, a.regions.join(', ')),
          ),
        ),
      }),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'register-places' },
      h('h2', { id: 'register-places' }, 'Where the data lives'),
      list(r.regions.map((g) => `${g.region}: ${g.location}${g.inEea ? '' : ' (outside the EU/EEA)'}`)),
      h('h3', {}, 'Transfers outside the EU/EEA'),
      list(r.transfers.map((t) => `${t.region} (${t.location}): ${t.dataClasses.join(', ')}`)),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'register-security' },
      h('h2', { id: 'register-security' }, 'Security measures'),
      h(
        'dl',
        { class: 'info' },
        r.securityMeasures.map((m) => [h('dt', {}, m.measure), h('dd', {}, m.detail)]),
      ),
    ),
  ];
}

/** @param {any} a a processing activity */
function retention(a) {
  const { period, afterExpiry, archivePeriod, channelPeriods } = a.retention;
  return [
    `${period}, then ${afterExpiry}`,
    archivePeriod ? ` (archive kept ${archivePeriod})` : '',
    a.sealedForLitigation ? '; sealed for litigation' : '',
    ...channelPeriods.map((/** @type {any} */ c) => [h('br'), `${c.channel}: ${c.period}`]),
  ];
}
