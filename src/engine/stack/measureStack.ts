import { isOwnFile } from '../heap/isOwnFile.js';
import { nativeClock } from '../time/nativeClock.js';
import type { Clock } from '../time/nativeClock.js';
import { isThenable } from '../workload.js';
import type { Workload } from '../workload.js';

/**
 * Options of `measureStack`. Durations in ms.
 *
 * @example
 * await measureStack({ call: () => walk(list) }, { warmupCalls: 200, maxTimeMs: 1000, label: 'toUseStackAtMost' });
 */
export interface MeasureStackOptions {
  /** Unmeasured calls first, so that JIT tiers (which change frame sizes) settle (default 1000, within a quarter of maxTimeMs and 50 ms). */
  warmupCalls?: number;
  /** Equal readings in a row that make the figure repeatable (default 3). */
  confirmations?: number;
  /** Cap on the whole measurement, warm-up included (default 2000). */
  maxTimeMs?: number;
  /** Whether to count the frames of the deepest stack with one more call (default true). */
  frames?: boolean;
  /** Who measures, for errors: `toUseStackAtMost` (default `measureStack`). */
  label?: string;
  clock?: Clock;
}

/**
 * The function that repeats most on the deepest stack a call reached: its name, where it is (`path:line:column`,
 * relative to the working directory when inside it) and how many of the stack's frames it holds.
 *
 * @example
 * const { name, site, frames } = measurement.recursion ?? {};
 */
export interface RecursiveFrame {
  name: string;
  site: string;
  frames: number;
}

/**
 * What `measureStack` found: the deepest stack one call reached beyond its caller's, in bytes (8-byte resolution),
 * each reading taken, whether the last `confirmations` agreed, the stack free at the measuring point, and — when
 * the call could be made to overflow — the frame count and the recursive function of its deepest stack.
 *
 * @example
 * const { bytes, repeatable, availableBytes, frames, recursion } = await measureStack(workload);
 */
export interface StackMeasurement {
  /** The stack the call needs beyond its caller's, in bytes: its own frame and everything below it (the last reading). */
  bytes: number;
  /** Every reading, in bytes, in order. */
  readings: number[];
  /** Whether the last `confirmations` readings were equal. */
  repeatable: boolean;
  /** The stack free for a call at the measuring point (a microtask, so close to the whole thread's stack), in bytes. */
  availableBytes: number;
  /** Frames on the deepest stack above the caller, the call's own included (from a stack overflow just short of its need). */
  frames?: number;
  /** The user function that repeats most on that stack (perfspec's and node_modules frames never count). */
  recursion?: RecursiveFrame;
  /** The RangeError of a call that overflowed with the whole stack free: then `bytes` is `availableBytes`, a lower bound. */
  overflow?: RangeError;
  warmupCalls: number;
  elapsedMs: number;
}

const overflowMessage = 'Maximum call stack size exceeded';
const slotBytes = 8;
const maxReadings = 12;
/** Warm-up ends after this long whatever the calls: the readings that follow must agree anyway, so a tier change after it shows. */
const warmupMs = 50;
/** A reading's probes of the call: one at the whole free stack, then a binary search over up to 2^22 pad slots (32 MiB). */
const probesPerReading = 24;
/** Half the width of the bracket tried around the last reading's boundary, in slots. */
const nearSlots = 16;
/** The free stack found last, in slots: where the next measurement's search starts (its probes verify it). */
let lastFreeSlots: number | undefined;

/**
 * Measures the deepest stack one synchronous call reaches, in bytes beyond its caller's, exactly and repeatably:
 * the call runs behind a pad of k arguments (8 bytes each) pushed by `Reflect.apply`, and a binary search finds the
 * largest k with which it still completes; the same search with no call gives the free stack, and the difference
 * is the call's need. Readings follow a warm-up (JIT tiers change frame sizes) until `confirmations` in a row
 * agree. A call that overflows even with the whole stack free is reported, not thrown; one that returns a promise
 * is a usage error (the code after an await runs on a fresh stack, out of reach).
 *
 * @param workload - the call (and its fresh input per call, never measured).
 * @param options - warm-up calls, confirmations, time cap (ms), frame counting.
 * @example
 * const { bytes, frames } = await measureStack({ call: () => walk(list) });
 */
