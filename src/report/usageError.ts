import { describeValue } from './describeValue.js';

/**
 * A TypeError for misuse of a matcher or API, naming the matcher, the argument, what it must be and what was
 * received, in the layout of the runners' own "Matcher error" messages.
 *
 * @example
 * throw usageError({ matcher: 'toRunUnder', argument: 'budgetMs', expectation: 'a positive finite number of milliseconds', received: -1 });
 */
export function usageError(problem: { matcher: string; argument: string; expectation: string; received: unknown; hint?: string }): TypeError {
  const lines = [
    `${problem.matcher}: ${problem.argument} must be ${problem.expectation}`,
    '',
    `Received: ${describeValue(problem.received)}`,
  ];
  if (problem.hint !== undefined) lines.push(`Hint:     ${problem.hint}`);
  const error = new TypeError(lines.join('\n'));
  error.name = 'PerfspecUsageError';
  return error;
}
