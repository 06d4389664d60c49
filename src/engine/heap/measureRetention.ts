import { quantile } from '../stats/summarize.js';
import type { Clock } from '../time/nativeClock.js';
import { isThenable, settleWithin } from '../workload.js';
import type { SizedWorkload, Workload } from '../workload.js';
import type { HeapProbe } from './nativeHeapProbe.js';
import { startHeapRun } from './startHeapRun.js';

/**
 * Options of `measureRetention`.
 *
 * @example
 * await measureRetention(() => handler(req), { blocks: 5, callsPerBlock: 200, maxTimeMs: 5000 });
 */
export interface MeasureRetentionOptions {
  /** Input size, required for a sized workload. */
  n?: number;
  /** Blocks of calls, each followed by a full gc; the first is not judged (default 4, at least 3). */
  blocks?: number;
  /** Calls per block (default 100). */
  callsPerBlock?: number;
  /** Cap on the whole measurement's wall time in ms (default 2000). */
  maxTimeMs?: number;
  /** The heap to measure on (default: this process's, `nativeHeapProbe()`). */
  probe?: HeapProbe;
  /** The clock that bounds the measurement in time (default `nativeClock`). */
  clock?: Clock;
}

/**
 * The result of `measureRetention`: how much the heap grew over each block of calls, after full gcs, with the
 * same figure for an empty function subtracted. Bytes unless the name says otherwise.
 *
 * @example
 * const { growthBytes, callsPerBlock } = await measureRetention(() => cache.get(key));
 */
export interface RetentionMeasurement {
  /** Heap (plus off-heap, less compiled code) growth over each block, offset subtracted; the first is not judged. */
  growthBytes: number[];
  /** Growth over each block of an empty function; their median is the offset subtracted above. */
  offsetBytes: number[];
  /** Calls per block. */
  callsPerBlock: number;
  /** Blocks asked for; fewer are in `growthBytes` when the time cap ended the run. */
  blocksAsked: number;
  /** Whether the function returned promises that were awaited. */
  async: boolean;
  stoppedBy: 'blocks' | 'time-cap';
  /** Wall time of the whole measurement, in ms. */
  elapsedMs: number;
}

/**
 * Growth per block below this is measurement noise, not retention: with nothing retained, blocks still moved by
 * up to ±900 B on the real heap (runtime bookkeeping that a gc does not undo in step). At the default 100 calls
 * per block this hides leaks under ~10 B per call; more calls per block see smaller ones.
 */
const noiseFloorBytes = 1024;

/**
 * The growth a block may show before it counts as over: the allowance for its calls plus the noise floor. Bytes.
 *
 * @example
 * retentionAllowance(100, 0); // 1024
 */
export function retentionAllowance(callsPerBlock: number, bytesPerCall: number): number {
  return bytesPerCall * callsPerBlock + noiseFloorBytes;
}

/**
 * The leak rule of `toRetainAtMost`: true only when every judged block (all but the first, which settles
 * caches, lazy initialisation and JIT state) grew by more than `bytesPerCall` × `callsPerBlock` plus a 1 KiB
 * noise floor. A bounded cache grows in the first block only; a leak grows in every block.
 *
 * @param growthBytes - growth of each block in bytes, first block included.
 * @param callsPerBlock - calls per block.
 * @param bytesPerCall - the allowed retention per call in bytes.
 * @example
 * retentionExceeds([9000, 3200, 3200, 3200], 100, 0); // true: 32 B per call in every block
 */
export function retentionExceeds(growthBytes: readonly number[], callsPerBlock: number, bytesPerCall: number): boolean {
  const judged = growthBytes.slice(1);
  return judged.length > 0 && judged.every((bytes) => bytes > retentionAllowance(callsPerBlock, bytesPerCall));
}

const emptySync = (): undefined => undefined;
const emptyAsync = async (): Promise<void> => {};

/**
 * The defaults of `measureRetention` called directly: 4 blocks of 100 calls within 2000 ms. (`toRetainAtMost`
 * resolves its own cap in src/config: `configure()`'s, 1000 ms by default.)
 */
export const retentionDefaults = { blocks: 4, callsPerBlock: 100, maxTimeMs: 2000 } as const;

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
  const blocks = Math.max(3, options.blocks ?? retentionDefaults.blocks);
  const callsPerBlock = options.callsPerBlock ?? retentionDefaults.callsPerBlock;
  const { workload, probe, clock, capNs, elapsed, remainingMs } = startHeapRun('measureRetention', received, options, options.maxTimeMs ?? retentionDefaults.maxTimeMs);

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
  let blockNs = elapsed();
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
