import { InvalidArgumentError } from 'commander';
import { ISO_INSTANT_FORMAT, IsoInstantSchema } from '../domain/instant';

/** Why `value` is no instant, naming the option and the format; undefined when it is one. */
export function instantProblem(option: string, value: string): string | undefined {
  return IsoInstantSchema.safeParse(value).success
    ? undefined
    : `${option} must be ${ISO_INSTANT_FORMAT}, not "${value}"`;
}

/**
 * Commander's parser for an option holding an instant: a bad one is a usage error (exit code 2)
 * before anything is sent. Commander names the option; the message names the format.
 */
export function instantOption(option: string): (value: string) => string {
  return (value) => {
    const problem = instantProblem(option, value);
    if (problem) throw new InvalidArgumentError(problem);
    return value;
  };
}
