import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { validationFailed } from '../domain/errors';
import { recordOfProcessingMarkdown } from '../domain/register/markdown';
import { container } from '../shared/container';
import { adminRequestOf } from '../shared/admin-access';
import { json, parseJsonBody, routeFor, withErrors } from '../shared/http';
import type { AdminRequest } from '../usecases/admin/admin-request';
import { listAudit, whoAmI } from '../usecases/admin/audit-admin';
import { listInteractionConsents, listSubjectConsents } from '../usecases/admin/consent-records';
import { bulkDelete, bulkDownload } from '../usecases/admin/bulk-content';
import { searchChatbotEvents, viewChatbotEvent } from '../usecases/admin/chatbot-events';
import type { AdminDeps } from '../usecases/admin/deps';
import { exportGeneralInfo } from '../usecases/admin/export-general-info';
import { interactionContent, viewInteraction } from '../usecases/admin/interaction-detail';
import { interactionSurveys } from '../usecases/admin/interaction-surveys';
import { kpiReport } from '../usecases/admin/kpi-access';
import { privacyKpiReport } from '../usecases/privacy-office/privacy-kpis';
import { policyRevisions, previewPolicy, readPolicy, savePolicy } from '../usecases/admin/policy-admin';
import { deleteRecording, recordingLink } from '../usecases/admin/recording-access';
import { newRecipientSecret } from '../usecases/admin/recipient-secrets-admin';
import { readRegister } from '../usecases/admin/register-admin';
import { searchInteractions } from '../usecases/admin/search-interactions';
import { sweepHistory } from '../usecases/admin/sweep-history-admin';
import { deleteTranscript, readTranscript } from '../usecases/admin/transcript-access';
import { adminDepsOf } from '../shared/admin-wiring';

/**
 * The admin API (Bearer admin token): archive search, general info, chat logs and recordings
 * (view, play, download, delete, in bulk too), general-info exports, KPIs and privacy KPIs, the tenant policy and
 * its recipients' webhook secrets, the record of processing, the audit log, the sweep history and the raw chatbot events.
 * Every decision is `authorize` in functions/domain/access; every content access, export and policy
 * change is in the audit log. Docs: docs/admin-api.md.
 */
const MAX_BODY_BYTES = 256 * 1024;

interface Call {
  deps: AdminDeps;
  request: AdminRequest;
  event: APIGatewayProxyEvent;
  id?: string;
  query: Record<string, string | undefined>;
}

type Route = (call: Call) => Promise<APIGatewayProxyResult>;

const ok = (body: unknown) => json(200, body);
const headerOf = (event: APIGatewayProxyEvent, name: string) =>
  Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1] ?? '';
/** The representation asked for: `?format=` wins, else the first whose media types the Accept header names, else the first. */
function formatOf<F extends string>(
  call: Call,
  formats: readonly [F, ...F[]],
  byAccept: Partial<Record<F, RegExp>>,
): F {
  const asked = call.query.format;
  if (asked !== undefined) {
    const known = formats.find((f) => f === asked);
    if (!known) throw validationFailed([{ path: 'format', message: `must be one of ${formats.join(', ')}` }]);
    return known;
  }
  const accept = headerOf(call.event, 'accept');
  return formats.find((f) => byAccept[f]?.test(accept)) ?? formats[0];
}
const attachment = (fileName: string) => ({ 'content-disposition': `attachment; filename="${fileName}"` });

function file(mediaType: string, body: string | Buffer, headers: Record<string, string> = {}): APIGatewayProxyResult {
  const binary = Buffer.isBuffer(body);
  return {
    statusCode: 200,
    headers: { 'content-type': mediaType, 'cache-control': 'no-store', ...headers },
    body: binary ? body.toString('base64') : body,
    ...(binary ? { isBase64Encoded: true } : {}),
  };
}

