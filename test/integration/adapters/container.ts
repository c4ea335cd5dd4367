import { Logger } from '@aws-lambda-powertools/logger';
import { ulid } from 'ulid';
import { SettableClock } from '../../../functions/domain/clock';
import { buildContainer, type Container } from '../../../functions/shared/container';
import { parseRuntimeConfig } from '../../../functions/shared/runtime-config';

/**
 * The production composition root pointed at the emulators the global setup started (its LETHE_*
 * variables), with a clock the test holds.
 */
export function testContainer(
  clock = new SettableClock('2024-03-01T09:00:00.000Z'),
): Container & { clock: SettableClock } {
  return {
    ...buildContainer({ clock, logger: new Logger({ logLevel: 'SILENT' }) }, parseRuntimeConfig(process.env)),
    clock,
  };
}

/** A tenant id of its own for every test, so tests never see each other's data. */
export const freshTenant = () => ulid();
