import { policyChangeLines, summaryTable, SweepTallies } from '../../../functions/domain/sweep/summary';

describe('the sweep summary', () => {
  it('has one line per tenant × class × region with something to say, in class order, and a total', () => {
    // Prepare
    const tallies = new SweepTallies();
    tallies.count('t1', 'transcript', 'eu-central-1', 'due', 3);
    tallies.count('t1', 'transcript', 'eu-central-1', 'deleted', 2);
    tallies.count('t1', 'transcript', 'eu-central-1', 'held');
    tallies.count('t1', 'interaction', 'eu-central-1', 'due');
    tallies.count('t1', 'interaction', 'eu-central-1', 'failed');
    // Act
    const table = summaryTable({ rows: tallies.sorted() });
    // Assess
    expect(table.head).toEqual([
      'tenant',
      'class',
      'region',
      'due',
      'deleted',
      'anonymised',
      'archived',
      'sealed',
      'held',
      'failed',
    ]);
    expect(table.body).toEqual([
      ['t1', 'interaction', 'eu-central-1', 1, 0, 0, 0, 0, 0, 1],
      ['t1', 'transcript', 'eu-central-1', 3, 2, 0, 0, 0, 1, 0],
      ['total', '', '', 4, 2, 0, 0, 0, 1, 1],
    ]);
  });

  it('says how many records each policy change affected', () => {
    const lines = policyChangeLines({
      policyChanges: [
        {
          tenantId: 't1',
          region: 'eu-central-1',
          dataClass: 'transcript',
          fromRevision: 1,
          toRevision: 2,
          shortened: 5,
          lengthened: 0,
          unchanged: 1,
          dueNow: 2,
        },
      ],
    });
    expect(lines).toEqual([
      't1 transcript eu-central-1: policy revision 1 → 2 shortened 5, lengthened 0, unchanged 1 (2 due at once)',
    ]);
  });
});