export async function measureStack(workload: Workload, options: MeasureStackOptions = {}): Promise<StackMeasurement> {
  const clock = options.clock ?? nativeClock;
  const label = options.label ?? 'measureStack';
  const maxTimeMs = options.maxTimeMs ?? 2000;
  const confirmations = Math.max(1, options.confirmations ?? 3);
  const start = clock.wallNs();
  const elapsedMs = (): number => (clock.wallNs() - start) / 1e6;
  // Resumed from the microtask queue: little but the event loop lies below, as for any callback in production.
  await null;

  try {
    return await measureWarm(workload, { ...options, maxTimeMs, confirmations, label }, elapsedMs);
  } finally {
    padArguments.length = 0;
  }
}

async function measureWarm(workload: Workload, options: MeasureStackOptions & { maxTimeMs: number; confirmations: number; label: string }, elapsedMs: () => number): Promise<StackMeasurement> {
  const { maxTimeMs, confirmations, label } = options;
  const warm = { calls: options.warmupCalls ?? 1000, withinMs: Math.min(warmupMs, maxTimeMs / 4), elapsedMs, label };
  let warmupCalls = await warmUp(workload, warm);
  // A first overflow passing through optimized code can deoptimize it (a for-of loop's iterator-closing path had no
  // type feedback: 96 B a level before, 176 B after, on Node 20); provoked here, it happens before the readings, and
  // a second warm-up lets V8 re-optimize what it will. Its figure is discarded.
  let last: Reading | undefined = read(workload.call, await inputSource(workload, probesPerReading), false, undefined);
  if (last.overflow === undefined) warmupCalls += await warmUp(workload, { ...warm, withinMs: warm.withinMs + elapsedMs() });
  const readings: number[] = [];
  for (;;) {
    const inputs = await inputSource(workload, probesPerReading);
    last = read(workload.call, inputs, options.frames !== false, last);
    if (last.overflow !== undefined) break;
    readings.push(last.bytes);
    const tail = readings.slice(-confirmations);
    if (tail.length === confirmations && tail.every((bytes) => bytes === tail[0])) break;
    if (readings.length >= maxReadings || elapsedMs() > maxTimeMs) break;
  }
  const tail = readings.slice(-confirmations);
  const result: StackMeasurement = {
    bytes: last.bytes,
    readings,
    repeatable: last.overflow === undefined && tail.length === confirmations && tail.every((bytes) => bytes === tail[0]),
    availableBytes: last.availableBytes,
    warmupCalls,
    elapsedMs: 0,
  };
  if (last.overflow !== undefined) result.overflow = last.overflow;
  const deepest = last.deepest === undefined ? undefined : deepestStack(last.deepest);
  if (deepest !== undefined) {
    result.frames = deepest.frames;
    if (deepest.recursion !== undefined) result.recursion = deepest.recursion;
  }
  result.elapsedMs = elapsedMs();
  return result;
}

async function warmUp(workload: Workload, at: { calls: number; withinMs: number; elapsedMs: () => number; label: string }): Promise<number> {
  let made = 0;
  while (made < at.calls && (made === 0 || at.elapsedMs() < at.withinMs)) {
    const prepared = workload.prepare?.();
    const input = isThenable(prepared) ? await prepared : prepared;
    let result: unknown;
    try {
      result = workload.call(input);
    } catch (error) {
      // An overflow with the stack free is the finding itself: the readings report it.
      if (isOverflow(error)) return made;
      throw error;
    }
    made++;
    if (isThenable(result)) {
      // Nobody awaits it: its rejection must not surface as an unhandled one.
      Promise.resolve(result).catch(() => undefined);
      throw asyncUsageError(at.label);
    }
  }
  return made;
}

