import type { DataClass } from '../../../../functions/domain/data-class';
import { parsePolicy } from '../../../../functions/domain/policy/parse';
import { PRESETS, type PresetName } from '../../../../functions/domain/policy/presets';
import type { TenantPolicy, TenantPolicyInput } from '../../../../functions/domain/policy/schema';

/** A preset with its input edited before validation, as a tenant would edit and save it. */
export function editedPreset(name: PresetName, edit: (input: TenantPolicyInput) => void): TenantPolicy {
  const input = PRESETS[name]();
  edit(input);
  return parsePolicy(input);
}

/** A preset whose class `dataClass` is retained for `retention` instead. */
export const withRetention = (name: PresetName, dataClass: DataClass, retention: string): TenantPolicy =>
  editedPreset(name, (input) => {
    input.classes[dataClass] = { ...input.classes[dataClass], retention };
  });
