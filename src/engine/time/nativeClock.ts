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

/**
 * Which clock judges a time: `'cpu'` (CPU time, insensitive to other processes), `'wall'` (elapsed time, needed
 * for work that waits on I/O), or `'auto'`: CPU time for synchronous work, wall time for async work.
 *
 * @example
 * await expect(() => fetchUser(1)).toRunUnder(20, { clock: 'wall' });
 */
export type ClockMode = (typeof clockModes)[number];

/** Every clock mode, in the order messages list them. */
export const clockModes = ['auto', 'cpu', 'wall'] as const;

// Captured when the module loads: Jest's and Vitest's fake timers replace performance.now and process.hrtime on
// the global objects, and a measurement taken under fake timers must still read real time.
const hrtime = process.hrtime.bigint.bind(process.hrtime);
const cpuUsage = process.cpuUsage.bind(process);
// Node >= 23.9 can read the calling thread's CPU time; in a worker thread the process figure would count every
// other worker's CPU as ours.
const threadCpuUsage = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.bind(process);
const readCpu = threadCpuUsage ?? cpuUsage;

/**
 * The real clocks of this process: wall time from `process.hrtime.bigint()` (ns), CPU time from
 * `process.threadCpuUsage()` where available, else `process.cpuUsage()` (µs resolution, reported in ns).
 *
 * @example
 * const { samples } = await measureTime(() => parse(doc), { clock: nativeClock });
 */
export const nativeClock: Clock = {
  wallNs: () => Number(hrtime()),
  cpuNs: () => {
    const usage = readCpu();
    return (usage.user + usage.system) * 1000;
  },
};