function asyncUsageError(label: string): TypeError {
  // The engine cannot reach input/'s usage errors (layers point one way): the same layout, written here.
  const error = new TypeError(
    `${label}: received must be a synchronous call: this one returned a promise, and the code after an await runs on a fresh stack from the event loop, out of reach of the measurement\n\nReceived: a call that returned a promise\nHint:     measure the synchronous function that recurses: expect(() => walk(tree)), or sized(n => load(n), data => walk(data))`,
  );
  error.name = 'PerfspecUsageError';
  return error;
}

/** Each probe's fresh input: prepared inline when setup is synchronous, ahead of the readings when it is async. */
type InputSource = () => unknown;

async function inputSource(workload: Workload, count: number): Promise<InputSource> {
  const { prepare } = workload;
  if (prepare === undefined) return () => undefined;
  const first = prepare();
  if (!isThenable(first)) {
    let pending: unknown = first;
    let used = false;
    return () => {
      if (!used) {
        used = true;
        return pending;
      }
      pending = undefined;
      return prepare();
    };
  }
  const ready = [await first];
  for (let i = 1; i < count; i++) ready.push(await (prepare() as PromiseLike<unknown>));
  return () => {
    if (ready.length === 0) throw new Error('measureStack: ran out of prepared inputs');
    return ready.shift();
  };
}

interface Reading {
  bytes: number;
  availableBytes: number;
  freeSlots: number;
  overflow?: RangeError;
  /** The overflow of the call just short of its need, its stack trace captured in full (formatted only if read). */
  deepest?: RangeError;
}

// The pad: k arguments that Reflect.apply pushes onto the stack, 8 bytes each, below the measured call. One array,
// its length set per probe and emptied only after the measurement: emptying it after every probe made V8 reallocate
// its backing store each time, 25× slower (1 ms a probe at 120 000 slots).
const padArguments: unknown[] = [];
let padTarget: ((input: unknown) => unknown) | undefined;
let padInput: unknown;
const pad = {
  // Named so that the frame count can find where the measured call starts on an overflowing stack.
  perfspecStackPad(): unknown {
    return padTarget === undefined ? undefined : padTarget(padInput);
  },
};

function isOverflow(error: unknown): error is RangeError {
  return error instanceof RangeError && error.message.includes(overflowMessage);
}

/** Runs `call` behind `slots` pad slots: undefined when it completes, its RangeError when the stack overflowed. */
function probe(slots: number, call: ((input: unknown) => unknown) | undefined, input: unknown): RangeError | undefined {
  padArguments.length = slots;
  padTarget = call;
  padInput = input;
  try {
    Reflect.apply(pad.perfspecStackPad, pad, padArguments);
    return undefined;
  } catch (error) {
    if (isOverflow(error)) return error;
    throw error;
  } finally {
    padTarget = undefined;
    padInput = undefined;
  }
}

/** Whether a call (or none) completes behind a pad of this many slots; `trace` asks for the overflow's full stack trace. */
interface Prober {
  (slots: number): boolean;
  trace: boolean;
}

/**
 * The largest pad with which the prober's call completes (-1 when not even an empty pad does): doubling from
 * 2^16 slots (512 KiB) unless `hi` is known not to fit, then bisection. Every probe is made from this one frame,
 * so that every pad starts at the same stack position; with `traceBoundary`, one probe more, one slot past the
 * boundary, captures the overflow of the deepest stack with its full trace.
 */
