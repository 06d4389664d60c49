import { describe, expect, test } from 'vitest';
import { measureTime } from '../../../src/engine/time/measureTime.js';
import { sampleTime } from '../../../src/engine/time/sampleTime.js';
import { sized } from '../../../src/engine/workload.js';
import { fakeClock } from '../../fixtures/fakeClock.js';
import { seededRandom } from '../../fixtures/seededRandom.js';

describe('measureTime', () => {
  test('reports both clocks and stops once the median is known to the requested precision', async () => {
    const fake = fakeClock();
    const random = seededRandom(1);
    const result = await measureTime(() => fake.spend(200_000 * (1 + 0.1 * (random() - 0.5)), 250_000), { clock: fake.clock, precision: 0.04 });
    expect(result.clock).toBe('cpu');
    expect(result.run.stoppedBy).toBe('decision');
    expect(result.medianNs).toBeGreaterThan(195_000);
    expect(result.medianNs).toBeLessThan(205_000);
    expect(result.wall.median).toBe(250_000);
    expect((result.medianUpperNs as number) - (result.medianLowerNs as number)).toBeLessThan(0.04 * result.medianNs);
  });

  test('measures a sized workload at n', async () => {
    const fake = fakeClock();
    const result = await measureTime(sized((n) => n, (n) => fake.spend(n * 1_000)), { n: 300, clock: fake.clock });
    expect(result.medianNs).toBe(300_000);
  });

  test('refuses a value that is not a function', async () => {
    await expect(measureTime(42 as never)).rejects.toThrow('measureTime: received must be a function or a sized workload');
  });
});

describe('sampleTime', () => {
  test('abandons a batch whose later call never settles, and marks it', async () => {
    let calls = 0;
    const sample = await sampleTime({ call: () => (++calls < 3 ? Promise.resolve() : new Promise(() => undefined)) }, 5, { wallNs: () => Number(process.hrtime.bigint()), cpuNs: () => 0 }, 30e6);
    expect(sample.timedOut).toBe(true);
    expect(sample.calls).toBe(3);
    expect(sample.wallNs).toBeGreaterThanOrEqual(25e6);
  });

  test('awaits thenables that are not promises (lazy query builders)', async () => {
    const fake = fakeClock();
    let resolved = 0;
    const thenable = { then: (resolve: () => void) => { fake.spend(0, 1_000); resolved += 1; resolve(); } };
    const sample = await sampleTime({ call: () => thenable }, 4, fake.clock, 1e9);
    expect(sample).toMatchObject({ calls: 4, awaited: true, timedOut: false, wallNs: 4_000 });
    expect(resolved).toBe(4);
  });
});
