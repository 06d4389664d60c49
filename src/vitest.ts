import { expect } from 'vitest';
import { matchers } from './matchers/matchers.js';
import type { PerfMatchers } from './PerfMatchers.js';

expect.extend(matchers);

declare module 'vitest' {
  // The type parameter must repeat Vitest's own declaration exactly for the interfaces to merge.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
  interface Assertion<T = any> extends PerfMatchers<void> {}
}

export {};