function largestFit(fits: Prober, hi: number | undefined, traceBoundary: boolean, near: number | undefined): number {
  let lo = 0;
  let above = hi ?? 1 << 16;
  // The last reading's boundary is usually a few slots from this one's: two probes confirm a narrow bracket.
  const bracketed = near !== undefined && near - nearSlots >= 0 && fits(near - nearSlots) && !fits(near + nearSlots);
  if (bracketed) {
    lo = near - nearSlots;
    above = near + nearSlots;
  }
  if (bracketed || fits(0)) {
    if (!bracketed && hi === undefined) {
      while (fits(above)) {
        lo = above;
        above *= 2;
      }
    }
    while (above - lo > 1) {
      const mid: number = lo + Math.floor((above - lo) / 2);
      if (fits(mid)) lo = mid;
      else above = mid;
    }
  } else lo = -1;
  if (traceBoundary) {
    fits.trace = true;
    fits(lo + 1);
    fits.trace = false;
  }
  return lo;
}

/**
 * One reading, in one synchronous stretch from one frame so that every probe starts from the same stack
 * position: the free stack (the largest pad with no call), then the largest pad with which the call completes.
 */
function read(call: (input: unknown) => unknown, nextInput: InputSource, withFrames: boolean, previous: Reading | undefined): Reading {
  const probing: { target?: (input: unknown) => unknown } = {};
  let caught: RangeError | undefined;
  const fits = Object.assign(
    (slots: number): boolean => {
      const limit = Error.stackTraceLimit;
      if (fits.trace) Error.stackTraceLimit = Infinity;
      try {
        caught = probe(slots, probing.target, probing.target === undefined ? undefined : nextInput());
      } finally {
        if (fits.trace) Error.stackTraceLimit = limit;
      }
      return caught === undefined;
    },
    { trace: false },
  );
  const freeSlots = largestFit(fits, undefined, false, previous?.freeSlots ?? lastFreeSlots);
  lastFreeSlots = freeSlots;
  const availableBytes = Math.max(0, freeSlots) * slotBytes;
  probing.target = call;
  const padSlots = largestFit(fits, freeSlots + 1, withFrames, previous?.overflow === undefined && previous !== undefined ? freeSlots - previous.bytes / slotBytes : undefined);
  const deepest = withFrames ? caught : undefined;
  const found = deepest === undefined ? {} : { deepest };
  if (padSlots < 0) {
    // Even with the whole free stack the call overflowed: its need is at least that much.
    return { bytes: availableBytes, availableBytes, freeSlots, overflow: caught ?? new RangeError(overflowMessage), ...found };
  }
  return { bytes: (freeSlots - padSlots) * slotBytes, availableBytes, freeSlots, ...found };
}

/** From the overflow of the deepest stack: the frames above the pad, and the user function that repeats most among them. */
function deepestStack(error: RangeError): { frames: number; recursion?: RecursiveFrame } | undefined {
  const lines = error.stack?.split('\n').slice(1);
  if (lines === undefined) return undefined;
  const padAt = lines.findIndex((line) => line.includes('perfspecStackPad'));
  if (padAt < 0) return undefined;
  const above = lines.slice(0, padAt);
  const recursion = repeatingFrame(above);
  return recursion === undefined ? { frames: above.length } : { frames: above.length, recursion };
}

function repeatingFrame(lines: readonly string[]): RecursiveFrame | undefined {
  const cwd = `${process.cwd()}/`;
  const counts = new Map<string, { name: string; frames: number }>();
  for (const line of lines) {
    const trimmed = line.trim();
    const match = /^at (?:async )?(?:(.*?) \()?((?:file:\/\/)?[^()\s]+:\d+:\d+)\)?$/.exec(trimmed);
    const location = match?.[2]?.replace(/^file:\/\//, '');
    if (location === undefined || location.startsWith('node:') || location.includes('/node_modules/') || isOwnFile(location)) continue;
    const site = location.startsWith(cwd) ? location.slice(cwd.length) : location;
    const entry = counts.get(site) ?? { name: match?.[1] ?? '<anonymous>', frames: 0 };
    entry.frames++;
    counts.set(site, entry);
  }
  let top: RecursiveFrame | undefined;
  for (const [site, { name, frames }] of counts) if (top === undefined || frames > top.frames) top = { name, site, frames };
  return top;
}
