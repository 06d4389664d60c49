import { expect } from '@jest/globals';
import { registerRunner } from './config/runnerInfo.js';
import { matchers } from './matchers/matchers.js';
import type { PerfMatchers } from './PerfMatchers.js';

// Jest's runtime answers `@jest/globals` itself, with the same `expect` it injects as a global: registering here
// covers both styles, and works with `injectGlobals: false`.
registerRunner('jest');
expect.extend(matchers);

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
