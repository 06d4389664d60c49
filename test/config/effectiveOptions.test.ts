import { afterEach, describe, expect, test } from 'vitest';
import { allocateOptions, retainOptions } from '../../src/config/effectiveOptions.js';
import { runnerTimeout } from '../../src/config/runnerTimeout.js';

const original = runnerTimeout.read;
afterEach(() => {
  if (original === undefined) delete runnerTimeout.read;
  else runnerTimeout.read = original;
});

describe('how far a default heap cap may stretch', () => {
  test('within 80% of the running test’s timeout: 4 s under the runners’ default 5 s, 8 s under 10 s', () => {
    runnerTimeout.read = () => 5000;
    expect(allocateOptions({}).stretchToMs).toBe(4000);
    runnerTimeout.read = () => 10_000;
    expect(retainOptions({}).stretchToMs).toBe(8000);
  });

  test('at most 30 s however long the test may run, and 4 s outside a runner or when the timeout cannot be read', () => {
    runnerTimeout.read = () => 3_600_000;
    expect(allocateOptions({}).stretchToMs).toBe(30_000);
    runnerTimeout.read = () => undefined;
    expect(allocateOptions({}).stretchToMs).toBe(4000);
    runnerTimeout.read = () => {
      throw new Error('no test running');
    };
    expect(allocateOptions({}).stretchToMs).toBe(4000);
  });

  test('a cap the assertion gives never stretches', () => {
    runnerTimeout.read = () => 60_000;
    expect(allocateOptions({ maxTimeMs: 1500 })).not.toHaveProperty('stretchToMs');
  });
});
