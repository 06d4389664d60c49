import type { HeapProbe } from './HeapProbe.js';
import { isSizedWorkload } from './isSizedWorkload.js';
import { isThenable } from './isThenable.js';
import type { MeasureRetentionOptions } from './MeasureRetentionOptions.js';
import { nativeClock } from './nativeClock.js';
import { nativeHeapProbe } from './nativeHeapProbe.js';
import { quantile } from './quantile.js';
import type { RetentionMeasurement } from './RetentionMeasurement.js';
import type { SizedWorkload } from './SizedWorkload.js';
import { settleWithin } from './settleWithin.js';
import { toWorkload } from './toWorkload.js';
import type { Workload } from './Workload.js';

const emptySync = (): undefined => undefined;
const emptyAsync = async (): Promise<void> => {};

/**
 * Measures how much heap a function keeps per call: after an unmeasured warm-up block, blocks of calls with a
 * full gc after each, and the growth of used heap plus ArrayBuffer memory (compiled code left out) over each
 * block, minus the median growth over blocks of an empty function run the same way, each just before. Inputs of a sized workload are built before each
 * block and released before its reading. Errors of the function propagate unchanged.
 *
 * @param received - a zero-argument function (sync or async) or `sized(setup, run)` (then `options.n` is needed).
 * @param options - `blocks`, `callsPerBlock`, `maxTimeMs` (ms), `n`, and the heap probe and clock to use.
 * @example
 * const { growthBytes, callsPerBlock } = await measureRetention(() => server.handle(request));
 */
export async function measureRetention<Input>(
  received: (() => unknown) | SizedWorkload<Input>,
  options: MeasureRetentionOptions = {},
): Promise<RetentionMeasurement> {
  if (typeof received !== 'function' && !isSizedWorkload(received)) {
    throw new TypeError('measureRetention: received must be a function or a sized workload');
  }
  // run's parameter makes SizedWorkload<Input> invariant; the engine only ever passes run what setup built.
  const workload = toWorkload(received as (() => unknown) | SizedWorkload<unknown>, options.n, options.maxTimeMs ?? 2000);
  const probe = options.probe ?? nativeHeapProbe();
  const clock = options.clock ?? nativeClock;
  const blocks = Math.max(3, options.blocks ?? 4);
  const callsPerBlock = options.callsPerBlock ?? 100;
  const capNs = (options.maxTimeMs ?? 2000) * 1e6;
  const start = clock.wallNs();
  const elapsed = (): number => clock.wallNs() - start;
  const remainingMs = (): number => Math.max(1, (capNs - elapsed()) / 1e6);

  // A first call tells sync from async; an async function's promise from that call is awaited before going on.
  const awaited = await block(workload, callsPerBlock, probe, false, remainingMs());
  const empty: Workload = { call: awaited ? emptyAsync : emptySync };
  await block(empty, callsPerBlock, probe, awaited, remainingMs());
  // Preallocated and never grown: the record of the measurement must not itself be retained heap.
  const growth = new Float64Array(blocks);
  const offsets = new Float64Array(blocks);
  let done = 0;
  let stoppedBy: RetentionMeasurement['stoppedBy'] = 'blocks';
  let last = reading(probe);
  let blockNs = clock.wallNs() - start;
  for (; done < blocks; done++) {
    if (elapsed() + blockNs > capNs) {
      stoppedBy = 'time-cap';
      break;
    }
    const t0 = clock.wallNs();
    await block(empty, callsPerBlock, probe, awaited, remainingMs());
    const afterEmpty = reading(probe);
    await block(workload, callsPerBlock, probe, awaited, remainingMs());
    const afterWorkload = reading(probe);
    offsets[done] = afterEmpty - last;
    growth[done] = afterWorkload - afterEmpty;
    last = afterWorkload;
    blockNs = clock.wallNs() - t0;
  }
  // One offset for all blocks, the median: a JIT or runtime event inside one empty block must not be charged to
  // the block of the function that follows it.
  const offset = done === 0 ? 0 : quantile([...offsets.subarray(0, done)].sort((a, b) => a - b), 0.5);
  return {
    growthBytes: [...growth.subarray(0, done)].map((bytes) => bytes - offset),
    offsetBytes: [...offsets.subarray(0, done)],
    callsPerBlock,
    blocksAsked: blocks,
    async: awaited,
    stoppedBy,
    elapsedMs: elapsed() / 1e6,
  };
}

/**
 * Runs one block, then a full gc from this frame: inside the block's own frame (or an async function's saved
 * registers) the last call's result can still be referenced, and would show as retained by one block and freed by
 * the next.
 */
async function block(workload: Workload, calls: number, probe: HeapProbe, isAsync: boolean, timeoutMs: number): Promise<boolean> {
  const awaited = await prepareAndRun(workload, calls, isAsync, timeoutMs);
  probe.collectGarbage();
  return awaited;
}

/** Builds the block's inputs and makes its calls; the inputs die with this frame, before the block's gc. */
async function prepareAndRun(workload: Workload, calls: number, isAsync: boolean, timeoutMs: number): Promise<boolean> {
  const inputs = await prepareInputs(workload, calls);
  return isAsync ? runAsync(workload, inputs, 0, calls, timeoutMs) : runSync(workload, inputs, calls, timeoutMs);
}

async function prepareInputs(workload: Workload, calls: number): Promise<unknown[] | undefined> {
  if (workload.prepare === undefined) return undefined;
  const inputs: unknown[] = [];
  for (let i = 0; i < calls; i++) {
    const input = workload.prepare();
    inputs.push(isThenable(input) ? await input : input);
  }
  return inputs;
}

/**
 * Calls without awaiting while the calls return no promise; once one does, awaits it and continues with
 * `runAsync`. Resolves to whether any call was async.
 */
function runSync(workload: Workload, inputs: unknown[] | undefined, calls: number, timeoutMs: number): boolean | Promise<boolean> {
  for (let i = 0; i < calls; i++) {
    const result = workload.call(inputs?.[i]);
    if (isThenable(result)) return settleWithin(result, timeoutMs).then(() => runAsync(workload, inputs, i + 1, calls, timeoutMs));
  }
  return false;
}

async function runAsync(workload: Workload, inputs: unknown[] | undefined, from: number, calls: number, timeoutMs: number): Promise<true> {
  for (let i = from; i < calls; i++) {
    const result = workload.call(inputs?.[i]);
    if (isThenable(result)) await settleWithin(result, timeoutMs);
  }
  return true;
}

/**
 * Used heap plus off-heap memory, less compiled code, after a second full gc: right after a gc the old generation
 * sometimes reports a few hundred KiB that the next gc takes back; the smaller of two readings leaves that out.
 */
function reading(probe: HeapProbe): number {
  const read = (): number => {
    const { heapBytes, externalBytes } = probe.read();
    return heapBytes + externalBytes - probe.codeBytes();
  };
  const first = read();
  probe.collectGarbage();
  return Math.min(first, read());
}
