import { afterAll, expect } from '@jest/globals';
import { runnerTimeout } from './config/runnerTimeout.js';
import { matchers } from './matchers/matchers.js';
import { releaseQuerySpy } from './queries/releaseQuerySpy.js';
import type { PerfMatchers } from './PerfMatchers.js';

// Jest's runtime answers `@jest/globals` itself, with the same `expect` it injects as a global: registering here
// covers both styles, and works with `injectGlobals: false`.
expect.extend(matchers);
// Runs at the end of every test file (setupFilesAfterEnv registers it per file): nothing of the file may stay
// reachable from process-wide hooks (`jest --detectLeaks`).
afterAll(releaseQuerySpy);

// jest-circus keeps its state under a private symbol on the test environment's global: the running test's own
// timeout (its third argument) or else the file's (testTimeout, or jest.setTimeout). Default caps stay inside it.
runnerTimeout.read = () => {
  const global = globalThis as unknown as Record<symbol, unknown>;
  const stateSymbol = Object.getOwnPropertySymbols(global).find((symbol) => symbol.description === 'JEST_STATE_SYMBOL');
  const state = stateSymbol === undefined ? undefined : (global[stateSymbol] as { testTimeout?: number; currentlyRunningTest?: { timeout?: number } } | undefined);
  const fromSetTimeout = global[Symbol.for('TEST_TIMEOUT_SYMBOL')] as number | undefined;
  return state?.currentlyRunningTest?.timeout || fromSetTimeout || state?.testTimeout;
};

declare module 'expect' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
  interface Matchers<R extends void | Promise<void>, T = unknown> extends PerfMatchers<R> {}
}

declare global {
  // @types/jest declares the matchers of the global `expect` in this namespace.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
    interface Matchers<R, T = {}> extends PerfMatchers<R> {}
  }
}

export {};
