/**
 * What the engine reports about its own work, for whoever watches it (the HTTP layer exports these as
 * Prometheus metrics). Every method is optional and must not throw.
 */
export interface EngineMetrics {
  /** One engine operation (one transaction) ended: its kind, how long it took, and how it ended. */
  operation?(kind: string, seconds: number, outcome: 'ok' | 'rejected' | 'conflict' | 'incident'): void;
  /** A timer fired this long after it was due. */
  timerFired?(lagSeconds: number): void;
  /** An operation waited this long for another one's lock on an instance (only called when it had to wait). */
  lockWaited?(seconds: number, acquired: boolean): void;
}
