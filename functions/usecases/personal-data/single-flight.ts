/** Concurrent calls for the same id share one run of their work (one KMS call, not one per caller). */
export class SingleFlight<T> {
  private readonly running = new Map<string, Promise<T>>();

  run(id: string, work: () => Promise<T>): Promise<T> {
    let pending = this.running.get(id);
    if (!pending) {
      pending = work().finally(() => this.running.delete(id));
      this.running.set(id, pending);
    }
    return pending;
  }
}
