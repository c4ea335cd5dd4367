/** Time is injected everywhere it matters, so tests and the local runtime can move it. */
export interface Clock {
  now(): Date;
}
