import JSZip from 'jszip';
import { LetheError } from '../../../functions/domain/errors';
import { namePrefixKeysOf } from '../../../functions/domain/subject/name-prefixes';
import { placeHold } from '../../../functions/usecases/holds/place-hold';
import { loadTenant } from '../../../functions/usecases/ingest/tenant-context';
import { runSweep } from '../../../functions/usecases/nightly-sweep/run-sweep';
import { counselOf, inMemoryContainer, openTenant } from '../../support/in-memory-container';
import { type Container, converse, partitionOf, PREFIX_SK, rawItems, request, search } from './name-prefix-support';

const prefixEntries = (c: Container, tenantId: string) =>
  rawItems(c, tenantId).filter((i) => i.sk.startsWith(PREFIX_SK));

/** A tenant with Anna Berg, Annabelle Lind and Bo Ström, each in one chat. */
async function threePeople(c: Container) {
  const tenantId = await openTenant(c, 'puzzel');
  return {
    tenantId,
    anna: await converse(c, tenantId, 'Anna Berg'),
    annabelle: await converse(c, tenantId, 'Annabelle Lind'),
    bo: await converse(c, tenantId, 'Bo Ström'),
  };
}

describe('search by the start of a name', () => {
  it('finds every interaction whose name has a word starting so, and with several words only those matching each', async () => {
    // Prepare
    const c = inMemoryContainer();
    const { tenantId, anna, annabelle, bo } = await threePeople(c);

    // Act
    const ann = await search(c, tenantId, { namePrefix: 'ANN' });
    const annBer = await search(c, tenantId, { namePrefix: 'ann ber' });
    const annPlusBer = await search(c, tenantId, { namePrefix: 'ann+ber' });
    const strom = await search(c, tenantId, { namePrefix: 'strö' });
    const withWholeName = await search(c, tenantId, { namePrefix: 'ann', name: 'annabelle lind' });

    // Assess
    expect(ann).toEqual([anna, annabelle].sort());
    expect(annBer).toEqual([anna]);
    expect(annPlusBer).toEqual([anna]); // a + typed for a space, as forms send it
    expect(strom).toEqual([bo]);
    expect(withWholeName).toEqual([annabelle]);
  });

  it('refuses a word shorter than 3 characters with a 400 naming namePrefix', async () => {
    // Prepare
    const c = inMemoryContainer();
    const { tenantId } = await threePeople(c);

    // Act
    const refused = await search(c, tenantId, { namePrefix: 'ann b' }).catch((e: unknown) => e);

    // Assess
    expect(refused).toBeInstanceOf(LetheError);
    expect((refused as LetheError).status).toBe(400);
    expect((refused as LetheError).fields.map((f) => f.path)).toEqual(['namePrefix']);
  });

  it("stores keyed hashes of the prefixes only, in the interaction's own partition", async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const secret = (await loadTenant(c, tenantId)).subjectSecret;

    // Act
    const anna = await converse(c, tenantId, 'Anna Berg');

    // Assess
    const entries = partitionOf(c, tenantId, anna).filter((i) => i.sk.startsWith('SUBJ#namePrefix#'));
    expect(entries.map((e) => e.sk).sort()).toEqual(
      namePrefixKeysOf('Anna Berg', secret)
        .map((k) => `SUBJ#namePrefix#${k.hmacHex}`)
        .sort(),
    );
    expect(JSON.stringify(entries).toLowerCase()).not.toMatch(/ann|berg/);
  });
});

