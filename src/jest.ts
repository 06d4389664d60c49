import { afterAll, afterEach, expect } from '@jest/globals';
import { matchers } from './matchers/matchers.js';
import type { PerfMatchers } from './PerfMatchers.js';
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
expect.extend(instrumentMatchers(matchers, bridge));

afterEach(async () => {
  const error = await unawaitedAssertions(expect.getState().currentTestName);
  if (error !== undefined) throw error;
});

afterAll(() => {
  const line = inconclusiveSummary();
  if (line !== undefined) console.warn(line);
});

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
