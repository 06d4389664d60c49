/**
 * The two clocks the engine reads, injected so that tests can substitute a deterministic fake.
 *
 * @example
 * const clock: Clock = { wallNs: () => performance.now() * 1e6, cpuNs: () => process.cpuUsage().user * 1e3 };
 * await measureTime(() => work(), { clock });
 */
export interface Clock {
  /** Monotonic wall-clock time in nanoseconds (arbitrary origin). */
  wallNs(): number;
  /** CPU time consumed so far in nanoseconds: the thread's where Node can tell it finely, else the whole process's. */
  cpuNs(): number;
  /**
   * The CPU clock's step in ns (how far a reading moves when it moves). Samples judged on CPU time are made to
   * last at least 100 steps. Unknown: 1 µs, the unit of `process.cpuUsage()`.
   */
  readonly cpuResolutionNs?: number;
  /** Which CPU clock this is, for messages (e.g. `'process.cpuUsage(), 2 µs steps'`). */
  readonly cpuSource?: string;
}
