import 'vitest';
import * as vitest from 'vitest';
import { expect } from 'vitest';
import { runnerTimeout } from './config/runnerTimeout.js';
import { matchers } from './matchers/matchers.js';
import type { PerfMatchers } from './PerfMatchers.js';

expect.extend(matchers);
// The running test's own timeout (its third argument, or testTimeout): default caps stay inside it. Vitest 4.1+
// has TestRunner.getCurrentTest(); 4.0 only `vitest/suite`, which 4.1 deprecates with a warning on import.
type CurrentTest = () => { timeout?: number } | undefined;
let currentTest = (vitest as unknown as { TestRunner?: { getCurrentTest?: CurrentTest } }).TestRunner?.getCurrentTest;
if (currentTest === undefined) {
  // Not a literal: Vitest 5 no longer exports `vitest/suite`, and Vite fails a file whose literal import it cannot
  // resolve, even one never reached there.
  const suiteEntry = 'vitest/suite';
  void (import(suiteEntry) as Promise<{ getCurrentTest: unknown }>).then(
    (suite) => (currentTest = suite.getCurrentTest as CurrentTest),
    () => undefined,
  );
}
runnerTimeout.read = () => currentTest?.()?.timeout;

// The bare import above survives into vitest.d.ts, which TypeScript needs to treat the block below as an
// augmentation of Vitest's module rather than an unrelated ambient declaration.
declare module 'vitest' {
  // The type parameter must repeat Vitest's own declaration exactly for the interfaces to merge.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
  interface Assertion<T = any> extends PerfMatchers<void> {}
}

export {};
