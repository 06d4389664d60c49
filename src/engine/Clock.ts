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
  /** CPU time consumed so far in nanoseconds: the thread's where Node can tell it, else the whole process's. */
  cpuNs(): number;
}
