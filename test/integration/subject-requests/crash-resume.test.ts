import type { SubjectRequestJob, StepName } from '../../../functions/domain/subject-requests/job';
import type { SubjectRequestType } from '../../../functions/domain/subject-requests/request';
import { partitionPieces } from '../../../functions/usecases/subject-requests/find-subject';
import { fileSubjectRequest } from '../../../functions/usecases/subject-requests/file-request';
import { executeSubjectRequest, type JobHooks } from '../../../functions/usecases/subject-requests/run-request';
import type { RecordStore } from '../../../functions/ports/record-store';
import type { RegionalStores } from '../../../functions/ports/regional-stores';
import { newSubject, newTenant, storeSubject, testContainer, testDeps, type Stored } from './support';

/**
 * Where a crash is injected: after a step's checkpoint, after the first partition of the action
 * step, or inside a partition's work, at its first record deletion (after its keys and objects went).
 */
type CrashPoint = { afterStep: StepName } | { afterPartition: number } | { atFirstDeletion: true };

class Crash extends Error {}

const bodyOf = (type: SubjectRequestType, email: string, phone: string) => ({
  type,
  identifiers: { email, phone },
  options:
    type === 'rectify'
      ? { corrected: { email: 'corrected@example.fr' } }
      : type === 'anonymize'
        ? { content: 'delete' }
        : {},
});

/** The end state, without ids and times: what is stored where, and what the certificate says. */
async function endState(c: ReturnType<typeof testContainer>, tenantId: string, stored: Stored, job: SubjectRequestJob) {
  const items: string[] = [];
  for (const id of [stored.chatId, stored.smsId, stored.consentId]) {
    const pk = `T#${tenantId}#${id === stored.consentId ? 'C' : 'I'}#${id}`;
    for (const { region, items: found } of await partitionPieces(c.stores, pk))
      for (const i of found)
        items.push(
          [
            region,
            i.class ?? '-',
            i.sk.split('#')[0],
            typeof i.sealed === 'string',
            i.tier ?? 'live',
            i.restricted ? 'restricted' : '',
          ].join(' '),
        );
  }
  const objects: string[] = [];
  for (const region of c.stores.regions) {
    for (const prefix of ['recording', 'upload'].map((kind) => `${kind}/${tenantId}/${stored.chatId}/`))
      objects.push(
        `${region} ${prefix.split('/')[0]} ${(await c.stores.storesFor(region).content.listKeys(prefix)).items.length}`,
      );
    for (const id of [stored.chatId, stored.smsId, stored.consentId])
      objects.push(`${region} key ${Boolean(await c.stores.storesFor(region).keys.get(tenantId, id))}`);
  }
  const r = job.result!;
  return {
    status: job.status,
    items: items.sort(),
    objects,
    lines: r.lines.map((l) => [l.region, l.store, l.dataClass, l.found, l.action, l.done].join(' ')),
    verification: { remaining: r.verification.remaining, ok: r.verification.ok, checked: r.verification.checked },
    retained: r.retained.length,
    export: r.export && { records: r.export.records, files: r.export.files },
  };
}

async function scenario(type: SubjectRequestType, crash?: CrashPoint) {
  const c = testContainer();
  const tenant = await newTenant('iadvize');
  const a = newSubject('anna');
  const stored = await storeSubject(c, tenant, a);
  const deps =
    crash && 'atFirstDeletion' in crash ? { ...testDeps(c), stores: crashingAtFirstDeletion(c.stores) } : testDeps(c);
  const filed = await fileSubjectRequest(deps, tenant.tenantId, { kind: 'operator' }, bodyOf(type, a.email, a.phone));
  const hooks: JobHooks = {
    afterStep: (step) => {
      if (crash && 'afterStep' in crash && crash.afterStep === step) throw new Crash(`crash after ${step}`);
    },
    afterPartition: (done) => {
      if (crash && 'afterPartition' in crash && crash.afterPartition === done)
        throw new Crash(`crash after partition ${done}`);
    },
  };
  let crashed = false;
  try {
    await executeSubjectRequest(deps, tenant.tenantId, filed.requestId, hooks);
  } catch (error) {
    if (!(error instanceof Crash)) throw error;
    crashed = true;
  }
  // A new process picks the job up where the dead one left it.
  const job = await executeSubjectRequest(testDeps(testContainer()), tenant.tenantId, filed.requestId);
  return { crashed, state: await endState(c, tenant.tenantId, stored, job) };
}

/** Stores whose first `deleteItems` dies, as a process killed in the middle of a partition would. */
function crashingAtFirstDeletion(stores: RegionalStores): RegionalStores {
  let crashed = false;
  return {
    regions: stores.regions,
    storesFor: (region) => {
      const real = stores.storesFor(region);
      const records: RecordStore = Object.create(real.records);
      records.deleteItems = (keys) => {
        if (crashed) return real.records.deleteItems(keys);
        crashed = true;
        return Promise.reject(new Crash('crash in the middle of a partition'));
      };
      return { ...real, records };
    },
  };
}

const ACTION: Record<SubjectRequestType, StepName> = {
  erase: 'erase',
  anonymize: 'anonymize',
  export: 'package',
  rectify: 'rectify',
  restrict: 'restrict',
  object: 'object',
};

describe.each<SubjectRequestType>(['erase', 'anonymize', 'export', 'rectify', 'restrict'])(
  'a %s request cut short by a crash',
  (type) => {
    let reference: Awaited<ReturnType<typeof scenario>>['state'];

    beforeAll(async () => {
      reference = (await scenario(type)).state;
    });

    const points: CrashPoint[] = [
      { afterStep: 'inventory' },
      ...(type === 'export' ? [] : [{ afterPartition: 1 }]),
      ...(type === 'erase' || type === 'anonymize' ? [{ atFirstDeletion: true as const }] : []),
      { afterStep: ACTION[type] },
      { afterStep: 'verify' },
    ];
    it.each(points.map((p) => [JSON.stringify(p), p] as const))(
      'resumed after a crash %s ends in the same state as a run without crash',
      async (_label, point) => {
        // Prepare / Act
        const { crashed, state } = await scenario(type, point);
        // Assess
        expect(crashed).toBe(true);
        expect(reference.status).toBe('completed');
        expect(reference.verification.ok).toBe(true);
        expect(state).toEqual(reference);
      },
    );
  },
);
