import { describe, expect, test } from 'vitest';
import type { PerfRecord } from '../../../src/report/run/recordAssertion.js';
import { renderReport } from '../../../src/report/run/renderReport.js';

const fingerprint = { node: 'v20.20.2', v8: '11.3', cpuModel: 'AMD EPYC', cpuCount: 2, os: 'linux 6.1 x64', runner: 'vitest', runnerVersion: '4.1.12', timeScale: 1 };
const records: PerfRecord[] = [
  { test: 'parse > is fast', file: '/repo/test/parse.test.ts', matcher: 'toRunUnder', metric: 'cpu time', statistic: 'median', value: 2e6, lower: 1.9e6, upper: 2.1e6, unit: 'ns', verdict: 'pass', pass: true, budget: 5e6, direction: 'at most', fingerprint },
  { test: 'parse > is fast', file: '/repo/test/parse.test.ts', matcher: 'toRunUnder', metric: 'cpu time', statistic: 'p95', value: 6e6, unit: 'ns', n: 1000, verdict: 'inconclusive', pass: false, budget: 5e6, direction: 'at most', fingerprint },
  { test: 'new parser', file: '/repo/test/parse.test.ts', matcher: 'toBeFasterThan', metric: 'speedup', statistic: 'median paired cpu-time speedup', value: 2, lower: 1.8, upper: 2.5, unit: '×', verdict: 'pass', pass: true, budget: 1.5, direction: 'at least', fingerprint },
  { test: 'new parser', file: '/repo/test/parse.test.ts', matcher: 'toRunUnder', metric: 'cpu time', statistic: 'median', value: 8e6, unit: 'ns', verdict: 'fail', pass: false, negated: true, budget: 5e6, direction: 'at most', fingerprint },
];

describe('renderReport', () => {
  test('json holds every record under "records"', () => {
    expect(JSON.parse(renderReport(records, 'json', '/repo'))).toEqual({ records });
  });

  test('bmf follows the Bencher Metric Format: unique names, one measure each with value and bounds', () => {
    const bmf = JSON.parse(renderReport(records, 'bmf', '/repo')) as Record<string, Record<string, Record<string, number>>>;
    expect(Object.keys(bmf)).toEqual([
      'test/parse.test.ts > parse > is fast > toRunUnder',
      'test/parse.test.ts > parse > is fast > toRunUnder n=1000',
      'test/parse.test.ts > new parser > toBeFasterThan',
      'test/parse.test.ts > new parser > toRunUnder',
    ]);
    for (const measures of Object.values(bmf)) {
      for (const [measure, metric] of Object.entries(measures)) {
        expect(measure).toMatch(/^[a-z][a-z0-9-]*$/);
        expect(Object.keys(metric).every((key) => ['value', 'lower_value', 'upper_value'].includes(key))).toBe(true);
        expect(typeof metric['value']).toBe('number');
        if (metric['lower_value'] !== undefined) expect(metric['lower_value']).toBeLessThanOrEqual(metric['value'] as number);
        if (metric['upper_value'] !== undefined) expect(metric['upper_value']).toBeGreaterThanOrEqual(metric['value'] as number);
      }
    }
    expect(bmf['test/parse.test.ts > parse > is fast > toRunUnder']).toEqual({ latency: { value: 2e6, lower_value: 1.9e6, upper_value: 2.1e6 } });
    expect(bmf['test/parse.test.ts > new parser > toBeFasterThan']).toEqual({ speedup: { value: 2, lower_value: 1.8, upper_value: 2.5 } });
  });

  test('githubBenchmark is an array of { name, unit, value, range?, extra }, all smaller-is-better', () => {
    const entries = JSON.parse(renderReport(records, 'githubBenchmark', '/repo')) as Record<string, unknown>[];
    expect(entries).toHaveLength(4);
    for (const entry of entries) {
      expect(Object.keys(entry).every((key) => ['name', 'unit', 'value', 'range', 'extra'].includes(key))).toBe(true);
      expect(typeof entry['name']).toBe('string');
      expect(typeof entry['unit']).toBe('string');
      expect(Number.isFinite(entry['value'])).toBe(true);
      expect(typeof entry['extra']).toBe('string');
    }
    expect(entries[0]).toEqual({ name: 'test/parse.test.ts > parse > is fast > toRunUnder', unit: 'ns', value: 2e6, range: '1900000..2100000', extra: 'pass; median; budget at most 5000000 ns' });
    // A speedup is written as relative time (1 / speedup), its bounds swapped.
    expect(entries[2]).toMatchObject({ unit: 'x reference time', value: 0.5, range: `${1 / 2.5}..${1 / 1.8}` });
  });

  test('the table and the markdown show measured, budget, headroom and verdict, inconclusive marked', () => {
    const table = renderReport(records, 'table', '/repo');
    expect(table).toContain('test/parse.test.ts > parse > is fast > toRunUnder         median 2.00 ms (1.90 ms–2.10 ms)');
    expect(table).toMatch(/toRunUnder n=1000 +p95 6\.00 ms +at most 5\.00 ms +−20% +INCONCLUSIVE \(failed\)/);
    expect(table).toMatch(/toBeFasterThan +median paired cpu-time speedup 2\.00× \(1\.80×–2\.50×\) +at least 1\.50× +\+33% +pass/);
    // `.not.toRunUnder(5)` of an 8 ms call: the engine's fail is the assertion's pass.
    expect(table).toMatch(/new parser > toRunUnder +median 8\.00 ms +not at most 5\.00 ms +−60% +pass/);
    expect(table).toContain('4 performance assertions, 1 failed, 1 inconclusive');
    const markdown = renderReport(records, 'markdown', '/repo');
    expect(markdown).toContain('| assertion | measured | budget | headroom | verdict |');
    expect(markdown).toContain('| test/parse.test.ts > new parser > toBeFasterThan | median paired cpu-time speedup 2.00× (1.80×–2.50×) | at least 1.50× | +33% | pass |');
    expect(markdown).toContain('_vitest 4.1.12, Node v20.20.2, 2 × AMD EPYC, linux 6.1 x64, time scale 1_');
  });

  test('an empty run says so', () => {
    expect(renderReport([], 'table')).toBe('perfspec: no performance assertions recorded\n');
    expect(JSON.parse(renderReport([], 'json'))).toEqual({ records: [] });
  });
});
