import { api } from '../lib/api.js';
import { h, replace, when } from '../lib/dom.js';
import { errorNotice } from '../lib/errors.js';
import { ROUTES } from '../lib/routes.js';
import { dataTable } from '../lib/table.js';

/**
 * The surveys answered about one interaction (score 0–10 and comment), a section of the
 * interaction page drawn once its answer arrives. A missing or denied interaction is the page's own
 * error (the surveys need the same access as the interaction): then the section goes.
 * @param {string} id
 */
export function surveysSection(id) {
  const section = h(
    'section',
    { class: 'card', 'aria-labelledby': 'surveys-title' },
    h('h2', { id: 'surveys-title' }, 'Surveys'),
    h('p', { class: 'muted' }, 'Loading…'),
  );
  const heading = section.firstChild;
  void api(ROUTES.surveys(id)).then(
    ({ data }) => replace(section, heading, surveysTable(data.surveys)),
    (error) =>
      error.status === 403 || error.status === 404
        ? section.remove()
        : replace(section, heading, errorNotice(error, 'The surveys could not be read')),
  );
  return section;
}

/** @param {Array<{ surveyId: string, score: number, at: string, comment?: string, commentWithheld?: boolean }>} surveys */
function surveysTable(surveys) {
  if (!surveys.length) return h('p', {}, 'No survey was answered about this interaction.');
  return dataTable({
    label: 'Survey answers',
    caption: 'Surveys of the interaction, oldest first',
    columns: ['Answered', 'Score (0–10)', 'Comment'],
    rows: surveys.map((s) =>
      h(
        'tr',
        { 'data-survey': s.surveyId },
        h('td', {}, when(s.at)),
        h('td', { class: 'num' }, s.score),
        h('td', {}, s.commentWithheld ? h('em', {}, 'withheld: processing is restricted') : (s.comment ?? '—')),
      ),
    ),
  });
}
