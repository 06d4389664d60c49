import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MatcherContext } from '../layout.js';
import { agentBlock } from './agentBlock.js';
import type { AgentExtra } from './agentBlock.js';
import { environmentFingerprint } from './environmentFingerprint.js';
import type { EnvironmentFingerprint } from './environmentFingerprint.js';

/**
 * What one perfspec assertion measured and decided, as the run report keeps it. `direction` says which way the
 * budget binds: `'at most'` (time, bytes, queries) or `'at least'` (a speedup).
 *
 * @example
 * const record: PerfRecord = { test: 'parse', file: 'parse.test.ts', matcher: 'toRunUnder', metric: 'time', statistic: 'median', value: 2.1e6, unit: 'ns', verdict: 'pass', pass: true, budget: 5e6, direction: 'at most', fingerprint };
 */
export interface PerfRecord {
  test: string;
  file: string;
  matcher: string;
  metric: string;
  statistic: string;
  value: number;
  lower?: number;
  upper?: number;
  unit: string;
  n?: number;
  verdict: 'pass' | 'fail' | 'inconclusive';
  /** What the assertion reported (before `.not`). */
  pass: boolean;
  /** Whether the assertion was negated with `.not`. */
  negated?: boolean;
  budget: number;
  direction: 'at most' | 'at least';
  fingerprint: EnvironmentFingerprint;
}

/** The environment variable through which the Jest reporter tells its workers where to write records. */
export const reportDirVariable = 'PERFSPEC_REPORT_DIR';

/**
 * Leaves an assertion's record where a reporter finds it: in Vitest, on the current test's `task.meta.perfspec`
 * (serialized with the task, so it survives `--shard`, blob reports and `--merge-reports`); under the Jest
 * reporter, as one JSON line in the run's directory named by `PERFSPEC_REPORT_DIR`; elsewhere nowhere. Returns the
 * closing block of the failure message for coding agents (`agentBlock`: empty unless an agent runs the tests).
 *
 * @example
 * const forAgent = recordAssertion(this, { matcher: 'toRunUnder', metric: 'time', statistic: 'median', value, unit: 'ns', verdict, pass, budget, direction: 'at most' }, { rerun });
 * return { pass, message: () => timeMessage(…) + forAgent() };
 */
export function recordAssertion(context: MatcherContext | undefined, measured: Omit<PerfRecord, 'test' | 'file' | 'fingerprint'>, extra: AgentExtra): () => string {
  const forAgent = (): string => agentBlock(measured, extra);
  const task = context?.task;
  const directory = process.env[reportDirVariable];
  if (task?.meta === undefined && directory === undefined) return forAgent;
  const record: PerfRecord = {
    // Vitest's fullName starts with the file's name; fullTestName (Vitest 4) is the suite path and title alone.
    test: task?.fullTestName ?? task?.fullName ?? context?.currentTestName ?? '',
    file: task?.file?.filepath ?? context?.testPath ?? '',
    ...measured,
    ...(context?.isNot === true ? { negated: true } : {}),
    fingerprint: environmentFingerprint(),
  };
  if (task?.meta !== undefined) {
    const meta = task.meta as { perfspec?: PerfRecord[] };
    (meta.perfspec ??= []).push(record);
    return forAgent;
  }
  if (directory !== undefined) appendFileSync(join(directory, `records-${process.pid}.jsonl`), `${JSON.stringify(record)}\n`);
  return forAgent;
}
