import { LetheError } from '../../../../functions/domain/errors';
import { presetPolicy } from '../../../../functions/domain/policy/presets';
import { assertRegionsDeployed, regionsNotDeployed } from '../../../../functions/domain/residency/deployed-regions';
import { regionFor, regionsOfClass, regionsOfTenant } from '../../../../functions/domain/residency/region-for';
import { editedPreset } from '../support/policies';

describe('data residency', () => {
  const iadvize = presetPolicy('iadvize');

  it('iAdvize: chat conversations are hosted in Frankfurt, SMS in the United States', () => {
    expect(regionFor(iadvize, 'transcript', 'chat')).toBe('eu-central-1');
    expect(regionFor(iadvize, 'transcript', 'sms')).toBe('us-east-1');
    expect(regionFor(iadvize, 'interaction', 'sms')).toBe('us-east-1');
  });

  it('iAdvize: call metadata lives in the US during the call and in the EU after /end', () => {
    expect(regionFor(iadvize, 'interaction', 'call', 'in-flight')).toBe('us-east-1');
    expect(regionFor(iadvize, 'interaction', 'call', 'final')).toBe('eu-central-1');
    expect(regionFor(iadvize, 'interaction', 'call')).toBe('eu-central-1');
  });

  it('a channel without an in-flight region keeps its final region during the call', () => {
    expect(regionFor(iadvize, 'interaction', 'sms', 'in-flight')).toBe('us-east-1');
    expect(regionFor(iadvize, 'interaction', 'chat', 'in-flight')).toBe('eu-central-1');
  });

  it('precedence: channel region > class region > default region', () => {
    // Prepare: transcripts in Ireland, SMS in the US, everything else in Frankfurt
    const policy = editedPreset('iadvize', (p) => {
      p.classes.transcript = { ...p.classes.transcript, region: 'eu-west-1' };
    });
    // Act / Assess
    expect(regionFor(policy, 'transcript', 'sms')).toBe('us-east-1');
    expect(regionFor(policy, 'transcript', 'chat')).toBe('eu-west-1');
    expect(regionFor(policy, 'transcript')).toBe('eu-west-1');
    expect(regionFor(policy, 'survey', 'chat')).toBe('eu-central-1');
  });

  it("every region where a tenant's data may live: iAdvize EU and US, Puzzel EU only", () => {
    expect(regionsOfTenant(iadvize)).toEqual(['eu-central-1', 'us-east-1']);
    expect(regionsOfTenant(presetPolicy('puzzel'))).toEqual(['eu-central-1']);
  });

  it("a region named only as a call's in-flight region still counts as a region of the tenant", () => {
    const policy = editedPreset('puzzel', (p) => {
      p.channels = { ...p.channels, call: { ...p.channels?.call, inFlightRegion: 'ap-southeast-2' } };
    });
    expect(regionsOfTenant(policy)).toEqual(['ap-southeast-2', 'eu-central-1']);
  });
});

describe('a policy may only name regions the deployment serves', () => {
  it('iAdvize on an EU-only deployment: the SMS region and the in-flight call region are named', () => {
    // Act
    const problems = regionsNotDeployed(presetPolicy('iadvize'), ['eu-central-1']);
    // Assess
    expect(problems.map((p) => p.path).sort()).toEqual(['channels.call.inFlightRegion', 'channels.sms.region']);
    expect(problems[0].message).toMatch(/us-east-1 is not served by this deployment \(it serves eu-central-1\)/);
  });

  it('the refusal is a VALIDATION_FAILED (400) naming every field', () => {
    // Act
    let error: unknown;
    try {
      assertRegionsDeployed(presetPolicy('iadvize'), ['eu-west-1']);
    } catch (e) {
      error = e;
    }
    // Assess
    expect(error).toBeInstanceOf(LetheError);
    expect((error as LetheError).status).toBe(400);
    expect((error as LetheError).fields.map((f) => f.path).sort()).toEqual([
      'channels.call.inFlightRegion',
      'channels.sms.region',
      'classes.litigation.region',
      'defaultRegion',
    ]);
  });

  it('a deployment serving every named region accepts the policy', () => {
    expect(() => assertRegionsDeployed(presetPolicy('iadvize'), ['eu-central-1', 'us-east-1'])).not.toThrow();
  });

  it("a class's regions are those of every revision: records stay where an earlier revision put them", () => {
    // Prepare: Puzzel keeps transcripts in Frankfurt; a later revision moves them to Ireland
    const before = presetPolicy('puzzel');
    const after = editedPreset('puzzel', (p) => {
      p.classes.transcript = { ...p.classes.transcript, region: 'eu-west-1' };
    });
    // Act
    const transcripts = regionsOfClass([after, before], 'transcript');
    const surveys = regionsOfClass([after, before], 'survey');
    // Assess
    expect(transcripts).toEqual(['eu-central-1', 'eu-west-1']);
    expect(surveys).toEqual(['eu-central-1']);
    expect(regionsOfClass([presetPolicy('iadvize')], 'interaction')).toEqual(['eu-central-1', 'us-east-1']);
  });
});