const ROUTES: Record<string, Route> = {
  'GET /v1/me': async ({ deps, request }) => ok(await whoAmI(deps, request)),
  'GET /v1/interactions': async ({ deps, request, query }) => ok(await searchInteractions(deps, request, query)),
  'GET /v1/interactions/export': async ({ deps, request, query }) => {
    const exported = await exportGeneralInfo(deps, request, query);
    return file(
      exported.mediaType,
      exported.mediaType.startsWith('text/') ? exported.bytes.toString('utf8') : exported.bytes,
      attachment(exported.fileName),
    );
  },
  'POST /v1/interactions/bulk-download': async ({ deps, request, event }) =>
    ok(await bulkDownload(deps, request, parseJsonBody(event, MAX_BODY_BYTES))),
  'POST /v1/interactions/bulk-delete': async ({ deps, request, event }) =>
    ok(await bulkDelete(deps, request, parseJsonBody(event, MAX_BODY_BYTES))),
  'GET /v1/interactions/{id}': async ({ deps, request, id }) => ok(await viewInteraction(deps, request, id)),
  'GET /v1/interactions/{id}/content': async ({ deps, request, id }) => ok(await interactionContent(deps, request, id)),
  'GET /v1/interactions/{id}/surveys': async ({ deps, request, id }) => ok(await interactionSurveys(deps, request, id)),
  'GET /v1/interactions/{id}/transcript': async (call) => {
    const format = formatOf(call, ['json', 'xml'], { xml: /\b(application|text)\/xml\b/ });
    const read = await readTranscript(call.deps, call.request, call.id, format);
    return read.xml === undefined
      ? ok(read.view)
      : file('application/xml; charset=utf-8', read.xml, attachment(`chat-log-${read.view.interactionId}.xml`));
  },
  'DELETE /v1/interactions/{id}/transcript': async ({ deps, request, id }) =>
    ok(await deleteTranscript(deps, request, id)),
  'GET /v1/interactions/{id}/recordings/{recordingId}/play': async ({ deps, request, id, event }) =>
    ok(await recordingLink(deps, request, id, event.pathParameters?.recordingId, 'play')),
  'GET /v1/interactions/{id}/recordings/{recordingId}/download': async ({ deps, request, id, event }) =>
    ok(await recordingLink(deps, request, id, event.pathParameters?.recordingId, 'download')),
  'DELETE /v1/interactions/{id}/recordings/{recordingId}': async ({ deps, request, id, event }) =>
    ok(await deleteRecording(deps, request, id, event.pathParameters?.recordingId)),
  'GET /v1/kpis': async ({ deps, request, query }) => ok(await kpiReport(deps, request, query)),
  'GET /v1/privacy-kpis': async ({ deps, request, query }) => ok(await privacyKpiReport(deps, request, query)),
  'GET /v1/policy': async ({ deps, request }) => ok(await readPolicy(deps, request)),
  'PUT /v1/policy': async ({ deps, request, event }) =>
    ok(await savePolicy(deps, request, parseJsonBody(event, MAX_BODY_BYTES))),
  'POST /v1/policy/diff': async ({ deps, request, event }) =>
    ok(await previewPolicy(deps, request, parseJsonBody(event, MAX_BODY_BYTES))),
  'GET /v1/policy/revisions': async ({ deps, request, query }) => ok(await policyRevisions(deps, request, query)),
  'POST /v1/recipient-secrets': async ({ deps, request, event }) =>
    json(201, await newRecipientSecret(deps, request, parseJsonBody(event, MAX_BODY_BYTES))),
  'GET /v1/register': async (call) => {
    const format = formatOf(call, ['json', 'md'], { md: /\btext\/markdown\b/ });
    const register = await readRegister(call.deps, call.request);
    return format === 'md' ? file('text/markdown; charset=utf-8', recordOfProcessingMarkdown(register)) : ok(register);
  },
  'GET /v1/audit': async ({ deps, request, query }) => ok(await listAudit(deps, request, query)),
  'GET /v1/sweep-history': async ({ deps, request, query }) => ok(await sweepHistory(deps, request, query)),
  'GET /v1/consents': async ({ deps, request, query }) => ok(await listSubjectConsents(deps, request, query)),
  'GET /v1/interactions/{id}/consents': async ({ deps, request, id }) =>
    ok(await listInteractionConsents(deps, request, id)),
  'GET /v1/chatbot-events': async ({ deps, request, query }) => ok(await searchChatbotEvents(deps, request, query)),
  'GET /v1/chatbot-events/{id}': async ({ deps, request, id }) => ok(await viewChatbotEvent(deps, request, id)),
};

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const c = container();
  return withErrors(c.logger, async (e) => {
    const { route } = routeFor(ROUTES, e);
    return route({
      deps: adminDepsOf(c),
      request: adminRequestOf(e, 'Admin routes'),
      event: e,
      id: e.pathParameters?.id,
      query: e.queryStringParameters ?? {},
    });
  })(event);
}
