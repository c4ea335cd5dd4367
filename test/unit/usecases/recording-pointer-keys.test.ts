import { interactionPartition } from '../../../functions/domain/record-keys';
import {
  isRecordingPointer,
  recordingIdOfPointer,
  recordingPointerKey,
} from '../../../functions/usecases/records/recording-pointer-keys';
import { surveyKey } from '../../../functions/usecases/records/survey-keys';

describe('recording pointer keys (functions/usecases/records/recording-pointer-keys.ts)', () => {
  it("sits in its interaction's partition and names the recording it points to", () => {
    // Prepare
    const recordingId = '01JEXAMPLERECORDING0000000';

    // Act
    const key = recordingPointerKey('t1', 'i1', recordingId);

    // Assess
    expect(key.pk).toBe(interactionPartition('t1', 'i1'));
    expect(isRecordingPointer(key)).toBe(true);
    expect(recordingIdOfPointer(key)).toBe(recordingId);
  });

  it('is told apart from the other items of the partition', () => {
    // Prepare
    const others = [{ sk: 'INFO' }, { sk: 'MSG#2026-12-01T10:00:00.000Z#000001' }, surveyKey('pk', 's1')];

    // Act
    const verdicts = others.map((item) => [isRecordingPointer(item), recordingIdOfPointer(item)]);

    // Assess
    expect(verdicts).toEqual(others.map(() => [false, undefined]));
  });
});
