import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { obtainGc } from '../../../src/engine/heap/nativeHeapProbe.js';

describe('obtainGc', () => {
  it('gets a working gc without the --expose-gc flag, once per process', () => {
    expect(process.execArgv).not.toContain('--expose-gc');
    const gc = obtainGc();
    expect(obtainGc()).toBe(gc);
    const makeGarbage = (): number => Array.from({ length: 1000 }, () => new Array<number>(1000).fill(0)).length;
    expect(makeGarbage()).toBe(1000);
    const withGarbage = getHeapStatistics().used_heap_size;
    gc();
    // 1000 arrays of 1000 small integers: 1000 × (32 + 16 + 8 000) B, all unreachable now.
    expect(withGarbage - getHeapStatistics().used_heap_size).toBeGreaterThanOrEqual(1000 * 8048);
    gc({ type: 'minor' });
  });
});
