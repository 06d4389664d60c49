import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { engineOverrides } from '../../../src/config/engineOverrides.js';
import { toBeFasterThan } from '../../../src/matchers/toBeFasterThan.js';
import { toRunUnder } from '../../../src/matchers/toRunUnder.js';
import PerfspecReporter from '../../../src/reporter.js';
import type { PerfRecord } from '../../../src/report/run/recordAssertion.js';
import { fakeClock } from '../../fixtures/fakeClock.js';

const output = mkdtempSync(join(tmpdir(), 'perfspec-reporter-test-'));

afterEach(() => {
  delete engineOverrides.clock;
  delete engineOverrides.loadPerCore;
  delete process.env['PERFSPEC_REPORT_DIR'];
  vi.restoreAllMocks();
});

function fake(): ReturnType<typeof fakeClock> {
  const clock = fakeClock();
  engineOverrides.clock = clock.clock;
  engineOverrides.loadPerCore = () => 0;
  return clock;
}

describe('records and perfspec/reporter', () => {
  test('in Vitest, each assertion appends its record to the task meta, and the reporter collects every module’s', async () => {
    const clock = fake();
    const task = { fullName: 'parse.test.ts > parse > is fast', fullTestName: 'parse > is fast', file: { filepath: '/repo/parse.test.ts' }, meta: {} as { perfspec?: PerfRecord[] } };
    await toRunUnder.call({ task }, () => clock.spend(2e6), 5);
    await toBeFasterThan.call({ task, isNot: true }, () => clock.spend(1e5), () => clock.spend(5e4), { by: 1.5 });
    expect(task.meta.perfspec).toHaveLength(2);
    expect(task.meta.perfspec?.[0]).toMatchObject({ test: 'parse > is fast', file: '/repo/parse.test.ts', matcher: 'toRunUnder', metric: 'cpu time', statistic: 'median', value: 2e6, unit: 'ns', verdict: 'pass', pass: true, budget: 5e6, direction: 'at most' });
    expect(task.meta.perfspec?.[1]).toMatchObject({ matcher: 'toBeFasterThan', metric: 'speedup', unit: '×', verdict: 'fail', pass: false, negated: true, budget: 1.5, direction: 'at least' });
    expect(task.meta.perfspec?.[0]?.fingerprint).toMatchObject({ node: process.version, v8: process.versions.v8, timeScale: 1 });
    expect(JSON.parse(JSON.stringify(task.meta))).toEqual(task.meta);

    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const reporter = new PerfspecReporter({ json: join(output, 'vitest/report.json'), bmf: join(output, 'vitest/bmf.json') });
    const module = (metas: object[]) => ({ children: { allTests: () => metas.map((meta) => ({ meta: () => meta })) } });
    reporter.onTestRunEnd([module([task.meta, {}]), module([{ perfspec: [task.meta.perfspec?.[0]] }])]);
    expect(JSON.parse(readFileSync(join(output, 'vitest/report.json'), 'utf8')).records).toHaveLength(3);
    expect(Object.keys(JSON.parse(readFileSync(join(output, 'vitest/bmf.json'), 'utf8')))).toHaveLength(3);
    expect(write.mock.calls.map(([text]) => String(text)).join('')).toContain('3 performance assertions, 0 failed, 0 inconclusive');
  });

  test('under Jest, the reporter names a run directory for the workers and reads their record files at the end', async () => {
    const clock = fake();
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const reporter = new PerfspecReporter({ rootDir: '/repo' }, { markdown: join(output, 'jest/summary.md'), githubBenchmark: join(output, 'jest/gab.json') }, {});
    const directory = process.env['PERFSPEC_REPORT_DIR'];
    expect(directory).toBeDefined();
    await toRunUnder.call({ currentTestName: 'a > b', testPath: '/repo/b.test.js' }, () => clock.spend(8e6), 5);
    await toRunUnder.call({ currentTestName: 'a > c', testPath: '/repo/a.test.js' }, () => clock.spend(1e6), 5);
    reporter.onRunComplete();
    const gab = JSON.parse(readFileSync(join(output, 'jest/gab.json'), 'utf8')) as { name: string }[];
    expect(gab.map((entry) => entry.name.replace(/^.*?(\w\.test\.js)/, '$1'))).toEqual(['a.test.js > a > c > toRunUnder', 'b.test.js > a > b > toRunUnder']);
    expect(readFileSync(join(output, 'jest/summary.md'), 'utf8')).toContain('| FAIL |');
    expect(existsSync(directory as string)).toBe(false);
    expect(write.mock.calls.map(([text]) => String(text)).join('')).toContain('2 performance assertions, 1 failed, 0 inconclusive');
  });

  test('without a reporter, nothing is recorded anywhere', async () => {
    const clock = fake();
    const context = { currentTestName: 'x', testPath: '/repo/x.test.ts' };
    await toRunUnder.call(context, () => clock.spend(1e6), 5);
    expect(context).toEqual({ currentTestName: 'x', testPath: '/repo/x.test.ts' });
  });
});

process.on('exit', () => rmSync(output, { recursive: true, force: true }));
