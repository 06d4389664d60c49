import { AsyncResource, createHook, executionAsyncId } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setImmediate as realSetImmediate } from 'node:timers';
import { isThenable, realDeadline, timedOut as timedOutMark } from '../workload.js';
import { startCpuProfiler } from './cpuProfiler.js';
import type { HotFrame } from './cpuProfiler.js';
import { spyOnSyncApis } from './spyOnSyncApis.js';
import type { SyncCall } from './spyOnSyncApis.js';

/**
 * The clock of a blocking measurement, all in ns: wall time, the process's CPU time (user + system), and — where the
 * system tells — the main thread's run-queue delay (time it was ready but preempted: contention).
 *
 * @example
 * const clock: BlockingClock = { wallNs: () => Number(process.hrtime.bigint()), cpuNs: () => cpuOfProcessNs() };
 */
export interface BlockingClock {
  wallNs(): number;
  cpuNs(): number;
  runDelayNs?: () => number;
}

/**
 * Options of `measureBlocking`.
 *
 * @example
 * await measureBlocking(() => handler(request), { maxTimeMs: 5000 });
 */
export interface MeasureBlockingOptions {
  /** Abandon the call after this many ms (default 10 000); a stretch that never yields cannot be interrupted. */
  maxTimeMs?: number;
  /** Sample what runs with V8's CPU profiler to name the function of each stretch (default true). */
  profile?: boolean;
  /** Injected clock (tests); default `process.hrtime` and `process.cpuUsage`. */
  clock?: BlockingClock;
}

/**
 * One stretch during which the call held the event loop: its synchronous segments (the code between two awaits)
 * that ran with no turn of the loop between them, e.g. a loop of `await`s on already-settled promises.
 *
 * @example
 * const longest: BlockedStretch | undefined = measurement.stretches[0];
 */
export interface BlockedStretch {
  /**
   * What is judged, summed over segments: wall time minus the thread's run-queue delay (on CPU or blocked in a
   * syscall, not preempted) where the system reports it; elsewhere the smaller of wall and process CPU time plus the
   * waits of sync I/O calls.
   */
  readonly judgedNs: number;
  /** Wall time of its segments, summed. */
  readonly wallNs: number;
  /** Process CPU time during its segments, summed (0 when judged on the run-queue delay, which does not need it). */
  readonly cpuNs: number;
  /** Wall time spent inside sync I/O calls (fs, child_process) beyond their CPU time: the thread waited. */
  readonly ioWaitNs: number;
  /** Time the thread was preempted during its segments (run-queue delay); 0 where the system does not report it. */
  readonly preemptedNs: number;
  readonly segments: number;
  readonly startNs: number;
  readonly endNs: number;
  /** The outermost sync Node API calls made in it. */
  readonly syncCalls: readonly SyncCall[];
  /** What the CPU profiler saw running in it, hottest first (empty when not profiled or too short to sample). */
  readonly hotFrames: readonly HotFrame[];
}

/**
 * What `measureBlocking` saw during one call: its blocked stretches, longest (by judged time) first, every sync
 * Node API call, and how long the call took.
 *
 * @example
 * const { stretches, syncCalls } = await measureBlocking(() => handler(request));
 */
export interface BlockingMeasurement {
  readonly stretches: readonly BlockedStretch[];
  /** `'run-delay'`: wall minus the thread's run-queue delay; `'cpu'`: the smaller of wall and process CPU (+ sync I/O waits). */
  readonly judgedOn: 'run-delay' | 'cpu';
  readonly syncCalls: readonly SyncCall[];
  readonly elapsedNs: number;
  readonly timedOut: boolean;
}

interface OpenStretch {
  judgedNs: number;
  wallNs: number;
  cpuNs: number;
  ioWaitNs: number;
  preemptedNs: number;
  segments: number;
  startNs: number;
  endNs: number;
  syncCalls: SyncCall[];
}

