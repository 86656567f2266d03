/**
 * Whether every process that answers landings holds the live documents, its warm-up over:
 * what `GET /readyz` tells a load balancer, so that no landing waits on the store.
 */
export class Readiness {
  private readonly warming = new Set<object>();
  private begun = false;

  /** `process` (this one, or a public worker) begins its warm-up. */
  begin(process: object): void {
    this.warming.add(process);
    this.begun = true;
  }

  /** `process` has warmed up, given up (it reads on demand), or exited. */
  end(process: object): void {
    this.warming.delete(process);
  }

  get ready(): boolean {
    return this.begun && this.warming.size === 0;
  }
}
