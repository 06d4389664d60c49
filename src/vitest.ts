import 'vitest';
import { expect } from 'vitest';
import { registerRunner } from './config/runnerInfo.js';
import { matchers } from './matchers/matchers.js';
import type { PerfMatchers } from './PerfMatchers.js';

registerRunner('vitest');
expect.extend(matchers);

// The bare import above survives into vitest.d.ts, which TypeScript needs to treat the block below as an
// augmentation of Vitest's module rather than an unrelated ambient declaration.
declare module 'vitest' {
  // The type parameter must repeat Vitest's own declaration exactly for the interfaces to merge.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
  interface Assertion<T = any> extends PerfMatchers<void> {}
}

export {};
