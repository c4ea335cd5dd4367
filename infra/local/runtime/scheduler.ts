import { randomUUID } from 'node:crypto';
import type { LocalCloud } from '../provisioning/local-cloud';
import { resourcesOfType } from '../provisioning/template';
import type { FlowingClock } from './flowing-clock';
import { describeError, type FunctionHost, type Invocation } from './lambda-host';
import { lambdaTarget, referencedFunction, type LambdaTarget } from './lambda-target';
import { nextOccurrence, parseSchedule, type Schedule } from './schedule-expression';

export interface ScheduledRule {
  name: string;
  arn: string;
  region: string;
  expression: string;
  schedule: Schedule;
  target: LambdaTarget;
  /** The target's constant Input, which replaces the scheduled event when set. */
  input?: unknown;
}

/** Enabled AWS::Events::Rule resources with a ScheduleExpression that target a Lambda function. */
export function scheduledRules(cloud: LocalCloud): { rules: ScheduledRule[]; problems: string[] } {
  const rules: ScheduledRule[] = [];
  const problems: string[] = [];
  for (const stack of cloud.stacks)
    for (const [id, resource] of resourcesOfType(stack.template, 'AWS::Events::Rule')) {
      const props = resource.Properties ?? {};
      if (!props.ScheduleExpression || props.State === 'DISABLED') continue;
      const expression = stack.resolveString(props.ScheduleExpression, `${id}.ScheduleExpression`);
      for (const t of (props.Targets ?? []) as Array<Record<string, unknown>>) {
        const fnId = referencedFunction(stack, t.Arn);
        const target = fnId
          ? lambdaTarget(stack, fnId)
          : { problem: 'its target is not a Lambda function of the stack' };
        try {
          if ('problem' in target) throw new Error(target.problem);
          const input = t.Input === undefined ? undefined : JSON.parse(stack.resolveString(t.Input, `${id}.Input`));
          rules.push({
            name: stack.ref(id),
            arn: stack.getAtt(id, 'Arn'),
            region: stack.region,
            expression,
            schedule: parseSchedule(expression),
            target,
            input,
          });
        } catch (error) {
          problems.push(
            `schedule ${stack.ref(id)} (${expression}) does not run locally: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    }
  return { rules, problems };
}

/**
 * Runs scheduled functions on timers, as EventBridge would: each rule fires at the next occurrence
 * of its expression on the runtime's clock (moving the clock re-plans), or every `intervalMs`
 * (LETHE_SCHEDULE_INTERVAL_MS) when set, for demos.
 */
export class Scheduler {
  private readonly timers = new Map<ScheduledRule, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly rules: ScheduledRule[],
    private readonly host: FunctionHost,
    private readonly clock: FlowingClock,
    private readonly account: string,
    private readonly log: (line: string) => void,
    private readonly intervalMs?: number,
  ) {}

  start(): void {
    for (const rule of this.rules) this.plan(rule);
    if (!this.intervalMs)
      this.clock.onChange(() => {
        for (const r of this.rules) this.plan(r);
      });
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** When each rule fires next, on the runtime's clock. */
  describe(): string[] {
    return this.rules.map((r) =>
      this.intervalMs
        ? `${r.name}: every ${this.intervalMs} ms (LETHE_SCHEDULE_INTERVAL_MS)`
        : `${r.name}: ${r.expression}, next at ${nextOccurrence(r.schedule, this.clock.now()).toISOString()}`,
    );
  }

  /** `firedAt`: the occurrence that just fired, so a timer that wakes a millisecond early does not fire it twice. */
  private plan(rule: ScheduledRule, firedAt?: Date): void {
    clearTimeout(this.timers.get(rule));
    if (this.stopped) return;
    const now = this.clock.now();
    const at = this.intervalMs ? undefined : nextOccurrence(rule.schedule, firedAt && firedAt > now ? firedAt : now);
    const delay = at ? at.getTime() - now.getTime() : this.intervalMs!;
    this.timers.set(
      rule,
      setTimeout(() => void this.fire(rule, at ?? this.clock.now()), Math.max(0, delay)),
    );
  }

  private async fire(rule: ScheduledRule, at: Date): Promise<void> {
    this.plan(rule, at);
    await this.invoke(rule, at);
  }

  /** Runs the rule's target once, as the occurrence `at` does, and logs the outcome. */
  private async invoke(rule: ScheduledRule, at: Date): Promise<Invocation> {
    const id = randomUUID();
    const event = rule.input ?? {
      version: '0',
      id,
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: this.account,
      time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: rule.region,
      resources: [rule.arn],
      detail: {},
    };
    const outcome = await this.host.invoke(rule.target, event, id);
    if (outcome.kind === 'result') this.log(`schedule ${rule.name} ran ${rule.target.functionName} (${id})`);
    else
      this.log(
        `schedule ${rule.name}: ${rule.target.functionName} ${outcome.kind === 'timeout' ? 'timed out' : `failed: ${describeError(outcome.error)}`} (${id})`,
      );
    return outcome;
  }
}
