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