describe('a name prefix never stands for a person', () => {
  it('erasing "Anna" leaves "Annabelle" untouched and no prefix entry of Anna behind', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const anna = await converse(c, tenantId, 'Anna');
    const annabelle = await converse(c, tenantId, 'Annabelle');
    const annabelleBefore = partitionOf(c, tenantId, annabelle);

    // Act
    const done = await request(c, tenantId, { type: 'erase', identifiers: { name: 'Anna' } });

    // Assess
    expect(done.status).toBe('completed');
    expect(partitionOf(c, tenantId, anna)).toEqual([]);
    expect(partitionOf(c, tenantId, annabelle)).toEqual(annabelleBefore);
    expect(await search(c, tenantId, { namePrefix: 'anna' })).toEqual([annabelle]);
  });

  it('anonymising "Anna" removes her prefix entries and leaves "Annabelle" untouched', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const anna = await converse(c, tenantId, 'Anna');
    const annabelle = await converse(c, tenantId, 'Annabelle');
    const annabelleBefore = partitionOf(c, tenantId, annabelle);

    // Act
    const done = await request(c, tenantId, { type: 'anonymize', identifiers: { name: 'Anna' }, options: {} });

    // Assess
    expect(done.status).toBe('completed');
    expect(partitionOf(c, tenantId, anna).filter((i) => i.sk.startsWith('SUBJ#'))).toEqual([]);
    expect(partitionOf(c, tenantId, annabelle)).toEqual(annabelleBefore);
  });

  it('exporting "Anna" packages Anna\'s interaction, not "Annabelle\'s"', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const anna = await converse(c, tenantId, 'Anna');
    const annabelle = await converse(c, tenantId, 'Annabelle');

    // Act
    const done = await request(c, tenantId, { type: 'export', identifiers: { name: 'Anna' }, options: {} });

    // Assess
    expect(done.status).toBe('completed');
    const packages = c.exports.rawObjects().filter((o) => o.key.includes(tenantId));
    const files = await Promise.all(
      packages.map(async (o) => {
        const zip = await JSZip.loadAsync(o.bytes);
        return Promise.all(Object.values(zip.files).map(async (f) => `${f.name}\n${await f.async('string')}`));
      }),
    );
    const packaged = files.flat().join('\n');
    expect(packages).toHaveLength(1);
    expect(packaged).toContain(anna);
    expect(packaged).not.toContain(annabelle);
  });

  it('a hold on "Anna" keeps Anna, not "Annabelle"', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const anna = await converse(c, tenantId, 'Anna');
    const annabelle = await converse(c, tenantId, 'Annabelle');

    // Act
    await placeHold(c, counselOf(tenantId), { identifiers: { name: 'Anna' }, reason: 'claim 2026-90' });

    // Assess
    const heldOf = (id: string) => partitionOf(c, tenantId, id).filter((i) => i.heldExpiresAt !== undefined);
    expect(heldOf(anna).length).toBeGreaterThan(0);
    expect(heldOf(annabelle)).toEqual([]);
  });

  it('rectifying "Anna Berg" to "Anna Lind" moves the prefixes with the name: "ber" no longer finds her, "lin" does', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const anna = await converse(c, tenantId, 'Anna Berg');
    const secret = (await loadTenant(c, tenantId)).subjectSecret;

    // Act
    const done = await request(c, tenantId, {
      type: 'rectify',
      identifiers: { name: 'Anna Berg' },
      options: { corrected: { name: 'Anna Lind' } },
    });

    // Assess
    expect(done.status).toBe('completed');
    expect(await search(c, tenantId, { namePrefix: 'ber' })).toEqual([]);
    expect(await search(c, tenantId, { namePrefix: 'anna lin' })).toEqual([anna]);
    expect(
      prefixEntries(c, tenantId)
        .map((e) => e.sk)
        .sort(),
    ).toEqual(
      namePrefixKeysOf('Anna Lind', secret)
        .map((k) => `SUBJ#namePrefix#${k.hmacHex}`)
        .sort(),
    );
  });

  it('the sweep leaves no prefix entry of an interaction past its retention', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    await converse(c, tenantId, 'Anna Berg');
    const later = new Date(c.clock.now().getTime() + 20 * 366 * 86_400_000);

    // Act
    c.clock.set(later);
    await runSweep(c, { tenantId, now: later });

    // Assess
    expect(prefixEntries(c, tenantId)).toEqual([]);
  });
});
