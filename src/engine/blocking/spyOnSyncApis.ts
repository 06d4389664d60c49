import { createRequire, syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';

/**
 * One call of a synchronous Node API (`fs.readFileSync`, `zlib.gzipSync`, `crypto.pbkdf2Sync`,
 * `child_process.execSync`, …) made during a measurement: its name, whether it waits on I/O or computes, how long it
 * took in wall and CPU time, and where it was called from.
 *
 * @example
 * const [call]: SyncCall[] = measurement.syncCalls; // { api: 'crypto.pbkdf2Sync', kind: 'cpu', wallNs: 41e6, … }
 */
export interface SyncCall {
  /** `module.function`, e.g. `'fs.readFileSync'`. */
  readonly api: string;
  /** `'io'` for fs and child_process (the thread waits: wall time counts), `'cpu'` for zlib and crypto. */
  readonly kind: 'io' | 'cpu';
  /** Wall-clock ns at the start (the measurement's clock). */
  readonly startNs: number;
  readonly wallNs: number;
  /** Process CPU time during the call (0 when the run-queue delay is known: it is not read then). */
  readonly cpuNs: number;
  /** How long it held the thread: wall minus preemption where known, else wall for I/O and min(wall, CPU) for computation. */
  readonly judgedNs: number;
  /** A captured stack trace, formatted only when shown. */
  readonly stack: { stack?: string };
}

const modules: readonly { name: string; kind: 'io' | 'cpu' }[] = [
  { name: 'fs', kind: 'io' },
  { name: 'child_process', kind: 'io' },
  { name: 'zlib', kind: 'cpu' },
  { name: 'crypto', kind: 'cpu' },
];

type Method = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Wraps every `*Sync` function of fs, child_process, zlib and crypto so that calls made while `inScope()` holds are
 * passed to `record` (nested ones, such as the `openSync` inside `readFileSync`, as part of the outer call), and
 * returns the undo. ESM named imports see the wrappers too (`syncBuiltinESMExports`); a function destructured from
 * the module before the measurement started does not.
 *
 * @example
 * const undo = spyOnSyncApis(nativeClock, () => true, (call) => calls.push(call));
 */
export function spyOnSyncApis(clock: { wallNs(): number; cpuNs(): number; runDelayNs?: () => number }, inScope: () => boolean, record: (call: SyncCall) => void): () => void {
  // Builtins resolve the same from anywhere; createRequire works in both the ESM and the CommonJS build.
  const load = createRequire(join(process.cwd(), 'noop.js'));
  const undo: (() => void)[] = [];
  let depth = 0;
  for (const { name, kind } of modules) {
    const module = load(name) as Record<string, unknown>;
    for (const key of Object.keys(module)) {
      const original = module[key];
      if (!key.endsWith('Sync') || typeof original !== 'function') continue;
      const api = `${name}.${key}`;
      const wrapper = function (this: unknown, ...args: unknown[]): unknown {
        if (depth > 0 || !inScope()) return (original as Method).apply(this, args);
        const stack: { stack?: string } = {};
        Error.captureStackTrace(stack, wrapper);
        depth++;
        const startNs = clock.wallNs();
        const cpu0 = clock.cpuNs();
        const delay0 = clock.runDelayNs?.() ?? 0;
        try {
          return (original as Method).apply(this, args);
        } finally {
          depth--;
          const wallNs = clock.wallNs() - startNs;
          const cpuNs = clock.cpuNs() - cpu0;
          const judgedNs = clock.runDelayNs !== undefined ? wallNs - Math.min(wallNs, Math.max(0, clock.runDelayNs() - delay0)) : kind === 'io' ? wallNs : Math.min(wallNs, cpuNs);
          record({ api, kind, startNs, wallNs, cpuNs, judgedNs, stack });
        }
      };
      Object.defineProperty(wrapper, 'name', { value: key });
      module[key] = wrapper;
      undo.push(() => {
        if (module[key] === wrapper) module[key] = original;
      });
    }
  }
  syncBuiltinESMExports();
  return () => {
    undo.forEach((restore) => restore());
    syncBuiltinESMExports();
  };
}
