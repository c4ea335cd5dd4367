import * as logs from 'aws-cdk-lib/aws-logs';

// Keeping logs forever is never lawful here, so INFINITE is not offered.
const ALLOWED = Object.values(logs.RetentionDays).filter(
  (v): v is number => typeof v === 'number' && v !== logs.RetentionDays.INFINITE,
);

/** The deployment config's `logRetentionDays` as CloudWatch accepts it; any other value stops synth. */
export function retentionDays(days: number): logs.RetentionDays {
  if (!ALLOWED.includes(days))
    throw new Error(
      `logRetentionDays ${days} is not a CloudWatch retention; use one of ${ALLOWED.sort((a, b) => a - b).join(', ')}`,
    );
  return days as logs.RetentionDays;
}