const processClock = {
  wallNs: () => Number(process.hrtime.bigint()),
  cpuNs: () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) * 1e3;
  },
};

/**
 * Runs `fn` once and measures how long it held the event loop at a stretch: every synchronous segment of the call
 * and of the async work it started (async_hooks before/after, scoped by the tree of async resources the call
 * created), segments joined into one stretch when no turn of the loop came between them. Each segment is judged
 * on its wall time minus the time the thread sat preempted on a run queue (Linux schedstat: contention does not
 * count, sync I/O does); where that is not reported, on the smaller of its wall and process-CPU time plus the time
 * sync I/O calls waited.
 *
 * @param fn - the call: a zero-argument function, sync or async.
 * @param options - `maxTimeMs`, `profile`, `clock`.
 * @example
 * const { stretches } = await measureBlocking(() => handler(request));
 * console.log(stretches[0]?.judgedNs);
 */
export async function measureBlocking(fn: () => unknown, options: MeasureBlockingOptions = {}): Promise<BlockingMeasurement> {
  const runDelay = options.clock === undefined ? openRunDelay() : undefined;
  // With the run-queue delay, process CPU time is not needed, and not read: getrusage took up to ~15 ms under load.
  const clock: BlockingClock = options.clock ?? (runDelay === undefined ? processClock : { wallNs: processClock.wallNs, cpuNs: () => 0, runDelayNs: runDelay.read });
  const readDelay = clock.runDelayNs;
  const ids = new Set<number>();
  const stretches: OpenStretch[] = [];
  const syncCalls: SyncCall[] = [];
  let open: OpenStretch | undefined;
  let depth = 0;
  let segmentWall0 = 0;
  let segmentCpu0 = 0;
  let segmentIoWait = 0;
  let segmentDelay0 = 0;
  let loopTurns = 0;
  let turnsAtLastEnd = -1;
  let markerPending = false;
  let scheduling = false;
  const marker = (): void => {
    markerPending = false;
    loopTurns++;
  };

  const startSegment = (): void => {
    segmentWall0 = clock.wallNs();
    segmentCpu0 = clock.cpuNs();
    segmentDelay0 = readDelay?.() ?? 0;
    segmentIoWait = 0;
    if (!markerPending) {
      // A check-phase callback runs once per turn of the loop. Queued here, ahead of any setImmediate the segment
      // itself schedules, it has run by the time a continuation scheduled that way starts: if the next segment
      // starts before it ran (and nothing else ran), the loop never got to run anything else in between.
      markerPending = true;
      scheduling = true;
      realSetImmediate(marker);
      scheduling = false;
    }
    if (open === undefined || loopTurns !== turnsAtLastEnd) {
      open = { judgedNs: 0, wallNs: 0, cpuNs: 0, ioWaitNs: 0, preemptedNs: 0, segments: 0, startNs: segmentWall0, endNs: segmentWall0, syncCalls: [] };
      stretches.push(open);
    }
  };
  const endSegment = (): void => {
    const wallNs = clock.wallNs() - segmentWall0;
    const cpuNs = clock.cpuNs() - segmentCpu0;
    const preemptedNs = readDelay === undefined ? 0 : Math.min(wallNs, Math.max(0, readDelay() - segmentDelay0));
    if (open !== undefined) {
      open.wallNs += wallNs;
      open.cpuNs += cpuNs;
      open.ioWaitNs += segmentIoWait;
      open.preemptedNs += preemptedNs;
      open.judgedNs += readDelay === undefined ? Math.min(wallNs, cpuNs + segmentIoWait) : wallNs - preemptedNs;
      open.segments += 1;
      open.endNs = segmentWall0 + wallNs;
    }
    turnsAtLastEnd = loopTurns;
  };

  const hook = createHook({
    init(id, _type, triggerId) {
      if (!scheduling && (ids.has(executionAsyncId()) || ids.has(triggerId))) ids.add(id);
    },
    before(id) {
      if (ids.has(id)) {
        if (depth++ === 0) startSegment();
      } else if (depth === 0) {
        // Someone else's callback ran between two of the call's segments: the loop was serving other work.
        loopTurns++;
      }
    },
    after(id) {
      if (ids.has(id) && --depth === 0) endSegment();
    },
  });
  const undoSpy = spyOnSyncApis(clock, () => depth > 0 && ids.has(executionAsyncId()), (call) => {
    syncCalls.push(call);
    open?.syncCalls.push(call);
    if (call.kind === 'io') segmentIoWait += Math.max(0, call.wallNs - call.cpuNs);
  });
  const stopProfiler = options.profile === false ? undefined : await startCpuProfiler(250);
  const root = new AsyncResource('perfspec.blocking');
  ids.add(root.asyncId());
  const maxTimeMs = options.maxTimeMs ?? 10_000;
  const start = clock.wallNs();
  let timedOut = false;
  const deadline = realDeadline(maxTimeMs);
  let failure: { error: unknown } | undefined;
  hook.enable();
  try {
    let result: unknown;
    depth++;
    startSegment();
    try {
      result = root.runInAsyncScope(fn);
    } finally {
      depth--;
      endSegment();
    }
    if (isThenable(result)) {
      const settled = Promise.resolve(result).then(() => undefined);
      timedOut = (await deadline.race(settled)) === timedOutMark;
      // An abandoned call may still reject later; its error is not this test's any more.
      if (timedOut) settled.catch(() => undefined);
    }
  } catch (error) {
    failure = { error };
  } finally {
    hook.disable();
    undoSpy();
    deadline.clear();
    runDelay?.close();
  }
  const elapsedNs = clock.wallNs() - start;
  const lookup = stopProfiler === undefined ? undefined : await stopProfiler();
  if (failure !== undefined) throw failure.error;
  return {
    stretches: stretches
      .filter((stretch) => stretch.segments > 0)
      .sort((a, b) => b.judgedNs - a.judgedNs)
      .map((stretch, i) => ({ ...stretch, hotFrames: lookup !== undefined && i < 3 ? lookup(stretch.startNs, stretch.endNs) : [] })),
    judgedOn: readDelay === undefined ? 'cpu' : 'run-delay',
    syncCalls,
    elapsedNs,
    timedOut,
  };
}

