import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { callApi } from '../../support/api';
import { chat, newTenant, recordsOf, testContainer } from './support';

const LETHE = join(__dirname, '../../../bin/lethe.js');
const run = (...args: string[]) => promisify(execFile)(process.execPath, [LETHE, ...args], { env: process.env });

describe('lethe sweep, lethe tenant terminate and lethe tenant backfill-name-prefixes', () => {
  it('sweep --dry-run counts what is due and changes nothing; the real sweep prints the same table and deletes', async () => {
    // Prepare: a Puzzel chat whose logs are due 31 days from now
    const tenant = await newTenant('puzzel');
    const conversation = await chat(tenant);
    const now = new Date(Date.now() + 31 * 86_400_000).toISOString();

    // Act
    const dry = await run('sweep', '--tenant', tenant.tenantId, '--dry-run', '--now', now);
    const kept = (await recordsOf(tenant.tenantId)).filter(
      (i) => i.pk === conversation.pk && i.sk.startsWith('MSG#'),
    ).length;
    const real = await run('sweep', '--tenant', tenant.tenantId, '--now', now);

    // Assess: the summary table per tenant × class × region, and what happened
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colour codes
    const plain = (out: string) => out.replace(/\u001b\[\d+m/g, '');
    const row = (out: string) =>
      plain(out)
        .split('\n')
        .find((l) => l.includes(tenant.tenantId) && l.includes('transcript'))!;
    expect(dry.stdout).toContain('dry run: nothing was changed');
    expect(plain(dry.stdout)).toMatch(
      /tenant.*class.*region.*due.*deleted.*anonymised.*archived.*sealed.*held.*failed/,
    );
    expect(row(dry.stdout).replace(/[│|]/g, ' ').split(/\s+/).filter(Boolean)).toEqual([
      tenant.tenantId,
      'transcript',
      'eu-central-1',
      '2',
      '2',
      '0',
      '0',
      '0',
      '0',
      '0',
    ]);
    expect(kept).toBe(2);
    expect(row(real.stdout)).toEqual(row(dry.stdout));
    expect(
      (await recordsOf(tenant.tenantId)).filter((i) => i.pk === conversation.pk && i.sk.startsWith('MSG#')),
    ).toEqual([]);
  }, 120_000);

  it('tenant terminate waits for the package built in the background, then prints when everything goes and where the package is', async () => {
    // Prepare
    const tenant = await newTenant('inbenta');
    await chat(tenant);

    // Act
    const { stdout, stderr } = await run('tenant', 'terminate', tenant.tenantId, '--poll-ms', '100');

    // Assess
    const result = JSON.parse(stdout) as {
      purgeAfter: string;
      package: { status: string; records: number; url: string };
    };
    expect(result.package).toMatchObject({ status: 'ready', records: 4 });
    expect(result.package.url).toMatch(/^http/);
    expect(Date.parse(result.purgeAfter) - Date.now()).toBeGreaterThan(59 * 86_400_000);
    expect(stderr).toMatch(/The package \(4 records\) is ready; its link works until /);
  });

  it('tenant backfill-name-prefixes files the name-start entries an older interaction lacks, so a name start finds it; a second run writes nothing', async () => {
    // Prepare: Anna Lind's chat as stored before search by name start (its prefix entries removed)
    const tenant = await newTenant('puzzel');
    const conversation = await chat(tenant);
    const prefixEntries = async () =>
      (await recordsOf(tenant.tenantId)).filter(
        (i) => i.pk === conversation.pk && String(i.sk).startsWith('SUBJ#namePrefix#'),
      );
    const filedAtIngest = (await prefixEntries()).map((i) => i.sk).sort();
    const records = testContainer().stores.storesFor('eu-central-1').records;
    await records.deleteItems((await prefixEntries()).map((i) => ({ pk: i.pk, sk: String(i.sk) })));
    const searchLin = () =>
      callApi<{ items: { interactionId: string }[] }>('/v1/interactions?namePrefix=lin', {
        headers: { authorization: `Bearer ${tenant.adminToken}` },
      });
    const before = await searchLin();

    // Act
    const first = await run('tenant', 'backfill-name-prefixes', tenant.tenantId);
    const filed = (await prefixEntries()).map((i) => i.sk).sort();
    const second = await run('tenant', 'backfill-name-prefixes', tenant.tenantId);

    // Assess
    expect(before.body.items).toEqual([]);
    expect(JSON.parse(first.stdout)).toMatchObject({
      complete: true,
      counts: { scanned: 1, backfilled: 1, entriesWritten: filedAtIngest.length },
    });
    expect(filedAtIngest.length).toBeGreaterThan(0);
    expect(filed).toEqual(filedAtIngest);
    expect((await searchLin()).body.items.map((i) => i.interactionId)).toEqual([conversation.interactionId]);
    expect(JSON.parse(second.stdout)).toMatchObject({
      complete: true,
      counts: { scanned: 1, backfilled: 0, entriesWritten: 0, upToDate: 1 },
    });
    expect(first.stdout + first.stderr).not.toMatch(/anna|lind/i);
  }, 120_000);
});
