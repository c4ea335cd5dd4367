import type { DataClass, ExpiryAction } from '../data-class';
import type { TenantPolicy } from '../policy/schema';

export interface ExpiryStep {
  action: ExpiryAction;
  /** Seal a copy in the litigation archive before acting (iAdvize: temporary archive, 5 years). */
  sealFirst: boolean;
}

/** What the sweep does to a record of `dataClass` the moment its retention ends. */
export function actionAtExpiry(policy: TenantPolicy, dataClass: DataClass): ExpiryStep {
  return {
    action: policy.classes[dataClass].afterExpiry,
    sealFirst: policy.litigation.sealClasses.includes(dataClass),
  };
}
