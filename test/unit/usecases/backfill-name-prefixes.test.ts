import { namePrefixKeysOf } from '../../../functions/domain/subject/name-prefixes';
import type { ItemKey } from '../../../functions/ports/record-store';
import { placeHold } from '../../../functions/usecases/holds/place-hold';
import { startInteraction } from '../../../functions/usecases/ingest/start-interaction';
import { loadTenant } from '../../../functions/usecases/ingest/tenant-context';
import { EXPIRY_MARGIN_SECONDS } from '../../../functions/usecases/maintenance/backfill-interaction';
import {
  backfillNamePrefixes,
  type BackfillOptions,
} from '../../../functions/usecases/maintenance/backfill-name-prefixes';
import { counselOf, inMemoryContainer, openTenant } from '../../support/in-memory-container';
import { type Container, converse, partitionOf, PREFIX_SK, rawItems, request, search } from './name-prefix-support';

const prefixEntriesOf = (c: Container, tenantId: string, interactionId: string) =>
  partitionOf(c, tenantId, interactionId).filter((i) => i.sk.startsWith(PREFIX_SK));
const nameEntryOf = (c: Container, tenantId: string, interactionId: string) =>
  partitionOf(c, tenantId, interactionId).find((i) => i.sk.startsWith('SUBJ#name#'));

const run = (c: Container, tenantId: string, options: Partial<BackfillOptions> = {}) =>
  backfillNamePrefixes(c, tenantId, { shouldStop: () => false, ...options });

/** As stored before search by name start: the same interactions without any name-prefix entry. */
async function dropPrefixEntries(c: Container, tenantId: string): Promise<void> {
  for (const region of c.stores.regions) {
    const records = c.stores.storesFor(region).records;
    const keys: ItemKey[] = records
      .rawItems()
      .filter((i) => i.tenantId === tenantId && i.sk.startsWith(PREFIX_SK))
      .map((i) => ({ pk: i.pk, sk: i.sk }));
    await records.deleteItems(keys);
  }
}

