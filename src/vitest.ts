import 'vitest';
import * as vitest from 'vitest';
import { afterAll, afterEach, beforeEach, expect } from 'vitest';
import { runnerTimeout } from './config/runnerTimeout.js';
import { snapshotUpdateMode } from './config/effectiveOptions.js';
import { registerRunner } from './config/runnerInfo.js';
import { matchers } from './matchers/matchers.js';
import type { PerfMatchers } from './PerfMatchers.js';
import { perfSnapshotFile } from './report/run/perfSnapshotFile.js';
import { inconclusiveSummary } from './session/inconclusiveSummary.js';
import { instrumentMatchers, type RunnerBridge } from './session/instrumentMatchers.js';
import { unawaitedAssertions } from './session/unawaitedAssertions.js';

/** The part of Vitest's task that perfspec touches; typed loosely because it differs across Vitest 4 and 5. */
interface VitestTask {
  type?: string;
  meta?: Record<string, unknown>;
  result?: { state?: string };
  context?: { annotate?: (message: string, type?: string) => unknown };
}

const bridge: RunnerBridge = {
  // Vitest hands custom matchers the running test as `this.task` (undefined outside a test).
  testOf: (state) => (state as { task?: VitestTask } | undefined)?.task,
  show(test, note) {
    const task = test as VitestTask | undefined;
    if (task?.meta !== undefined) {
      // Reporters (JSON included) receive meta: a machine-readable record beside the human-readable annotation.
      const list = (task.meta['perfspecInconclusive'] as string[] | undefined) ?? [];
      task.meta['perfspecInconclusive'] = [...list, note];
    }
    try {
      // Shown by the verbose and tree reporters, the UI, and beside a failure; the default reporter shows the
      // console line below for passing tests, under the test's name.
      if (task?.context?.annotate !== undefined && task.result?.state === 'run') void task.context.annotate(note, 'warning');
    } catch {
      // Annotation is refused outside a running test; the console line still shows the note.
    }
    console.warn(`[perfspec] ${note}`);
  },
};

registerRunner('vitest');
expect.extend(instrumentMatchers(matchers, bridge));

// Every attempt of a test (a retry too) numbers its perf snapshot assertions from 1 again, as runner snapshots do.
beforeEach(() => {
  const { testPath, currentTestName } = expect.getState();
  if (testPath !== undefined && currentTestName !== undefined) perfSnapshotFile(testPath).startTest(currentTestName);
});

afterEach(async (context) => {
  const error = await unawaitedAssertions(context.task);
  if (error !== undefined) throw error;
});

afterAll(() => {
  const line = inconclusiveSummary();
  if (line !== undefined) console.warn(line);
});

/** The part of Vitest's file and suite tasks the obsolete-entry check reads. */
interface VitestSuiteTask {
  name: string;
  mode?: string;
  filepath?: string;
  file?: { filepath?: string };
  result?: { state?: string };
  tasks?: VitestSuiteTask[];
}

// A setup file's afterAll belongs to the test file's own suite, which Vitest passes in: perf snapshot entries that
// no test asserted are obsolete, except those of tests skipped, filtered out or failed (as Vitest's own snapshots).
// The suite is the last argument (Vitest 4.0 passes it alone, 4.1 after a fixture context); a declared parameter
// would be parsed by Vitest 4.1 as a fixture pattern and refused, hence `arguments`.
afterAll(function () {
  // eslint-disable-next-line prefer-rest-params -- a rest parameter is parsed as a fixture pattern too
  const file = arguments[arguments.length - 1] as VitestSuiteTask | undefined;
  const testPath = file?.filepath ?? file?.file?.filepath;
  if (testPath === undefined) return;
  const notRun: string[] = [];
  const walk = (task: VitestSuiteTask, names: readonly string[]): void => {
    for (const child of task.tasks ?? []) {
      const path = [...names, child.name];
      if (child.tasks !== undefined) walk(child, path);
      else if (child.mode === 'skip' || child.mode === 'todo' || child.result?.state !== 'pass') notRun.push(path.join(' > '));
    }
  };
  if (file !== undefined) walk(file, []);
  const line = perfSnapshotFile(testPath).finish(snapshotUpdateMode(expect.getState().snapshotState), notRun);
  if (line !== undefined) console.warn(line);
});

// The running test's own timeout (its third argument, or testTimeout): default caps stay inside it. Vitest 4.1+
// has TestRunner.getCurrentTest(); 4.0 only `vitest/suite`, which 4.1 deprecates with a warning on import.
type CurrentTest = () => { timeout?: number } | undefined;
let currentTest = (vitest as unknown as { TestRunner?: { getCurrentTest?: CurrentTest } }).TestRunner?.getCurrentTest;
if (currentTest === undefined) {
  // Not a literal: Vitest 5 no longer exports `vitest/suite`, and Vite fails a file whose literal import it cannot
  // resolve, even one never reached there.
  const suiteEntry = 'vitest/suite';
  void (import(suiteEntry) as Promise<{ getCurrentTest: unknown }>).then(
    (suite) => (currentTest = suite.getCurrentTest as CurrentTest),
    () => undefined,
  );
}
runnerTimeout.read = () => currentTest?.()?.timeout;

// The bare import above survives into vitest.d.ts, which TypeScript needs to treat the block below as an
// augmentation of Vitest's module rather than an unrelated ambient declaration.
declare module 'vitest' {
  // The type parameter must repeat Vitest's own declaration exactly for the interfaces to merge.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-empty-object-type
  interface Assertion<T = any> extends PerfMatchers<void, T> {}
}

export {};
