// Every API path the console calls, in one place (docs/admin-api.md has their roles and answers).
/** @param {string} id */
const interaction = (id) => `/v1/interactions/${encodeURIComponent(id)}`;

export const ROUTES = {
  me: '/v1/me',
  search: '/v1/interactions',
  export: '/v1/interactions/export',
  bulkDelete: '/v1/interactions/bulk-delete',
  bulkDownload: '/v1/interactions/bulk-download',
  interaction,
  content: (/** @type {string} */ id) => `${interaction(id)}/content`,
  transcript: (/** @type {string} */ id) => `${interaction(id)}/transcript`,
  surveys: (/** @type {string} */ id) => `${interaction(id)}/surveys`,
  recording: (/** @type {string} */ id, /** @type {string} */ recordingId) =>
    `${interaction(id)}/recordings/${encodeURIComponent(recordingId)}`,
  audit: '/v1/audit',
  policy: '/v1/policy',
  policyDiff: '/v1/policy/diff',
  subjectRequests: '/v1/subject-requests',
  subjectRequest: (/** @type {string} */ id) => `/v1/subject-requests/${encodeURIComponent(id)}`,
  confirmSubjectRequest: (/** @type {string} */ id) => `/v1/subject-requests/${encodeURIComponent(id)}/confirm`,
  extendSubjectRequest: (/** @type {string} */ id) => `/v1/subject-requests/${encodeURIComponent(id)}/extension`,
  kpis: '/v1/kpis',
  privacyKpis: '/v1/privacy-kpis',
  chatbotEvents: '/v1/chatbot-events',
  chatbotEvent: (/** @type {string} */ id) => `/v1/chatbot-events/${encodeURIComponent(id)}`,
  archive: (/** @type {string} */ dataClass) => `/v1/archive/${encodeURIComponent(dataClass)}`,
  archiveMonths: (/** @type {string} */ dataClass) => `/v1/archive/${encodeURIComponent(dataClass)}/months`,
  holds: '/v1/holds',
  releaseHold: (/** @type {string} */ id) => `/v1/holds/${encodeURIComponent(id)}/release`,
  register: '/v1/register',
  sweepHistory: '/v1/sweep-history',
  litigationBatches: '/v1/litigation/batches',
  retrieveBatch: (/** @type {string} */ id) => `/v1/litigation/batches/${encodeURIComponent(id)}/retrievals`,
  subjectConsents: '/v1/consents',
  interactionConsents: (/** @type {string} */ id) => `${interaction(id)}/consents`,
};
