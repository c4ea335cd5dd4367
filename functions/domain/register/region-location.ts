import type { RegionLocation } from './schema';

/**
 * Where AWS regions are, as far as a record of processing needs it: whether storing there is a
 * transfer outside the EU/EEA (GDPR Chapter V) that needs a safeguard of its own.
 */
const LOCATIONS: Record<string, { location: string; inEea: boolean }> = {
  'eu-central-1': { location: 'Frankfurt, Germany', inEea: true },
  'eu-west-1': { location: 'Dublin, Ireland', inEea: true },
  'eu-west-3': { location: 'Paris, France', inEea: true },
  'eu-north-1': { location: 'Stockholm, Sweden', inEea: true },
  'eu-south-1': { location: 'Milan, Italy', inEea: true },
  'eu-south-2': { location: 'Aragon, Spain', inEea: true },
  'eu-west-2': { location: 'London, United Kingdom', inEea: false },
  'eu-central-2': { location: 'Zurich, Switzerland', inEea: false },
  'us-east-1': { location: 'N. Virginia, United States', inEea: false },
  'us-east-2': { location: 'Ohio, United States', inEea: false },
  'us-west-2': { location: 'Oregon, United States', inEea: false },
  'ca-central-1': { location: 'Montreal, Canada', inEea: false },
};

/** An unknown region is reported as outside the EEA: the register must not understate a transfer. */
export function regionLocation(region: string): RegionLocation {
  return { region, ...(LOCATIONS[region] ?? { location: 'see the AWS region list', inEea: false }) };
}
