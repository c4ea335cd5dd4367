import { api } from '../lib/api.js';
import { announce, confirmDialog, h, replace, when } from '../lib/dom.js';
import { errorNotice } from '../lib/errors.js';
import { ROUTES } from '../lib/routes.js';
import { currentClaims } from '../lib/session.js';
import { dataTable } from '../lib/table.js';
import { mayNow } from '../lib/abilities.js';

export const title = 'Litigation archive';

/**
 * The litigation archive: every sealed batch with its class, region, record count, sealing date
 * and the date it is destroyed. The legal role files a retrieval (written to the audit log) and
 * gets where the batch lies; opening it takes that role's own AWS identity, so others see the
 * list only.
 * @param {HTMLElement} main
 */
export function render(main) {
  const out = h('section', { 'aria-labelledby': 'batches-title' }, h('p', { class: 'muted' }, 'Loading…'));
  const retrieval = h('div', { id: 'retrieval' });
  const load = async () => {
    try {
      const { data } = await api(ROUTES.litigationBatches);
      const mayRetrieve = mayNow('litigation.retrieve');
      replace(
        out,
        h('h2', { id: 'batches-title' }, `Sealed batches (${data.batches.length})`),
        mayRetrieve
          ? null
          : h('p', { class: 'muted' }, 'Retrieving a batch is for the legal role only; your role may list them.'),
        batchesTable(data.batches, mayRetrieve ? (b) => retrieve(b, retrieval) : undefined),
      );
      announce(`${data.batches.length} batch${data.batches.length === 1 ? '' : 'es'} shown.`);
    } catch (error) {
      replace(out, errorNotice(error, 'The batches could not be listed'));
    }
  };
  replace(
    main,
    h('h1', {}, 'Litigation archive'),
    h(
      'p',
      { class: 'muted' },
      'Records the policy seals at expiry are kept encrypted, under Object Lock, until their retention end; only the legal-access role can open them.',
    ),
    retrieval,
    out,
  );
  void load();
}

/** @param {any[]} batches @param {((batch: any) => void) | undefined} onRetrieve */
function batchesTable(batches, onRetrieve) {
  if (batches.length === 0) return h('p', {}, 'No batch has been sealed.');
  return dataTable({
    label: 'Sealed batches',
    caption: 'Sealed litigation batches, oldest first',
    columns: ['Batch', 'Data class', 'Region', 'Records', 'Sealed', 'Kept until', ...(onRetrieve ? [''] : [])],
    rows: batches.map((b) =>
      h(
        'tr',
        { 'data-batch': b.batchId },
        h('td', {}, h('code', {}, b.batchId)),
        h('td', {}, b.sealedClass),
        h('td', {}, b.region, b.sourceRegion !== b.region ? ` (from ${b.sourceRegion})` : ''),
        h('td', { class: 'num' }, b.records),
        h('td', {}, when(b.sealedAt)),
        h('td', {}, when(b.retainUntil)),
        onRetrieve
          ? h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: () => onRetrieve(b) }, 'Retrieve'))
          : null,
      ),
    ),
  });
}

/** Files a retrieval (audited) and shows where the batch lies. @param {any} batch @param {HTMLElement} into */
async function retrieve(batch, into) {
  const sure = await confirmDialog({
    title: 'Retrieve this batch?',
    body: `The retrieval of batch ${batch.batchId} is written to the audit log under your name.`,
    confirm: 'Retrieve',
  });
  if (!sure) return;
  try {
    const { data } = await api(ROUTES.retrieveBatch(batch.batchId), { method: 'POST' });
    replace(
      into,
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'retrieval-title' },
        h('h2', { id: 'retrieval-title' }, `Retrieval of batch ${data.batch.batchId}`),
        h(
          'dl',
          { class: 'info' },
          h('dt', {}, 'Retrieved'),
          h('dd', {}, when(data.retrievedAt)),
          h('dt', {}, 'Region'),
          h('dd', {}, data.region),
          h('dt', {}, 'Bucket'),
          h('dd', {}, h('code', {}, data.bucket)),
          h('dt', {}, 'Object'),
          h('dd', {}, h('code', {}, data.objectKey)),
        ),
        h(
          'p',
          {},
          'Open it with the legal-access role: ',
          h(
            'code',
            {},
            `npx lethe litigation export --tenant ${currentClaims()?.tenant ?? '<tenant>'} --batch ${data.batch.batchId}`,
          ),
        ),
      ),
    );
    announce('Retrieval recorded.');
  } catch (error) {
    replace(into, errorNotice(error, 'The batch could not be retrieved'));
  }
}