describe('backfilling name-prefix entries of interactions stored before search by name start', () => {
  it('files each interaction the entries of its name, with the whole-name entry attributes, so a name start finds it', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const anna = await converse(c, tenantId, 'Anna Berg');
    const bo = await converse(c, tenantId, 'Bo Ström');
    await dropPrefixEntries(c, tenantId);
    const secret = (await loadTenant(c, tenantId)).subjectSecret;
    const foundBefore = await search(c, tenantId, { namePrefix: 'ber' });

    // Act
    const report = await run(c, tenantId);

    // Assess
    expect(foundBefore).toEqual([]);
    expect(report.complete).toBe(true);
    expect(report.counts).toMatchObject({ scanned: 2, backfilled: 2, upToDate: 0 });
    expect(await search(c, tenantId, { namePrefix: 'ber' })).toEqual([anna]);
    expect(await search(c, tenantId, { namePrefix: 'strö' })).toEqual([bo]);
    const entries = prefixEntriesOf(c, tenantId, anna);
    expect(entries.map((e) => e.sk).sort()).toEqual(
      namePrefixKeysOf('Anna Berg', secret)
        .map((k) => `${PREFIX_SK}${k.hmacHex}`)
        .sort(),
    );
    const nameEntry = nameEntryOf(c, tenantId, anna);
    for (const entry of entries)
      expect(entry).toMatchObject({
        class: nameEntry?.class,
        createdAt: nameEntry?.createdAt,
        expiresAt: nameEntry?.expiresAt,
        kind: 'namePrefix',
      });
    expect(report.counts.entriesWritten).toBe(entries.length + prefixEntriesOf(c, tenantId, bo).length);
  });

  it('a second run writes nothing', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    await converse(c, tenantId, 'Anna Berg');
    await converse(c, tenantId, 'Bo Ström');
    await dropPrefixEntries(c, tenantId);
    await run(c, tenantId);
    const stored = JSON.stringify(rawItems(c, tenantId).filter((i) => i.sk.startsWith('SUBJ#')));

    // Act
    const second = await run(c, tenantId);

    // Assess
    expect(second.complete).toBe(true);
    expect(second.counts).toMatchObject({ scanned: 2, backfilled: 0, entriesWritten: 0, upToDate: 2 });
    expect(JSON.stringify(rawItems(c, tenantId).filter((i) => i.sk.startsWith('SUBJ#')))).toBe(stored);
  });

  it('skips interactions without a name, anonymised and erased ones, and files nothing for them', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const nameless = await converse(c, tenantId);
    const anonymised = await converse(c, tenantId, 'Anna Berg');
    const erased = await converse(c, tenantId, 'Bo Ström');
    await dropPrefixEntries(c, tenantId);
    await request(c, tenantId, { type: 'anonymize', identifiers: { name: 'Anna Berg' }, options: {} });
    await request(c, tenantId, { type: 'erase', identifiers: { name: 'Bo Ström' } });

    // Act
    const report = await run(c, tenantId);

    // Assess
    expect(report.counts).toMatchObject({ backfilled: 0, entriesWritten: 0 });
    // An anonymised interaction is skipped, or not listed at all (its statistics expiry may lie in no bucket walked).
    expect(report.counts.skipped.noName).toBe(1);
    expect(report.counts.scanned).toBe(1 + report.counts.skipped.anonymised);
    for (const id of [nameless, anonymised, erased]) expect(prefixEntriesOf(c, tenantId, id)).toEqual([]);
    expect(partitionOf(c, tenantId, erased)).toEqual([]);
  });

  it('leaves alone an interaction within the margin of its expiry, which the sweep deletes as it read it', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const anna = await converse(c, tenantId, 'Anna Berg');
    await dropPrefixEntries(c, tenantId);
    const expiresAt = Number(nameEntryOf(c, tenantId, anna)?.expiresAt);
    c.clock.set(new Date((expiresAt - EXPIRY_MARGIN_SECONDS / 2) * 1000));

    // Act
    const report = await run(c, tenantId);

    // Assess
    expect(report.counts.skipped.expiring).toBe(1);
    expect(prefixEntriesOf(c, tenantId, anna)).toEqual([]);
  });

  it('leaves alone a call still in its in-flight region, whose end moves it and deletes what it copied', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'iadvize');
    const started = await startInteraction(c, tenantId, {
      body: { channel: 'call', startedAt: c.clock.now().toISOString(), participant: { name: 'Anna Berg' } },
    });
    const call = started.body.interactionId;
    await dropPrefixEntries(c, tenantId);

    // Act
    const report = await run(c, tenantId);

    // Assess
    expect(report.counts.skipped.inFlight).toBe(1);
    expect(prefixEntriesOf(c, tenantId, call)).toEqual([]);
  });

  it('backfills a held interaction with the held expiry of its name entry', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const anna = await converse(c, tenantId, 'Anna Berg');
    await placeHold(c, counselOf(tenantId), { identifiers: { name: 'Anna Berg' }, reason: 'claim 2026-90' });
    await dropPrefixEntries(c, tenantId);

    // Act
    const report = await run(c, tenantId);

    // Assess
    expect(report.counts.backfilled).toBe(1);
    const heldExpiresAt = nameEntryOf(c, tenantId, anna)?.heldExpiresAt;
    expect(typeof heldExpiresAt).toBe('number');
    const entries = prefixEntriesOf(c, tenantId, anna);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(entry.heldExpiresAt).toBe(heldExpiresAt);
      expect(entry.expiresAt).toBeUndefined();
    }
  });

  it('a run stopped after a page goes on from its checkpoint and ends with every interaction backfilled once', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const ids = [
      await converse(c, tenantId, 'Anna Berg'),
      await converse(c, tenantId, 'Bo Ström'),
      await converse(c, tenantId, 'Carl Dahl'),
    ];
    await dropPrefixEntries(c, tenantId);
    // Killed once the first interaction was backfilled: its position is what the checkpoint saved after the page.
    const first = await run(c, tenantId, {
      pageSize: 1,
      shouldStop: () => ids.some((id) => prefixEntriesOf(c, tenantId, id).length > 0),
    });
    const backfilledFirst = ids.filter((id) => prefixEntriesOf(c, tenantId, id).length > 0).length;

    // Act
    const resumed = await run(c, tenantId, { pageSize: 1 });

    // Assess
    expect(first.complete).toBe(false);
    expect(backfilledFirst).toBeGreaterThan(0);
    expect(backfilledFirst).toBeLessThan(ids.length);
    expect(resumed.complete).toBe(true);
    expect(resumed.startedAt).toBe(first.startedAt);
    expect(resumed.counts).toMatchObject({ scanned: 3, backfilled: 3, upToDate: 0 });
    for (const id of ids) expect(prefixEntriesOf(c, tenantId, id).length).toBeGreaterThan(0);
  });

  it('refuses a terminated tenant with a 409', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    await c.directory.updateProfile(tenantId, { status: 'terminated' });

    // Act
    const refused = await run(c, tenantId).catch((e: unknown) => e);

    // Assess
    expect(refused).toMatchObject({ status: 409 });
  });
});

