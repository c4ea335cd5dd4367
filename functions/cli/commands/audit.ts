import type { Command } from 'commander';
import type { ChainVerdict } from '../../domain/audit/verify-chain';
import type { Container } from '../../shared/container';
import { listAuditEntries } from '../../usecases/admin/audit-admin';
import { verifyAuditChain } from '../../usecases/admin/verify-audit';
import { adminDepsOf } from '../../shared/admin-wiring';
import { instantOption } from '../instant-option';
import { jsonText, newTable } from '../output';
import { storeContainer } from '../store-access';
import { requireKnownTenant } from '../tenant-lookup';

interface ListOptions {
  tenant: string;
  user?: string;
  action?: string;
  interaction?: string;
  from?: string;
  to?: string;
  support?: boolean;
  limit: string;
  json?: boolean;
}

/**
 * `lethe audit verify --tenant T`: reads the tenant's audit chain straight from the store, page by
 * page, and checks every link from the stored anchor to the stored head (an edited entry, a gap,
 * a bad tombstone signature, entries cut off the end). Prints OK, or the first bad sequence number
 * and what is wrong with it (exit code 1).
 * `lethe audit list --tenant T [filters]`: the newest entries as a table.
 * Both read the stores with this shell's AWS credentials (locally: the `npm start` stack).
 */
export function register(program: Command): void {
  const audit = program.command('audit').description("A tenant's tamper-evident audit log.");
  audit
    .command('verify')
    .description("Verify the hash chain of a tenant's audit log; exit code 1 at the first bad entry.")
    .requiredOption('--tenant <tenantId>', 'the tenant')
    .action(async (options: { tenant: string }) => {
      const verdict = await verifyTenantAudit(storeContainer(), options.tenant);
      process.stdout.write(`${verdictLine(options.tenant, verdict)}\n`);
      if (!verdict.ok) process.exitCode = 1;
    });
  audit
    .command('list')
    .description('List audit entries, newest first.')
    .requiredOption('--tenant <tenantId>', 'the tenant')
    .option('--user <userId>', 'only this staff user')
    .option('--action <action>', 'only this action, e.g. recording.play')
    .option('--interaction <interactionId>', 'only entries about this interaction')
    .option('--from <iso>', 'from this instant', instantOption('--from'))
    .option('--to <iso>', 'until this instant', instantOption('--to'))
    .option('--support', 'only vendor support accesses')
    .option('--limit <n>', 'at most this many entries', '50')
    .option('--json', 'print the entries as JSON ({items, nextToken}) instead of a table')
    .action(async (options: ListOptions) => {
      process.stdout.write(await auditTable(storeContainer(), options));
    });
}

/** Whether the tenant exists, from the directory these commands read anyway. */
const directoryOf = (container: Container) => async (tenantId: string) =>
  (await container.directory.getProfile(tenantId)) !== undefined;

export async function verifyTenantAudit(container: Container, tenantId: string): Promise<ChainVerdict> {
  await requireKnownTenant(directoryOf(container), tenantId);
  const { auditLog } = adminDepsOf(container);
  return verifyAuditChain(auditLog, await container.tenantSecrets.auditKey(tenantId), tenantId);
}

export function verdictLine(tenantId: string, verdict: ChainVerdict): string {
  if (verdict.ok)
    return `OK: the audit log of tenant ${tenantId} verifies (${verdict.checked} links checked, head at seq ${verdict.head.seq}).`;
  const why = {
    edited: 'its content or link was changed',
    gap: 'an entry is missing (or repeated, or out of order)',
    'bad-signature': 'a tombstone signature does not verify',
  }[verdict.problem];
  return `BROKEN: the audit log of tenant ${tenantId} fails at seq ${verdict.firstBadSeq}: ${verdict.problem} (${why}).`;
}

export async function auditTable(container: Container, options: ListOptions): Promise<string> {
  await requireKnownTenant(directoryOf(container), options.tenant);
  const page = await listAuditEntries(adminDepsOf(container), options.tenant, {
    ...(options.user ? { user: options.user } : {}),
    ...(options.action ? { action: options.action } : {}),
    ...(options.interaction ? { interactionId: options.interaction } : {}),
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
    ...(options.support ? { support: 'true' } : {}),
    limit: options.limit,
  });
  if (options.json) return jsonText(page);
  const table = newTable(['seq', 'at', 'user', 'role', 'support', 'action', 'interaction', 'from', 'details']);
  for (const e of page.items)
    table.push([
      e.seq,
      e.at,
      e.actor.user,
      e.actor.role,
      e.actor.support ? 'yes' : '',
      e.action,
      e.interactionId ?? '',
      e.from,
      JSON.stringify(e.details),
    ]);
  return `${table.toString()}\n${page.nextToken ? 'more entries: narrow the filters or raise --limit\n' : ''}`;
}
