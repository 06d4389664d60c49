import { afterAll, afterEach, beforeEach, expect } from '@jest/globals';
import type { PerfMatchers } from './PerfMatchers.js';
import { snapshotUpdateMode } from './config/effectiveOptions.js';
import { registerRunner } from './config/runnerInfo.js';
import { runnerTimeout } from './config/runnerTimeout.js';
import { matchers } from './matchers/matchers.js';
import { spyState } from './queries/spyState.js';
import { perfSnapshotFile } from './report/run/perfSnapshotFile.js';
import { inconclusiveSummary } from './session/inconclusiveSummary.js';
import { instrumentMatchers, type RunnerBridge } from './session/instrumentMatchers.js';
import { unawaitedAssertions } from './session/unawaitedAssertions.js';

const bridge: RunnerBridge = {
  // Jest gives matchers no handle on the test, only its full name.
  testOf: (state) => (state as { currentTestName?: string } | undefined)?.currentTestName,
  show(test, note) {
    console.warn(`[perfspec] inconclusive in "${typeof test === 'string' ? test : 'a test'}": ${note}`);
  },
};

// Jest's runtime answers `@jest/globals` itself, with the same `expect` it injects as a global: registering here
// covers both styles, and works with `injectGlobals: false`. This file runs as setupFilesAfterEnv, once per test
// file, so the hooks below belong to every test file.
registerRunner('jest');
expect.extend(instrumentMatchers(matchers, bridge));

// Every attempt of a test (a retry too) numbers its perf snapshot assertions from 1 again, as runner snapshots do.
beforeEach(() => {
  const { testPath, currentTestName } = expect.getState();
  if (testPath !== undefined && currentTestName !== undefined) perfSnapshotFile(testPath).startTest(currentTestName);
});

afterEach(async () => {
  const error = await unawaitedAssertions(expect.getState().currentTestName);
  if (error !== undefined) throw error;
});

afterAll(() => {
  const line = inconclusiveSummary();
  if (line !== undefined) console.warn(line);
});

/** The parts of jest-circus's describe blocks and tests the obsolete-entry check reads. */
interface CircusBlock {
  type?: string;
  name: string;
  mode?: string;
  status?: string | null;
  errors?: unknown[];
  children?: CircusBlock[];
}

/** jest-circus's state, kept under a private symbol on the test environment's global (also read for timeouts below). */
function circusState(): { rootDescribeBlock?: CircusBlock; testTimeout?: number; currentlyRunningTest?: { timeout?: number } } | undefined {
  const global = globalThis as unknown as Record<symbol, unknown>;
  const stateSymbol = Object.getOwnPropertySymbols(global).find((symbol) => symbol.description === 'JEST_STATE_SYMBOL');
  return stateSymbol === undefined ? undefined : (global[stateSymbol] as ReturnType<typeof circusState>);
}

// Perf snapshot entries that no test of the file asserted are obsolete, except those of tests skipped, filtered out
// (-t) or failed, as Jest's own snapshots. Test names are jest-circus's (titles joined by spaces, as
// currentTestName); without its state (another test runner) nothing is called obsolete.
afterAll(() => {
  const { testPath, snapshotState } = expect.getState() as { testPath?: string; snapshotState?: unknown };
  const root = circusState()?.rootDescribeBlock;
  if (testPath === undefined || root === undefined) return;
  const notRun: string[] = [];
  const walk = (block: CircusBlock, names: readonly string[]): void => {
    for (const child of block.children ?? []) {
      const path = [...names, child.name];
      if (child.type === 'describeBlock') walk(child, path);
      else if (child.status !== 'done' || (child.errors?.length ?? 0) > 0) notRun.push(path.join(' '));
    }
  };
  walk(root, []);
  const line = perfSnapshotFile(testPath).finish(snapshotUpdateMode(snapshotState), notRun);
  if (line !== undefined) console.warn(line);
});

// Runs at the end of every test file: nothing of the file may stay reachable from process-wide hooks
// (`jest --detectLeaks`).
afterAll(releaseQuerySpy);

// jest-circus keeps its state under a private symbol on the test environment's global: the running test's own
// timeout (its third argument) or else the file's (testTimeout, or jest.setTimeout). Default caps stay inside it.
runnerTimeout.read = () => {
  const global = globalThis as unknown as Record<symbol, unknown>;
  const state = circusState();
  const fromSetTimeout = global[Symbol.for('TEST_TIMEOUT_SYMBOL')] as number | undefined;
  return state?.currentlyRunningTest?.timeout || fromSetTimeout || state?.testTimeout;
};

declare module 'expect' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<R extends void | Promise<void>, T = unknown> extends PerfMatchers<R, T> {}
}

declare global {
  // @types/jest declares the matchers of the global `expect` in this namespace.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Matchers<R, T = {}> extends PerfMatchers<R, T> {}
  }
}

export {};

/**
 * Removes every hook and subscription and lets go of the scope store: run when a Jest test file ends, because
 * `node:diagnostics_channel` and the async-context store belong to the whole process, and a subscription made
 * from a test file's module registry would keep that file (its modules, its globals: ~18 MB each) reachable for
 * the rest of the run. The next measurement installs the hooks again.
 *
 * @example
 * afterAll(releaseQuerySpy);
 */
function releaseQuerySpy(): void {
  for (const entry of spyState.installed.values()) entry.undo();
  spyState.installed.clear();
  spyState.callerStack = undefined;
  spyState.als.disable();
}
