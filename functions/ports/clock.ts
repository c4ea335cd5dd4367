/** The clock port is the domain's Clock (functions/domain/clock.ts): use cases and adapters take it from here. */
export type { Clock } from '../domain/clock';
