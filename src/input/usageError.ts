import { inspect } from 'node:util';

/**
 * A short description of any value for error messages: its type and a truncated rendering.
 *
 * @example
 * describeValue('5'); // 'string "5"'
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  const kind = Array.isArray(value) ? 'array' : typeof value;
  if (kind === 'function') return `function ${(value as { name?: string }).name || '(anonymous)'}`;
  const shown = inspect(value, { depth: 1, breakLength: Infinity, maxArrayLength: 5, maxStringLength: 60 });
  return `${kind} ${shown.length > 80 ? `${shown.slice(0, 77)}...` : shown}`;
}

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
