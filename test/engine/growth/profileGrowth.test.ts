import { describe, expect, it } from 'vitest';
import { profileGrowth } from '../../../src/engine/growth/profileGrowth.js';
import type { Workload } from '../../../src/engine/workload.js';

// Real CPU profiles of real work: what is asserted is where the time goes (one function does nearly all of it),
// never how fast, so a busy machine changes only the number of samples.
function trimEnd(text: string): string {
  return text.replace(/\s+$/, '');
}
function dedupe(items: readonly number[]): number[] {
  const seen: number[] = [];
  for (const item of items) if (seen.indexOf(item) < 0) seen.push(item);
  return seen;
}
const spaces = (n: number): Workload => ({ prepare: () => `a${' '.repeat(n)}a`, call: (s) => trimEnd(s as string) });
const distinct = (n: number): Workload => ({ prepare: () => Array.from({ length: n }, (_, i) => i), call: (a) => dedupe(a as number[]) });

describe('profileGrowth', () => {
  it('names the function, file and hot line where a backtracking regular expression spends the growing time', async () => {
    const profile = await profileGrowth(spaces, 16, 4000, { callNsSmall: 1e3, callNsLarge: 5e6 });
    const top = profile?.hotspots[0];
    expect(top).toMatchObject({ functionName: 'trimEnd', file: 'test/engine/growth/profileGrowth.test.ts', line: 7 });
    expect(top?.shareLarge).toBeGreaterThan(0.8);
    expect(top?.hotLine).toMatchObject({ line: 8, kind: 'regexp' });
    expect(profile?.hint).toBe('regexp');
    expect(top?.package).toBeUndefined();
  });

  it('calls an indexOf inside a loop a search', async () => {
    const profile = await profileGrowth(distinct, 16, 3000, { callNsSmall: 1e3, callNsLarge: 5e6 });
    expect(profile?.hotspots[0]).toMatchObject({ functionName: 'dedupe', hotLine: { line: 12, kind: 'search' } });
    expect(profile?.hint).toBe('search');
  });

  it('profiles nothing async', async () => {
    const later = (): Workload => ({ call: async () => undefined });
    expect(await profileGrowth(later, 1, 2, { callNsSmall: 1e3, callNsLarge: 1e3 })).toBeUndefined();
  });
});