interface FsFunctions {
  openSync(path: string, flags: string): number;
  readSync(fd: number, buffer: Buffer, offset: number, length: number, position: number): number;
  closeSync(fd: number): void;
}

// Taken before any measurement wraps the module's *Sync functions, so that reading the clock is never recorded.
const fs = createRequire(join(process.cwd(), 'noop.js'))('fs') as FsFunctions;
const { openSync, readSync, closeSync } = fs;

/**
 * Opens the calling thread's scheduler statistics (Linux `/proc/thread-self/schedstat`) and returns a reader of its
 * run-queue delay in ns — the time the thread was ready to run but another thread or process had the CPU — with a
 * close function; undefined where the file does not exist (other systems, kernels without schedstats).
 *
 * @example
 * const delay = openRunDelay();
 * const before = delay?.read();
 */
function openRunDelay(): { read(): number; close(): void } | undefined {
  let fd: number;
  try {
    fd = openSync('/proc/thread-self/schedstat', 'r');
  } catch {
    return undefined;
  }
  const buffer = Buffer.alloc(96);
  const read = (): number => {
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    // "<ns on CPU> <ns waiting on a run queue> <timeslices>"
    const text = buffer.toString('latin1', 0, length);
    const first = text.indexOf(' ');
    return Number(text.slice(first + 1, text.indexOf(' ', first + 1)));
  };
  try {
    if (!Number.isFinite(read())) throw new Error('unreadable');
  } catch {
    closeSync(fd);
    return undefined;
  }
  return { read, close: () => closeSync(fd) };
}
