import { FlowingClock } from '../../../infra/local/runtime/flowing-clock';
import type { LambdaHost } from '../../../infra/local/runtime/lambda-host';
import { parseSchedule } from '../../../infra/local/runtime/schedule-expression';
import { Scheduler, type ScheduledRule } from '../../../infra/local/runtime/scheduler';

describe('the local scheduler runs scheduled functions on the runtime clock', () => {
  const rule: ScheduledRule = {
    name: 'lethe-sweep',
    arn: 'arn:aws:events:eu-central-1:000000000000:rule/lethe-sweep',
    region: 'eu-central-1',
    expression: 'cron(15 1 * * ? *)',
    schedule: parseSchedule('cron(15 1 * * ? *)'),
    target: {
      stackName: 'S',
      region: 'eu-central-1',
      logicalId: 'Sweep',
      functionName: 'lethe-sweep',
      functionArn: 'arn',
      entry: 'x.ts',
      handler: 'handler',
      timeoutSeconds: 60,
      memoryMb: 256,
    },
  };
  const setup = (intervalMs?: number) => {
    const events: Array<Record<string, unknown>> = [];
    const host = {
      invoke: jest.fn(
        async (_target: unknown, event: Record<string, unknown>) => (
          events.push(event), { kind: 'result' as const, value: undefined }
        ),
      ),
    };
    const clock = new FlowingClock();
    const scheduler = new Scheduler(
      [rule],
      host as unknown as LambdaHost,
      clock,
      '000000000000',
      () => undefined,
      intervalMs,
    );
    return { events, clock, scheduler };
  };

  afterEach(() => {
    jest.useRealTimers();
  });

  it('fires at the next cron occurrence with a Scheduled Event for that instant', async () => {
    // Prepare
    jest.useFakeTimers({ now: new Date('2030-01-01T01:14:00Z') });
    const { events, scheduler } = setup();
    scheduler.start();

    // Act
    await jest.advanceTimersByTimeAsync(60_000);
    scheduler.stop();

    // Assess
    expect(events).toEqual([
      expect.objectContaining({
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        time: '2030-01-01T01:15:00Z',
        region: 'eu-central-1',
        resources: [rule.arn],
        account: '000000000000',
      }),
    ]);
  });

  it('re-plans when the clock is moved: moving to just before 01:15 makes the sweep run a second later', async () => {
    // Prepare
    jest.useFakeTimers({ now: new Date('2030-01-01T12:00:00Z') });
    const { events, clock, scheduler } = setup();
    scheduler.start();

    // Act
    clock.set(new Date('2030-01-05T01:14:59Z'));
    await jest.advanceTimersByTimeAsync(1_000);
    scheduler.stop();

    // Assess
    expect(events.map((e) => e.time)).toEqual(['2030-01-05T01:15:00Z']);
  });

  it('LETHE_SCHEDULE_INTERVAL_MS runs every rule at that interval instead', async () => {
    // Prepare
    jest.useFakeTimers({ now: new Date('2030-01-01T12:00:00Z') });
    const { events, scheduler } = setup(10_000);
    scheduler.start();

    // Act
    await jest.advanceTimersByTimeAsync(35_000);
    scheduler.stop();

    // Assess
    expect(events).toHaveLength(3);
  });
});