describe('a backfill racing an erasure, anonymisation or rectification leaves no prefix entry behind', () => {
  it('backfilled after a rectification read the partition and before it commits: the old name leaves no prefix behind', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const anna = await converse(c, tenantId, 'Anna Berg');
    await dropPrefixEntries(c, tenantId);
    let backfilledInside = 0;
    // The rectification has read Anna's entries (none yet) and commits its transaction: the backfill commits first.
    for (const region of c.stores.regions) {
      const records = c.stores.storesFor(region).records;
      const transactWrite = records.transactWrite.bind(records);
      jest.spyOn(records, 'transactWrite').mockImplementation(async (operations) => {
        const renames = operations.some((o) => o.kind === 'put' && o.item.sk.startsWith('SUBJ#name#'));
        if (renames && !backfilledInside) backfilledInside = (await run(c, tenantId)).counts.backfilled;
        return transactWrite(operations);
      });
    }

    // Act
    const done = await request(c, tenantId, {
      type: 'rectify',
      identifiers: { name: 'Anna Berg' },
      options: { corrected: { name: 'Anna Lind' } },
    });

    // Assess
    expect(done.status).toBe('completed');
    expect(backfilledInside).toBe(1);
    expect(await search(c, tenantId, { namePrefix: 'ber' })).toEqual([]);
    expect(await search(c, tenantId, { namePrefix: 'lin' })).toEqual([anna]);
    expect(prefixEntriesOf(c, tenantId, anna)).toHaveLength(namePrefixKeysOf('Anna Lind', new Uint8Array(32)).length);
  });

  it('erased between the backfill reading the interaction and writing: the write is refused, nothing of her is left', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const anna = await converse(c, tenantId, 'Anna Berg');
    await dropPrefixEntries(c, tenantId);
    const eraseAnna = async () => {
      await request(c, tenantId, { type: 'erase', identifiers: { name: 'Anna Berg' } });
    };

    // Act
    const report = await run(c, tenantId, { beforeWrite: eraseAnna });

    // Assess
    expect(report.counts.skipped.changedMeanwhile).toBe(1);
    expect(partitionOf(c, tenantId, anna)).toEqual([]);
  });

  it('anonymised between the backfill reading the interaction and writing: no prefix entry is left', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const anna = await converse(c, tenantId, 'Anna Berg');
    await dropPrefixEntries(c, tenantId);
    const anonymiseAnna = async () => {
      await request(c, tenantId, { type: 'anonymize', identifiers: { name: 'Anna Berg' }, options: {} });
    };

    // Act
    const report = await run(c, tenantId, { beforeWrite: anonymiseAnna });

    // Assess
    expect(report.counts.skipped.changedMeanwhile).toBe(1);
    expect(partitionOf(c, tenantId, anna).filter((i) => i.sk.startsWith('SUBJ#'))).toEqual([]);
  });

  it('backfilled while an erasure that already read the partition deletes its records: the erasure takes the new entries too', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const anna = await converse(c, tenantId, 'Anna Berg');
    await dropPrefixEntries(c, tenantId);
    const shred = c.vault.shred.bind(c.vault);
    let backfilledInside = 0;
    // The erasure has read Anna's partition and is about to destroy its data key: the backfill runs right then.
    jest.spyOn(c.vault, 'shred').mockImplementation(async (...args) => {
      if (!backfilledInside) backfilledInside = (await run(c, tenantId)).counts.backfilled;
      return shred(...args);
    });

    // Act
    const done = await request(c, tenantId, { type: 'erase', identifiers: { name: 'Anna Berg' } });

    // Assess
    expect(done.status).toBe('completed');
    expect(backfilledInside).toBe(1);
    expect(partitionOf(c, tenantId, anna)).toEqual([]);
  });
});
