import type { HeapProbe } from './HeapProbe.js';
import { isSizedWorkload } from './isSizedWorkload.js';
import { isThenable } from './isThenable.js';
import type { MeasureRetentionOptions } from './MeasureRetentionOptions.js';
import { nativeClock } from './nativeClock.js';
import { nativeHeapProbe } from './nativeHeapProbe.js';
import type { RetentionMeasurement } from './RetentionMeasurement.js';
import type { SizedWorkload } from './SizedWorkload.js';
import { toWorkload } from './toWorkload.js';
import type { Workload } from './Workload.js';

const emptySync = (): undefined => undefined;
const emptyAsync = async (): Promise<void> => {};

/**
 * Measures how much heap a function keeps per call: after an unmeasured warm-up block, blocks of calls with a
 * full gc after each, and the growth of used heap plus ArrayBuffer memory over each block, minus the growth over
 * a block of an empty function run just before it the same way. Inputs of a sized workload are built before each
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
  const workload = toWorkload(received as (() => unknown) | SizedWorkload<unknown>, options.n);
  const probe = options.probe ?? nativeHeapProbe();
  const clock = options.clock ?? nativeClock;
  const blocks = Math.max(3, options.blocks ?? 4);
  const callsPerBlock = options.callsPerBlock ?? 100;
  const capNs = (options.maxTimeMs ?? 2000) * 1e6;
  const start = clock.wallNs();
  const elapsed = (): number => clock.wallNs() - start;

  const awaited = await block(workload, callsPerBlock, probe);
  const empty: Workload = { call: awaited ? emptyAsync : emptySync };
  await block(empty, callsPerBlock, probe);
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
    await block(empty, callsPerBlock, probe);
    const afterEmpty = reading(probe);
    await block(workload, callsPerBlock, probe);
    const afterWorkload = reading(probe);
    offsets[done] = afterEmpty - last;
    growth[done] = afterWorkload - afterEmpty - (afterEmpty - last);
    last = afterWorkload;
    blockNs = clock.wallNs() - t0;
  }
  return {
    growthBytes: [...growth.subarray(0, done)],
    offsetBytes: [...offsets.subarray(0, done)],
    callsPerBlock,
    blocksAsked: blocks,
    async: awaited,
    stoppedBy,
    elapsedMs: elapsed() / 1e6,
  };
}

/**
 * Runs one block, then a full gc from this frame: inside the block's own frame the last call's result can still
 * be referenced from a register, and would show as retained by one block and freed by the next.
 */
async function block(workload: Workload, calls: number, probe: HeapProbe): Promise<boolean> {
  const awaited = await runCalls(workload, calls);
  probe.collectGarbage();
  return awaited;
}

async function runCalls(workload: Workload, calls: number): Promise<boolean> {
  let inputs: unknown[] | undefined;
  if (workload.prepare !== undefined) {
    inputs = [];
    for (let i = 0; i < calls; i++) {
      const input = workload.prepare();
      inputs.push(isThenable(input) ? await input : input);
    }
  }
  let awaited = false;
  for (let i = 0; i < calls; i++) {
    const result = workload.call(inputs?.[i]);
    if (isThenable(result)) {
      awaited = true;
      await result;
    }
  }
  return awaited;
}

function reading(probe: HeapProbe): number {
  const { heapBytes, externalBytes } = probe.read();
  return heapBytes + externalBytes;
}
