import { settleVerdict } from '../config/settleVerdict.js';
import { usageError } from '../input/usageError.js';
import type { MatcherContext, MatcherResult } from '../report/layout.js';
import { recordAssertion } from '../report/run/recordAssertion.js';
import { queryMessage } from '../report/toIssueQueriesAtMost.js';
import { groupByShape } from '../queries/groupByShape.js';
import { measureQueryCall } from './measureQueryCall.js';

/**
 * The shared body of the query- and request-counting matchers: validate, run the call once inside a measurement
 * (a sized workload's setup outside it), compare the count with k, and build the message only when shown.
 *
 * @example
 * const { pass, message } = await judgeQueryCount(this, 'toIssueQueriesAtMost', 'query', received, 2, undefined);
 */
export async function judgeQueryCount(
  context: MatcherContext | undefined,
  matcher: string,
  kind: 'query' | 'request',
  received: unknown,
  k: unknown,
  nOrOptions: unknown,
): Promise<MatcherResult> {
  if (typeof k !== 'number' || !Number.isSafeInteger(k) || k < 0) {
    throw usageError({ matcher, argument: 'k', expectation: `a whole number of ${kind === 'query' ? 'queries' : 'requests'} (0 or more)`, received: k });
  }
  if (kind === 'request' && typeof nOrOptions === 'object' && nOrOptions !== null && 'transactionControl' in nOrOptions) {
    throw usageError({
      matcher,
      argument: 'options.transactionControl',
      expectation: 'left out: it concerns database statements (BEGIN, COMMIT…), and this matcher counts HTTP requests',
      received: (nOrOptions as { transactionControl: unknown }).transactionControl,
      hint: 'use toIssueQueriesAtMost for statements',
    });
  }
  const { log, rerun, rerunOptions } = await measureQueryCall(matcher, received, nOrOptions);
  const counted = kind === 'query' ? log.queries : log.requests;
  const pass = !log.timedOut && counted.length <= k;
  const forAgent = recordAssertion(
    context,
    {
      matcher,
      metric: kind === 'query' ? 'queries per call' : 'requests per call',
      statistic: 'count',
      value: counted.length,
      unit: kind === 'query' ? 'queries' : 'requests',
      ...(typeof rerunOptions['n'] === 'number' ? { n: rerunOptions['n'] } : {}),
      verdict: log.timedOut ? 'inconclusive' : pass ? 'pass' : 'fail',
      pass,
      budget: k,
      direction: 'at most',
    },
    { rerun: rerunOptions, top: groupByShape(counted).slice(0, 3).map((group) => ({ shape: group.shape, count: group.count, distinctValues: group.distinctValues, callSite: group.first.callSite ?? null })) },
  );
  const message = (): string => queryMessage(context, { matcher, kind, limit: k, log, rerun }) + forAgent();
  if (log.timedOut) {
    // Neither verdict is known for a call that never settled, so it fails both with and without .not.
    const raise =
      log.cappedByTestTimeoutMs === undefined
        ? 'raise maxTimeMs, or look for a promise that never settles'
        : `the default cap was lowered to ${Math.round(log.maxTimeMs)} ms to stay inside the test's ${log.cappedByTestTimeoutMs} ms timeout; raise the test's timeout (Vitest: testTimeout or test(name, fn, ms); Jest: testTimeout or jest.setTimeout) together with maxTimeMs`;
    throw new Error(`${matcher}: the call had not settled after ${log.elapsedMs.toFixed(0)} ms (maxTimeMs ${Math.round(log.maxTimeMs)}) and was abandoned; ${raise}\n\n${message()}`);
  }
  return settleVerdict(context, { verdict: pass ? 'pass' : 'fail', pass }, {
    matcher,
    message,
    why: () => `the call had not settled after ${log.elapsedMs.toFixed(0)} ms (maxTimeMs) and was abandoned`,
    remedy: () => 'look for a promise that never settles, or raise maxTimeMs',
  });
}
