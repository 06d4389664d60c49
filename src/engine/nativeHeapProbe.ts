import { Session } from 'node:inspector';
import { GCProfiler, getHeapCodeStatistics, getHeapStatistics } from 'node:v8';
import type { HeapProbe } from './HeapProbe.js';
import type { HeapProfileNode } from './HeapProfileNode.js';
import type { HeapReading } from './HeapReading.js';
import { obtainGc } from './obtainGc.js';

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
