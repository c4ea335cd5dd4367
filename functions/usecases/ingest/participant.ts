import { LetheError, validationFailed } from '../../domain/errors';
import type { Participant } from '../../domain/records';
import type { KnownIdentifiers } from '../../domain/redaction';
import { subjectKeysOf, type SubjectKey } from '../../domain/subject/subject-key';
import type { IngestDeps } from './deps';
import type { LocatedInteraction } from './interaction-info';
import { openedFields } from '../records/record-items';
import { entriesOfPartition, subjectHmacsOfEntries } from '../records/subject-index';
import type { TenantContext } from './tenant-context';

/** Subject keys of identifiers sent under `path` (`participant`, `subject`), errors named by full path. */
export function subjectKeysAt(tenant: TenantContext, identifiers: Participant, path: string): SubjectKey[] {
  const { phone, email, name, visitorId } = identifiers;
  try {
    return subjectKeysOf({ phone, email, name, visitorId }, tenant.subjectSecret, tenant.policy.defaultCallingCode);
  } catch (error) {
    if (!(error instanceof LetheError)) throw error;
    throw validationFailed(
      error.fields.map((f) => ({ ...f, path: `${path}.${f.path}` })),
      error.message,
    );
  }
}

/** The keyed hashes an interaction names its subject by (not its name prefixes), read from its own partition. */
export async function subjectHmacsOf(deps: Pick<IngestDeps, 'stores'>, located: LocatedInteraction): Promise<string[]> {
  const records = deps.stores.storesFor(located.region).records;
  return subjectHmacsOfEntries(await entriesOfPartition(records, located.item.pk));
}

/** The interaction's own name, e-mail and phone, which its texts are redacted for. */
export async function knownIdentifiersOf(
  deps: Pick<IngestDeps, 'vault'>,
  located: LocatedInteraction,
): Promise<KnownIdentifiers> {
  const opened = await openedFields(deps.vault, located.region, located.info.interactionId, located.item);
  const participant = (opened.participant ?? {}) as Participant;
  return { name: participant.name, email: participant.email, phone: participant.phone };
}
