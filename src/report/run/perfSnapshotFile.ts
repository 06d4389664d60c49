import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { SnapshotUpdateMode } from '../../config/effectiveOptions.js';
import type { EnvironmentFingerprint } from './environmentFingerprint.js';

/**
 * One shape of statement or request and how many times one call issued it.
 *
 * @example
 * const shape: ShapeCount = { shape: 'SELECT name FROM teams WHERE id = ?', count: 50 };
 */
export interface ShapeCount {
  shape: string;
  count: number;
}

/**
 * What `toMatchPerfSnapshot` keeps for one assertion: the workload's figures per call and the environment they
 * were measured in. Times in ns, sizes in bytes.
 *
 * @example
 * const entry: PerfSnapshotEntry = { time: { statistic: 'median', clock: 'cpu', valueNs: 2.1e6, lowerNs: 2.0e6, upperNs: 2.2e6 }, bytesPerCall: 4096, queries: [], requests: [], fingerprint };
 */
export interface PerfSnapshotEntry {
  /** The input size of a sized workload. */
  n?: number;
  time: { statistic: 'median'; clock: 'cpu' | 'wall'; valueNs: number; lowerNs?: number; upperNs?: number };
  bytesPerCall: number;
  /** Database statements of one call by shape, sorted by shape. */
  queries: ShapeCount[];
  /** Outgoing HTTP requests of one call by shape, sorted by shape. */
  requests: ShapeCount[];
  fingerprint: EnvironmentFingerprint;
}

/**
 * The snapshot file of one test file, loaded once per process: its entries, the keys asserted so far, and the end
 * of the file's run, which reports (or, when updating, removes) the obsolete entries.
 *
 * @example
 * const file = perfSnapshotFile('/repo/test/users.test.ts');
 * const key = file.nextKey('users > lists users');
 */
export interface PerfSnapshotFile {
  /** `<test dir>/__perf_snapshots__/<test file name>.perf.json`. */
  readonly path: string;
  /** The key of the test's next assertion: its full name and a counter from 1, as runner snapshots count. */
  nextKey(testName: string): string;
  /** Starts the test's counter again at 1: called before every attempt of a test, so that a retry reuses its keys. */
  startTest(testName: string): void;
  entry(key: string): PerfSnapshotEntry | undefined;
  /** Writes an entry (the file is rewritten at once, keys sorted) and marks it asserted. */
  write(key: string, entry: PerfSnapshotEntry): void;
  /** Marks a key asserted in this run, so that it is not obsolete. */
  check(key: string): void;
  /**
   * Ends the file's run: the entries not asserted, except those of tests that were skipped or failed, are
   * obsolete; they are removed when `update` is `'all'`. Returns the line to print, or undefined.
   */
  finish(update: SnapshotUpdateMode, notRun: readonly string[]): string | undefined;
}

const files = new Map<string, PerfSnapshotFile>();

/**
 * The perf snapshot file that belongs to a test file (one per test file, beside it in `__perf_snapshots__/`, like
 * runner snapshots), shared by every assertion of this process on that test file.
 *
 * @param testPath - the test file's absolute path, as the runner gives it.
 * @example
 * const file = perfSnapshotFile(this.testPath);
 * const entry = file.entry(file.nextKey(this.currentTestName));
 */
export function perfSnapshotFile(testPath: string): PerfSnapshotFile {
  const path = join(dirname(testPath), '__perf_snapshots__', `${basename(testPath)}.perf.json`);
  const known = files.get(path);
  if (known !== undefined) return known;
  const entries = read(path);
  const counters = new Map<string, number>();
  const checked = new Set<string>();
  const save = (): void => {
    if (entries.size === 0) {
      rmSync(path, { force: true });
      return;
    }
    mkdirSync(dirname(path), { recursive: true });
    const sorted = [...entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    writeFileSync(path, `${JSON.stringify({ version: 1, entries: Object.fromEntries(sorted.map((key) => [key, entries.get(key)])) }, null, 2)}\n`);
  };
  const file: PerfSnapshotFile = {
    path,
    nextKey(testName) {
      const count = (counters.get(testName) ?? 0) + 1;
      counters.set(testName, count);
      return `${testName} ${count}`;
    },
    startTest: (testName) => void counters.delete(testName),
    entry: (key) => entries.get(key),
    write(key, entry) {
      entries.set(key, entry);
      checked.add(key);
      save();
    },
    check: (key) => void checked.add(key),
    finish(update, notRun) {
      // As runner snapshots: a test that was skipped (or filtered out) or failed keeps its entries.
      const kept = (key: string): boolean => checked.has(key) || notRun.some((test) => key.startsWith(`${test} `) && /^\d+$/.test(key.slice(test.length + 1)));
      const obsolete = [...entries.keys()].filter((key) => !kept(key));
      files.delete(path);
      if (obsolete.length === 0) return undefined;
      const count = `${obsolete.length} obsolete perf snapshot ${obsolete.length === 1 ? 'entry' : 'entries'}`;
      if (update === 'all') {
        for (const key of obsolete) entries.delete(key);
        save();
        return `[perfspec] removed ${count} from ${path}`;
      }
      return `[perfspec] ${count} in ${path} (no test asserted ${obsolete.length === 1 ? 'it' : 'them'} in this run; remove with -u or PERFSPEC_UPDATE=1):\n${obsolete.map((key) => `  · ${key}`).join('\n')}`;
    },
  };
  files.set(path, file);
  return file;
}

function read(path: string): Map<string, PerfSnapshotEntry> {
  if (!existsSync(path)) return new Map();
  const text = readFileSync(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`perfspec: the perf snapshot file ${path} is not valid JSON (${(error as Error).message}); fix or delete it, then rerun`, { cause: error });
  }
  const entries = (parsed as { entries?: unknown } | null)?.entries;
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
    throw new Error(`perfspec: the perf snapshot file ${path} has no "entries" object; fix or delete it, then rerun`);
  }
  return new Map(Object.entries(entries as Record<string, PerfSnapshotEntry>));
}
