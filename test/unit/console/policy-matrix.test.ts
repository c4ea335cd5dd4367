import { EXPIRY_ACTIONS, LAWFUL_BASES, matrixOf, policyFromMatrix } from '../../../console/lib/policy-matrix.js';
import {
  DATA_CLASSES,
  EXPIRY_ACTIONS as SCHEMA_EXPIRY_ACTIONS,
  LAWFUL_BASES as SCHEMA_LAWFUL_BASES,
} from '../../../functions/domain/data-class';
import { parsePolicy } from '../../../functions/domain/policy/parse';
import { presetPolicy } from '../../../functions/domain/policy/presets';

describe('the retention matrix of the console', () => {
  it('offers exactly the actions at expiry and the lawful bases the policy schema allows', () => {
    // Assess
    expect(EXPIRY_ACTIONS.map(([value]) => value)).toEqual([...SCHEMA_EXPIRY_ACTIONS]);
    expect(LAWFUL_BASES.map(([value]) => value)).toEqual([...SCHEMA_LAWFUL_BASES]);
  });

  it('has one row per data class, with the channel retentions that override the class', () => {
    // Act
    const rows = matrixOf(presetPolicy('iadvize'));
    // Assess
    expect(rows.map((r) => r.dataClass)).toEqual([...DATA_CLASSES]);
    const transcript = rows.find((r) => r.dataClass === 'transcript');
    expect(transcript).toMatchObject({ retention: 'P3Y', sealFirst: true });
    expect(transcript?.channelRetention).toEqual([
      { channel: 'call', retention: 'P12M' },
      { channel: 'sms', retention: 'P12M' },
    ]);
  });

  it('gives back the policy it was drawn from when no cell changed', () => {
    // Prepare
    const policy = presetPolicy('iadvize');
    // Act
    const unchanged = policyFromMatrix(policy, matrixOf(policy));
    // Assess
    expect(unchanged).toEqual(policy);
  });

  it('writes the edited cells, and only them, into a policy the schema accepts', () => {
    // Prepare
    const policy = presetPolicy('puzzel');
    const rows = matrixOf(policy).map((r) =>
      r.dataClass === 'recording'
        ? {
            ...r,
            retention: ' P7D ',
            afterExpiry: 'archive',
            archiveRetention: 'P1Y',
            sealFirst: true,
            region: 'eu-west-1',
          }
        : r.dataClass === 'survey'
          ? { ...r, purposes: 'quality\n training \n', lawfulBasis: 'consent' }
          : r,
    );
    // Act
    const edited = policyFromMatrix(policy, rows);
    // Assess
    expect(edited.classes.recording).toEqual({
      ...policy.classes.recording,
      retention: 'P7D',
      afterExpiry: 'archive',
      archiveRetention: 'P1Y',
      region: 'eu-west-1',
    });
    expect(edited.classes.survey).toEqual({
      ...policy.classes.survey,
      purposes: ['quality', 'training'],
      lawfulBasis: 'consent',
    });
    expect(edited.litigation.sealClasses).toEqual([...policy.litigation.sealClasses, 'recording']);
    expect({ ...edited, classes: policy.classes, litigation: policy.litigation }).toEqual(policy);
    expect(() => parsePolicy(edited)).not.toThrow();
    expect(policy.classes.recording.retention).not.toBe('P7D');
  });

  it('drops an archive retention and a region whose cell was emptied', () => {
    // Prepare
    const policy = presetPolicy('iadvize');
    const rows = matrixOf(policy).map((r) =>
      r.dataClass === 'event' ? { ...r, afterExpiry: 'delete', archiveRetention: '', region: '' } : r,
    );
    // Act
    const edited = policyFromMatrix(policy, rows);
    // Assess
    expect(edited.classes.event).not.toHaveProperty('archiveRetention');
    expect(edited.classes.event).not.toHaveProperty('region');
    expect(() => parsePolicy(edited)).not.toThrow();
  });
});
