import { GCProfiler } from 'node:v8';
import { isMainThread } from 'node:worker_threads';
import { chooseCpuClock, type CpuClockCandidate, type CpuClockReading } from './chooseCpuClock.js';

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
  /**
   * Starts counting this thread's garbage-collection pauses; the returned function stops and gives their total
   * in ns of wall time. Absent where pauses cannot be read (then none are counted).
   */
  gcPauses?(): () => number;
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
// Fake timers never replace process.uptime (the same monotonic source, in seconds as a double): it is the
// fallback when hrtime was already faked before this module loaded.
const uptime = process.uptime.bind(process);
const cpuUsage = process.cpuUsage.bind(process);
// Node >= 23.9 (and 22.23) can read the calling thread's CPU time; in a worker thread the process figure would
// count every other worker's CPU as ours.
const threadCpuUsage = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.bind(process);
const inWorkerThread = !isMainThread;

const hrtimeNs = (): number => Number(hrtime());
const uptimeNs = (): number => uptime() * 1e9;
const usageNs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) * 1000;

/**
 * How the real clocks of this process were chosen: the wall clock's source and the CPU clock's source, scope
 * and measured resolution, with what was measured of every CPU clock the runtime offers.
 *
 * @example
 * const { cpu } = nativeClockInfo();
 * console.log(`${cpu.source}: ${cpu.resolutionNs / 1e3} µs steps`);
 */
export interface NativeClockInfo {
  wallSource: 'process.hrtime.bigint()' | 'process.uptime()';
  cpu: CpuClockReading;
  readings: CpuClockReading[];
  /** Whether this code runs in a worker thread (where a process-wide CPU clock also counts other workers). */
  workerThread: boolean;
}

let chosen: { info: NativeClockInfo; wallNs: () => number; cpuNs: () => number } | undefined;

function calibrate(): NonNullable<typeof chosen> {
  if (chosen !== undefined) return chosen;
  const wallNs = hrtimeIsReal() ? hrtimeNs : uptimeNs;
  const candidates: CpuClockCandidate[] = [];
  if (threadCpuUsage !== undefined) candidates.push({ source: 'process.threadCpuUsage()', scope: 'thread', readNs: () => usageNs(threadCpuUsage()) });
  candidates.push({ source: 'process.cpuUsage()', scope: 'process', readNs: () => usageNs(cpuUsage()) });
  const choice = chooseCpuClock(candidates, wallNs);
  const { readNs, ...cpu } = choice.chosen;
  chosen = {
    info: { wallSource: wallNs === hrtimeNs ? 'process.hrtime.bigint()' : 'process.uptime()', cpu, readings: choice.readings, workerThread: inWorkerThread },
    wallNs,
    cpuNs: readNs,
  };
  return chosen;
}

/**
 * Whether the hrtime captured at load is the real clock: fake timers installed before perfspec loaded leave it
 * frozen or moving in jumps of their own, while process.uptime keeps real time.
 */
function hrtimeIsReal(): boolean {
  // The hrtime readings enclose the uptime readings, so a real hrtime spans at least as much whatever the
  // scheduler does in between; a fake one that is frozen (or only moves when told) spans far less.
  const hr0 = hrtimeNs();
  const up0 = uptimeNs();
  let up1 = up0;
  for (let i = 0; i < 1e6 && up1 - up0 < 200_000; i++) up1 = uptimeNs();
  const hrElapsed = hrtimeNs() - hr0;
  return hrElapsed >= 0.5 * (up1 - up0);
}

/**
 * What the real clocks of this process are, measured once on first use (a few ms): which CPU clock is used,
 * its resolution and scope, and where wall time is read from.
 *
 * @example
 * nativeClockInfo().cpu.source; // 'process.cpuUsage()' where the thread clock ticks in 4 ms steps
 */
export function nativeClockInfo(): NativeClockInfo {
  return calibrate().info;
}

/**
 * The real clocks of this process: wall time from `process.hrtime.bigint()` (ns; `process.uptime()` when hrtime
 * was faked before perfspec loaded), CPU time from the thread's own clock where it is fine-grained, else from
 * `process.cpuUsage()`. Both are measured on first use; `cpuResolutionNs` is the measured step.
 *
 * @example
 * const { samples } = await measureTime(() => parse(doc), { clock: nativeClock });
 */
export const nativeClock: Clock = {
  wallNs: () => (chosen ?? calibrate()).wallNs(),
  cpuNs: () => (chosen ?? calibrate()).cpuNs(),
  get cpuResolutionNs() {
    return calibrate().info.cpu.resolutionNs;
  },
  get cpuSource() {
    return describeCpuClock(calibrate().info);
  },
  gcPauses: countGcPauses,
};

/**
 * V8's GC profiler (Node >= 18.15) times each collection between its prologue and epilogue on this thread, in
 * µs: the pause the mutator waited, not the concurrent marking and sweeping threads. Starting and stopping one
 * costs ~3 µs, and it reads the heap's statistics at each collection.
 */
function countGcPauses(): () => number {
  const profiler = new GCProfiler();
  profiler.start();
  return () => {
    const { statistics } = profiler.stop() ?? { statistics: [] };
    return statistics.reduce((sum, gc) => sum + gc.cost, 0) * 1000;
  };
}

function describeCpuClock(info: NativeClockInfo): string {
  const { cpu, readings, workerThread } = info;
  const parts = [`${cpu.source}, ${formatStep(cpu.resolutionNs)} steps`];
  const coarser = readings.filter((reading) => reading.source !== cpu.source && reading.resolutionNs > cpu.resolutionNs);
  for (const reading of coarser) parts.push(`${reading.source} ${Number.isFinite(reading.resolutionNs) ? `ticks in ${formatStep(reading.resolutionNs)} steps` : 'did not advance'} here`);
  if (cpu.scope === 'process' && workerThread) parts.push('in a worker thread this counts every thread of the process');
  return parts.join('; ');
}

function formatStep(ns: number): string {
  return ns >= 1e6 ? `${(ns / 1e6).toFixed(1)} ms` : `${Math.max(1, Math.round(ns / 1e3))} µs`;
}
