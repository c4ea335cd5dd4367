import { DYNAMODB_LOCAL_EXPOSURE, dynamoDbLocalCommand } from '../../../infra/local/emulators/dynamodb-local';

describe('how DynamoDB Local is started (finding M4)', () => {
  it('with a JDK, through the launcher that binds it to 127.0.0.1; without, from the jar', () => {
    // Act
    const loopback = dynamoDbLocalCommand('/jar', 8000, undefined, true);
    const plain = dynamoDbLocalCommand('/jar', 8000, undefined, false);
    // Assess
    expect(loopback.some((arg) => arg.endsWith('LoopbackDynamoDbLocal.java'))).toBe(true);
    expect(loopback).not.toContain('-jar');
    expect(plain.slice(plain.indexOf('-jar'), plain.indexOf('-jar') + 2)).toEqual(['-jar', '/jar/DynamoDBLocal.jar']);
  });

  it('never sends telemetry: nothing leaves loopback on our behalf', () => {
    // Act / Assess
    expect(
      [true, false].map((loopback) =>
        dynamoDbLocalCommand('/jar', 8000, undefined, loopback).includes('-disableTelemetry'),
      ),
    ).toEqual([true, true]);
  });

  it('when it cannot be bound, the start warns that it listens on every interface and takes any credentials', () => {
    // Act
    const warning = DYNAMODB_LOCAL_EXPOSURE(8000);
    // Assess
    expect(warning).toMatch(/every network interface \(port 8000\)/);
    expect(warning).toMatch(/accepts any credentials/);
  });
});
