import { parsePolicy } from '../../../functions/domain/policy/parse';
import { presetPolicy, puzzelPreset } from '../../../functions/domain/policy/presets';
import { LetheError } from '../../../functions/domain/errors';

describe('tenant policy', () => {
  it('the Puzzel preset keeps general info 180 days, recordings 14 days and chat logs 30 days', () => {
    // Act
    const policy = presetPolicy('puzzel');
    // Assess
    expect(policy.classes.interaction.retention).toBe('P180D');
    expect(policy.classes.recording.retention).toBe('P14D');
    expect(policy.classes.transcript.retention).toBe('P30D');
    expect(policy.channels.email.storeBody).toBe(false);
  });

  it('the iAdvize preset keeps SMS in the US and anonymises personal data at expiry', () => {
    const policy = presetPolicy('iadvize');
    expect(policy.channels.sms.region).toBe('us-east-1');
    expect(policy.channels.call.inFlightRegion).toBe('us-east-1');
    expect(policy.channels.call.retention.transcript).toBe('P12M');
    expect(policy.classes.transcript).toMatchObject({ retention: 'P3Y', afterExpiry: 'anonymize' });
    expect(policy.classes.litigation.retention).toBe('P5Y');
    expect(policy.litigation.sealClasses).toEqual(['interaction', 'transcript']);
  });

  it('the Inbenta preset archives raw events after 100 days for 2 years and keeps aggregates 3 years', () => {
    const policy = presetPolicy('inbenta');
    expect(policy.classes.event).toMatchObject({ retention: 'P100D', afterExpiry: 'archive', archiveRetention: 'P2Y' });
    expect(policy.classes.aggregate.retention).toBe('P3Y');
    expect(policy.offboarding.graceDays).toBe(60);
  });

  it('an invalid policy is rejected with every bad field named', () => {
    // Prepare
    const input = { ...puzzelPreset(), revision: 0, timeZone: 'Mars/Olympus', defaultRegion: 'europe' } as Record<
      string,
      unknown
    >;
    input.classes = {
      ...(input.classes as object),
      recording: { retention: 'fourteen days', afterExpiry: 'archive', purposes: [], lawfulBasis: 'because' },
    };
    // Act
    let error: unknown;
    try {
      parsePolicy(input);
    } catch (e) {
      error = e;
    }
    // Assess
    expect(error).toBeInstanceOf(LetheError);
    const paths = (error as LetheError).fields.map((f) => f.path).sort();
    expect(paths).toEqual(
      expect.arrayContaining([
        'revision',
        'timeZone',
        'defaultRegion',
        'classes.recording.retention',
        'classes.recording.purposes',
        'classes.recording.lawfulBasis',
      ]),
    );
  });

  it('an unknown preset names the ones that exist', () => {
    expect(() => presetPolicy('acme')).toThrow(/puzzel, iadvize, inbenta/);
  });
});
