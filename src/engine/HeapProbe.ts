import type { HeapProfileNode } from './HeapProfileNode.js';
import type { HeapReading } from './HeapReading.js';

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
  /** Starts recording garbage collections; the returned function stops and lists the bytes each one reclaimed. */
  watchCollections(): () => readonly number[];
  /**
   * Runs `run` under V8's sampling heap profiler with a mean sampling interval of `intervalBytes` and returns the
   * profile's root; `includeCollected` keeps objects that died before the profile was taken.
   */
  profile(run: () => Promise<void>, intervalBytes: number, includeCollected: boolean): Promise<HeapProfileNode>;
}
