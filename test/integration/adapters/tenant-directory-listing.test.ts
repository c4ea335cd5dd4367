import { allPages } from '../../../functions/usecases/records/pages';
import { LISTED_UNDER } from '../../../functions/ports/tenant-directory';
import { freshTenant, testContainer } from './container';

/** A listing of this test's own, so items other test files list never show up here. */
const listing = () => `test-listing-${freshTenant()}`;

describe("the tenant directory's listing across tenants (gsi1, sparse)", () => {
  const { directory } = testContainer();
  const listed = (name: string) => allPages((cursor) => directory.listListed(name, { cursor }));

  it('lists the items of every tenant put or updated with LISTED_UNDER, by tenant then sort key, as plain tenant items', async () => {
    // Prepare
    const name = listing();
    const [first, second] = [freshTenant(), freshTenant()].sort();
    // Act
    await directory.putItem({ tenantId: second, sk: 'JOB#02', status: 'queued', [LISTED_UNDER]: name });
    await directory.putItem({ tenantId: first, sk: 'JOB#01', status: 'queued' });
    await directory.updateItem(first, 'JOB#01', { set: { status: 'running', [LISTED_UNDER]: name } });
    await directory.putItem({ tenantId: first, sk: 'JOB#00', status: 'completed' }); // never listed
    // Assess
    expect(await listed(name)).toEqual([
      { tenantId: first, sk: 'JOB#01', status: 'running' },
      { tenantId: second, sk: 'JOB#02', status: 'queued' },
    ]);
    expect(await directory.getItem(first, 'JOB#01', { consistent: true })).toEqual({
      tenantId: first,
      sk: 'JOB#01',
      status: 'running',
    });
  });

  it('an update that removes LISTED_UNDER takes the item out of the listing and keeps it in its tenant', async () => {
    // Prepare
    const name = listing();
    const tenantId = freshTenant();
    await directory.putItem({ tenantId, sk: 'JOB#01', status: 'running', [LISTED_UNDER]: name });
    // Act
    await directory.updateItem(tenantId, 'JOB#01', { set: { status: 'completed' }, remove: [LISTED_UNDER] });
    // Assess
    expect(await listed(name)).toEqual([]);
    expect(await directory.getItem(tenantId, 'JOB#01', { consistent: true })).toEqual({
      tenantId,
      sk: 'JOB#01',
      status: 'completed',
    });
  });
});
