import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { Certificate } from '../../domain/subject-requests/certificate';
import { SUBJECT_REQUEST_TYPES, type SubjectRequestType } from '../../domain/subject-requests/request';
import type { SubjectRequestView } from '../../usecases/subject-requests/view-request';
import { adminTokenFor } from '../admin-token';
import { LetheApiClient } from '../api-client';
import { jsonText, newTable } from '../output';

/** What `lethe subject <type>` takes on the command line. */
export interface SubjectOptions {
  tenant: string;
  phone?: string;
  email?: string;
  visitorId?: string;
  name?: string;
  keepContent?: boolean;
  newPhone?: string;
  newEmail?: string;
  newVisitorId?: string;
  newName?: string;
  lift?: boolean;
  purpose?: string;
  token?: string;
  wait: boolean;
  pollMs: string;
  /** Print the request's final view as JSON instead of the certificate's tables. */
  json?: boolean;
}

const defined = (o: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The body of `POST /v1/subject-requests` for a command line. */
export function requestBodyOf(type: SubjectRequestType, o: SubjectOptions): Record<string, unknown> {
  const identifiers = defined({ phone: o.phone, email: o.email, visitorId: o.visitorId, name: o.name });
  const options =
    type === 'anonymize'
      ? { content: o.keepContent ? 'keep' : 'delete' }
      : type === 'rectify'
        ? { corrected: defined({ phone: o.newPhone, email: o.newEmail, visitorId: o.newVisitorId, name: o.newName }) }
        : type === 'restrict'
          ? { lift: Boolean(o.lift) }
          : type === 'object'
            ? { purpose: o.purpose }
            : {};
  return { type, identifiers, options };
}

/** The certificate as an operator reads it: what was found and done per region and store, what was kept and why, the re-scan. */
export function certificateReport(c: Certificate): string {
  const lines = newTable(['region', 'store', 'class', 'found', 'action', 'done']);
  for (const l of c.lines) lines.push([l.region, l.store, l.dataClass ?? '', l.found, l.action, l.done ?? '—']);
  const out = [
    `Certificate of ${c.type} request ${c.requestId} (round ${c.round}): ${c.outcome}, ${c.completedAt}`,
    `Searched by: ${c.searchedBy.join(', ')} in ${c.verification.regions.join(', ')}`,
    lines.toString(),
  ];
  if (c.retained.length) {
    const retained = newTable(['retained', 'region', 'id', 'classes', 'records', 'lawful basis', 'until']);
    for (const r of c.retained)
      retained.push([r.reason, r.region, r.id, r.classes.join(', '), r.records, r.lawfulBasis, r.until]);
    out.push(retained.toString());
  }
  if (c.deferred)
    out.push(
      `Deferred until holds ${c.deferred.holdIds.join(', ')} are released (${c.deferred.partitions} partition(s)); re-applied automatically then.`,
    );
  const v = c.verification;
  out.push(
    `Verification (${v.method}, ${v.keysChecked} key(s)): ${v.remaining} remaining, ${v.retained} retained${
      v.checked
        ? `, ${Object.entries(v.checked)
            .map(([k, n]) => `${k} ${n}`)
            .join(', ')}`
        : ''
    } — ${v.ok ? 'OK' : 'NOT OK'}`,
  );
  if (c.cryptoShredding)
    out.push(
      `Crypto-shredding: ${c.cryptoShredding.dataKeysDestroyed} data key(s) destroyed. ${c.cryptoShredding.statement}`,
    );
  if (c.export)
    out.push(
      `Package: ${c.export.records} record(s) in ${c.export.files} file(s), ${c.export.bytes} bytes, sha256 ${c.export.sha256}; ${c.export.withheldRestricted} restricted record(s) withheld.`,
    );
  if (c.recipients?.length) {
    const told = newTable(['recipient told (Art. 19)', 'status', 'attempts', 'last answer', 'delivered at']);
    for (const r of c.recipients)
      told.push([r.recipient, r.status, r.attempts, r.lastStatus ?? r.lastError ?? '—', r.deliveredAt ?? '—']);
    out.push(told.toString());
  }
  out.push(`Kept as proof until ${c.keptUntil}.`);
  return `${out.join('\n')}\n`;
}

/** The certificate, the download link and why the request stopped, as an operator reads them. */
function viewReport(view: SubjectRequestView): string {
  return [
    view.result ? certificateReport(view.result) : '',
    view.download ? `Download (until ${view.download.expiresAt}): ${view.download.url}\n` : '',
    view.error
      ? `Stopped: ${view.error.name}: ${view.error.message}. Run it again with the worker or the API to resume.\n`
      : '',
  ].join('');
}

const FINAL = new Set(['completed', 'incomplete', 'cancelled', 'failed', 'pending-verification']);

const tokenFor = (o: SubjectOptions, client: LetheApiClient) =>
  adminTokenFor(client, { token: o.token, tenant: o.tenant, role: 'admin' });

/** Files the request, follows it with a progress bar until it ends, prints its certificate. Exit code 1 unless verified. */
export async function runSubjectCommand(
  type: SubjectRequestType,
  o: SubjectOptions,
  client = new LetheApiClient(),
): Promise<SubjectRequestView | { requestId: string; status: string }> {
  const token = await tokenFor(o, client);
  const filed = await client.request<{ requestId: string; status: string }>('POST', '/v1/subject-requests', {
    token,
    tenant: o.tenant,
    body: requestBodyOf(type, o),
  });
  process.stderr.write(`Filed ${type} request ${filed.requestId} (${filed.status}).\n`);
  if (!o.wait) {
    if (o.json) process.stdout.write(jsonText(filed));
    return filed;
  }
  const bar = new SingleBar({
    format: ' {bar} {percentage}% | {step} | {partitionsDone}/{partitionsTotal} partitions',
    stream: process.stderr,
    hideCursor: true,
  });
  bar.start(100, 0, { step: filed.status, partitionsDone: 0, partitionsTotal: 0 });
  let view: SubjectRequestView;
  try {
    for (;;) {
      view = await client.request<SubjectRequestView>('GET', `/v1/subject-requests/${filed.requestId}`, {
        token,
        tenant: o.tenant,
      });
      bar.update(view.progress.percent, {
        step: view.status === 'running' ? view.progress.step : view.status,
        partitionsDone: view.progress.partitionsDone,
        partitionsTotal: view.progress.partitionsTotal,
      });
      if (FINAL.has(view.status)) break;
      await new Promise((r) => setTimeout(r, Number(o.pollMs)));
    }
  } finally {
    bar.stop();
  }
  process.stdout.write(o.json ? jsonText(view) : viewReport(view));
  if (view.status !== 'completed' || !view.result?.verification.ok) process.exitCode = 1;
  return view;
}

/** `lethe subject erase|anonymize|export|rectify|restrict --tenant T --phone … --email …`. */
export function register(program: Command): void {
  const subject = program
    .command('subject')
    .description('Data-subject requests: erase, anonymize, export, rectify, restrict (GDPR Art. 15-20).');
  for (const type of SUBJECT_REQUEST_TYPES) {
    const command = subject
      .command(type)
      .description(
        `File a${type === 'erase' || type === 'anonymize' || type === 'export' ? 'n' : ''} ${type} request, follow it and print its certificate.`,
      )
      .requiredOption('--tenant <tenantId>', 'the tenant')
      .option('--phone <phone>', "the subject's phone number")
      .option('--email <email>', "the subject's e-mail address")
      .option('--visitor-id <id>', "the subject's visitor id")
      .option('--name <name>', "the subject's name")
      .option('--token <jwt>', 'admin token (else LETHE_ADMIN_TOKEN, else one signed for the local stack)')
      .option('--no-wait', 'print the request id and return at once')
      .option('--poll-ms <ms>', 'how often to ask for progress', '500')
      .option('--json', 'print the request (with its certificate) as JSON instead of tables');
    if (type === 'anonymize')
      command.option('--keep-content', 'keep chat logs and recordings (no longer linked to the subject)');
    if (type === 'rectify')
      command
        .option('--new-phone <phone>', 'the corrected phone number')
        .option('--new-email <email>', 'the corrected e-mail address')
        .option('--new-visitor-id <id>', 'the corrected visitor id')
        .option('--new-name <name>', 'the corrected name');
    if (type === 'restrict') command.option('--lift', 'lift an earlier restriction');
    if (type === 'object')
      command.requiredOption(
        '--purpose <purpose>',
        'the purpose objected to (recording, storeContent or one the policy names)',
      );
    command.action(async (options: SubjectOptions) => {
      await runSubjectCommand(type, options);
    });
  }
}
