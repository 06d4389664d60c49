import { Session } from 'node:inspector';
import { setFlagsFromString, GCProfiler, getHeapCodeStatistics, getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * One reading of the process's memory, in bytes.
 *
 * @example
 * const { heapBytes, externalBytes, allocatedBytes } = probe.read();
 */
export interface HeapReading {
  /** Bytes of live and not yet collected objects in the V8 heap. */
  heapBytes: number;
  /** Bytes of ArrayBuffer backing stores and other memory outside the V8 heap that V8 is told about. */
  externalBytes: number;
  /** V8's cumulative count of bytes ever allocated, on the Node versions that expose one. */
  allocatedBytes?: number;
  /** The most the V8 heap may grow to before the process dies of "heap out of memory" (`heap_size_limit`). */
  limitBytes?: number;
}

/**
 * A node of V8's sampling heap profile (the shape `HeapProfiler.stopSampling` returns): a call frame, the bytes
 * sampled as allocated directly in it, and its callees.
 *
 * @example
 * const bytes = (node: HeapProfileNode): number => node.selfSize + node.children.reduce((s, c) => s + bytes(c), 0);
 */
export interface HeapProfileNode {
  callFrame: {
    functionName: string;
    /** A file URL or path; empty for V8 builtins and native code. */
    url: string;
    /** 0-based line of the function's start. */
    lineNumber: number;
    columnNumber: number;
  };
  /** Bytes attributed to this frame itself, scaled from the samples. */
  selfSize: number;
  children: HeapProfileNode[];
}

/**
 * The engine's access to the garbage collector and the heap, injected so that decision logic can be tested on a
 * fake heap with exact numbers. `nativeHeapProbe()` is the real one.
 *
 * @example
 * const probe: HeapProbe = nativeHeapProbe();
 * probe.collectGarbage();
 * const { heapBytes } = probe.read();
 */
export interface HeapProbe {
  /** Runs a full, synchronous garbage collection. */
  collectGarbage(): void;
  /** Runs a minor (young-generation) garbage collection: fast, and it leaves compiled code alone. */
  collectYoungGarbage(): void;
  /** Reads memory in use now (bytes). */
  read(): HeapReading;
  /**
   * Bytes of bytecode, compiled code and their metadata in the heap now: they change when the JIT works, not when
   * user code keeps objects, so leak checks leave them out. Walks the heap (about 1 ms per 10 MB).
   */
  codeBytes(): number;
  /**
   * Bytes in use in the spaces that hold compiled code (and, from V8 12, bytecode: its trusted spaces), read without
   * walking the heap. Cheaper than `codeBytes` by three orders of magnitude in a large heap, but it misses the
   * metadata kept in the old generation (and bytecode before V8 12).
   */
  codeSpaceBytes?(): number;
  /** Starts recording garbage collections; the returned function stops and lists the bytes each one reclaimed. */
  watchCollections(): () => readonly number[];
  /**
   * Runs `run` under V8's sampling heap profiler with a mean sampling interval of `intervalBytes` and returns the
   * profile's root; `includeCollected` keeps objects that died before the profile was taken.
   */
  profile(run: () => Promise<void>, intervalBytes: number, includeCollected: boolean): Promise<HeapProfileNode>;
}

let cached: ((options?: { type: 'major' | 'minor' }) => void) | undefined;

/**
 * Returns a function that runs a synchronous garbage collection (full by default, `{ type: 'minor' }` for the
 * young generation only), without the `--expose-gc` command-line flag: the flag is set at run time and `gc` is
 * taken from a fresh context, which is created with it. Throws an Error explaining why when no gc can be had.
 *
 * @example
 * const gc = obtainGc();
 * gc();
 * gc({ type: 'minor' });
 */
export function obtainGc(): (options?: { type: 'major' | 'minor' }) => void {
  if (cached !== undefined) return cached;
  const existing = (globalThis as { gc?: unknown }).gc;
  let found: unknown = typeof existing === 'function' ? existing : undefined;
  if (found === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      found = runInNewContext('typeof gc === "function" ? gc : undefined');
    } catch (error) {
      throw new Error(`perfspec: could not obtain the garbage collector (${String(error)}); run node with --expose-gc`, { cause: error });
    }
  }
  if (typeof found !== 'function') {
    throw new Error('perfspec: could not obtain the garbage collector, so allocation cannot be measured; run node with --expose-gc');
  }
  const gc = found as (options?: { type: 'major' | 'minor' }) => void;
  cached = (options) => (options === undefined ? gc() : gc(options));
  return cached;
}

// Read once: Jest and Vitest environments may replace globals, and these must be the real ones.
const memoryUsage = process.memoryUsage.bind(process);

interface GcStatistics {
  statistics: { beforeGC: { heapStatistics: { usedHeapSize: number } }; afterGC: { heapStatistics: { usedHeapSize: number } } }[];
}

function post<T>(session: Session, method: string, params: object = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T)));
  });
}

let probe: HeapProbe | undefined;

/**
 * The real heap of this process: gc obtained at run time, `v8.getHeapStatistics()` for the heap (and its
 * cumulative allocated-bytes counter where the running Node has one; Node 20 and 22 do not),
 * `process.memoryUsage().arrayBuffers` for off-heap buffers, `v8.GCProfiler` for what each gc reclaimed, and the
 * inspector's sampling heap profiler. Throws an Error when no gc can be had.
 *
 * @example
 * const probe = nativeHeapProbe();
 * probe.collectGarbage();
 * console.log(probe.read().heapBytes);
 */
export function nativeHeapProbe(): HeapProbe {
  if (probe !== undefined) return probe;
  const gc = obtainGc();
  const hasCounter = typeof (getHeapStatistics() as { total_allocated_bytes?: unknown }).total_allocated_bytes === 'number';
  probe = {
    collectGarbage: () => gc(),
    collectYoungGarbage: () => gc({ type: 'minor' }),
    read(): HeapReading {
      const stats = getHeapStatistics();
      const reading: HeapReading = { heapBytes: stats.used_heap_size, externalBytes: memoryUsage().arrayBuffers, limitBytes: stats.heap_size_limit };
      if (hasCounter) reading.allocatedBytes = (stats as { total_allocated_bytes?: number }).total_allocated_bytes ?? 0;
      return reading;
    },
    codeBytes() {
      const code = getHeapCodeStatistics();
      return code.code_and_metadata_size + code.bytecode_and_metadata_size;
    },
    codeSpaceBytes() {
      let bytes = 0;
      for (const space of getHeapSpaceStatistics()) if (/^(code|trusted)/.test(space.space_name)) bytes += space.space_used_size;
      return bytes;
    },
    watchCollections() {
      const profiler = new GCProfiler();
      profiler.start();
      return () => {
        const result = profiler.stop() as GcStatistics | undefined;
        return (result?.statistics ?? []).map((s) => s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize);
      };
    },
    async profile(run, intervalBytes, includeCollected) {
      const session = new Session();
      session.connect();
      try {
        await post(session, 'HeapProfiler.enable');
        await post(session, 'HeapProfiler.startSampling', {
          samplingInterval: intervalBytes,
          includeObjectsCollectedByMajorGC: includeCollected,
          includeObjectsCollectedByMinorGC: includeCollected,
        });
        let head: HeapProfileNode | undefined;
        try {
          await run();
        } finally {
          head = (await post<{ profile: { head: HeapProfileNode } }>(session, 'HeapProfiler.stopSampling')).profile.head;
        }
        return head;
      } finally {
        session.disconnect();
      }
    },
  };
  return probe;
}
