import { PowertoolsBusinessMetrics } from '../../../functions/adapters/metrics/powertools-metrics';

describe('business metrics in AWS (CloudWatch embedded metric format)', () => {
  it('writes one line per count in the Lethe namespace, with the deployment as service and the data class as dimensions', () => {
    // Prepare
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    const metrics = new PowertoolsBusinessMetrics('acme');
    // Act
    try {
      metrics.count('RecordsDeleted', 7, { dataClass: 'transcript' });
      metrics.count('HoldsPlaced', 1);
    } finally {
      write.mockRestore();
    }
    // Assess
    const emitted = lines
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(emitted).toHaveLength(2);
    expect(emitted[0]).toMatchObject({ service: 'acme', dataClass: 'transcript', RecordsDeleted: 7 });
    expect(emitted[0]._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'Lethe',
        Dimensions: [['service', 'dataClass']],
        Metrics: [{ Name: 'RecordsDeleted', Unit: 'Count' }],
      },
    ]);
    expect(emitted[1]).toMatchObject({ service: 'acme', HoldsPlaced: 1 });
    expect(emitted[1]._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service']]);
  });
});
