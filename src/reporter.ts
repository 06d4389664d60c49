import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { reportDirVariable } from './report/run/recordAssertion.js';
import type { PerfRecord } from './report/run/recordAssertion.js';
import { renderReport } from './report/run/renderReport.js';

/**
 * Options of `perfspec/reporter`: the files to write (paths relative to the working directory) and whether to print
 * the end-of-run table.
 *
 * @example
 * reporters: ['default', ['perfspec/reporter', { json: 'perf/report.json', bmf: 'perf/bmf.json', markdown: 'perf/summary.md' }]]
 */
export interface PerfReporterOptions {
  /** All records: `{ "records": [...] }`. */
  json?: string;
  /** Bencher Metric Format. */
  bmf?: string;
  /** github-action-benchmark, tool `customSmallerIsBetter`. */
  githubBenchmark?: string;
  /** A Markdown summary, e.g. for `$GITHUB_STEP_SUMMARY`. */
  markdown?: string;
  /** Print the table of assertions at the end of the run (default true). */
  table?: boolean;
}

/** The part of Vitest's TestModule/TestCase API the reporter reads (Vitest 4 and 5). */
interface VitestTestModule {
  children: { allTests(): Iterable<{ meta(): object }> };
}

/**
 * The perfspec reporter for Vitest and Jest, added beside the runner's own: collects every perfspec assertion's
 * record (from Vitest's task metadata, so sharded and merged runs work; from the Jest workers' record files), prints
 * one table at the end of the run and writes the report files named in its options.
 *
 * @example
 * // vitest.config.ts
 * test: { reporters: ['default', ['perfspec/reporter', { bmf: 'bmf.json' }]] }
 * // jest.config.js
 * reporters: ['default', ['perfspec/reporter', { markdown: 'perf.md' }]]
 */
export default class PerfspecReporter {
  private readonly options: PerfReporterOptions;
  private readonly recordDirectory?: string;

  /** Vitest constructs a reporter with its options; Jest with its global config, the options and a context. */
  constructor(...args: unknown[]) {
    const isJest = args.length >= 2;
    this.options = ((isJest ? args[1] : args[0]) ?? {}) as PerfReporterOptions;
    if (isJest) {
      // Jest's workers are forked after the reporters are made, so they inherit this variable.
      this.recordDirectory = mkdtempSync(join(tmpdir(), 'perfspec-records-'));
      process.env[reportDirVariable] = this.recordDirectory;
    }
  }

  /** Vitest: called once at the end of a run, also of `vitest --merge-reports`. */
  onTestRunEnd(testModules: readonly VitestTestModule[]): void {
    const records: PerfRecord[] = [];
    for (const testModule of testModules) {
      for (const testCase of testModule.children.allTests()) {
        const found = (testCase.meta() as { perfspec?: PerfRecord[] }).perfspec;
        if (Array.isArray(found)) records.push(...found);
      }
    }
    this.report(records);
  }

  /** Jest: called once at the end of a run. */
  onRunComplete(): void {
    const directory = this.recordDirectory;
    if (directory === undefined) return;
    const records: PerfRecord[] = [];
    for (const name of readdirSync(directory).sort()) {
      for (const line of readFileSync(join(directory, name), 'utf8').split('\n')) {
        if (line.trim() !== '') records.push(JSON.parse(line) as PerfRecord);
      }
    }
    rmSync(directory, { recursive: true, force: true });
    // Jest runs each test file in one worker, so sorting by file (stably) keeps each file's own order.
    records.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    this.report(records);
  }

  /** Jest asks every reporter for an error that should fail the run; the perfspec reporter never has one. */
  getLastError(): undefined {
    return undefined;
  }

  private report(records: PerfRecord[]): void {
    if (this.options.table !== false) process.stdout.write(renderReport(records, 'table'));
    const files: [string | undefined, Parameters<typeof renderReport>[1]][] = [
      [this.options.json, 'json'],
      [this.options.bmf, 'bmf'],
      [this.options.githubBenchmark, 'githubBenchmark'],
      [this.options.markdown, 'markdown'],
    ];
    for (const [path, format] of files) {
      if (path === undefined) continue;
      const target = resolve(path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, renderReport(records, format));
    }
  }
}
