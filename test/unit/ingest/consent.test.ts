import { LetheError } from '../../../functions/domain/errors';
import {
  assertNoticeAccepted,
  contentRefusal,
  interactionConsentOf,
  recordingRefusal,
  recordingRefused,
  withdrawnPurposes,
} from '../../../functions/domain/ingest/consent';
import { presetPolicy } from '../../../functions/domain/policy/presets';

const puzzel = presetPolicy('puzzel');
const iadvize = presetPolicy('iadvize');
const none = new Set<never>();

describe('consent at ingest', () => {
  it('Puzzel: "I do not accept that this chat is stored" drops the chat log and keeps general info', () => {
    // Prepare
    const consent = interactionConsentOf({ storeContent: false });
    // Act
    const refusal = contentRefusal(puzzel.channels.chat, consent, none);
    // Assess
    expect(refusal).toBe('opted_out');
  });

  it('an opt-out channel stores content when the end user was never asked', () => {
    expect(contentRefusal(puzzel.channels.chat, interactionConsentOf({}), none)).toBeUndefined();
  });

  it("Puzzel: a call is recorded only with the caller's consent", () => {
    expect(recordingRefusal(puzzel.channels.call, interactionConsentOf({}), none)).toBe('not_opted_in');
    expect(recordingRefusal(puzzel.channels.call, interactionConsentOf({ recording: false }), none)).toBe('opted_out');
    expect(recordingRefusal(puzzel.channels.call, interactionConsentOf({ recording: true }), none)).toBeUndefined();
  });

  it('a refused GDPR notice refuses content and recording alike', () => {
    const consent = interactionConsentOf({
      storeContent: true,
      recording: true,
      gdpr: { granted: false, noticeVersion: 'v3' },
    });
    expect(consent).toEqual({ content: 'refused', recording: 'refused' });
  });

  it('iAdvize: a chat whose GDPR notice was not accepted stores nothing at all', () => {
    // Act
    const act = () => assertNoticeAccepted(iadvize.channels.chat, { storeContent: true });
    // Assess
    expect(act).toThrow(LetheError);
    expect(act).toThrow(/Consent was refused.*Nothing was stored/);
    expect(() =>
      assertNoticeAccepted(iadvize.channels.chat, { gdpr: { granted: true, noticeVersion: 'v3' } }),
    ).not.toThrow();
    expect(() => assertNoticeAccepted(puzzel.channels.chat, {})).not.toThrow();
  });

  it('a withdrawn consent beats what the channel reported for the interaction', () => {
    // Prepare
    const withdrawn = withdrawnPurposes([{ purpose: 'storeContent', granted: false, at: '2025-03-01T10:00:00.000Z' }]);
    const consent = interactionConsentOf({ storeContent: true, recording: true });
    // Act / Assess
    expect(contentRefusal(puzzel.channels.chat, consent, withdrawn)).toBe('withdrawn');
    expect(recordingRefusal(puzzel.channels.call, consent, withdrawn)).toBeUndefined();
  });

  it('per purpose the latest proof decides, and a tie counts as a withdrawal', () => {
    expect(
      withdrawnPurposes([
        { purpose: 'storeContent', granted: false, at: '2025-03-01T10:00:00.000Z' },
        { purpose: 'storeContent', granted: true, at: '2025-03-02T10:00:00.000Z' },
        { purpose: 'recording', granted: true, at: '2025-03-01T10:00:00.000Z' },
        { purpose: 'recording', granted: false, at: '2025-03-01T10:00:00.000Z' },
      ]),
    ).toEqual(new Set(['recording']));
  });

  it('withdrawing gdpr withdraws every purpose, whatever was granted since', () => {
    // Prepare
    const withdrawn = withdrawnPurposes([
      { purpose: 'gdpr', granted: false, at: '2025-03-01T10:00:00.000Z' },
      { purpose: 'storeContent', granted: true, at: '2025-03-05T10:00:00.000Z' },
    ]);
    const consent = interactionConsentOf({ storeContent: true, recording: true });
    // Assess
    expect(contentRefusal(puzzel.channels.chat, consent, withdrawn)).toBe('withdrawn');
    expect(recordingRefusal(puzzel.channels.call, consent, withdrawn)).toBe('withdrawn');
  });

  it('the recording 403 says consent was refused and that deny_recording is recorded', () => {
    const error = recordingRefused('not_opted_in');
    expect(error.status).toBe(403);
    expect(error.code).toBe('CONSENT_REFUSED');
    expect(error.message).toMatch(/consent was refused.*deny_recording/i);
  });
});
