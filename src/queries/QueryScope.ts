import type { RecordedQuery } from './RecordedQuery.js';

/**
 * The AsyncLocalStorage store of one measurement: while `open`, statements issued in its async context are
 * recorded; after the call settled, they go to `late`.
 *
 * @example
 * spyState.als.run(scope, () => fn());
 */
export interface QueryScope {
  open: boolean;
  readonly recorded: RecordedQuery[];
  readonly late: RecordedQuery[];
  /** The first stack captured for each distinct text: capturing costs ~2 µs, so repeats share it. */
  readonly stacks: Map<string, { stack?: string }>;
  /** Set on a child scope by `runWithCallerStack`: the stack of the driver call that issues the statements below it. */
  callerStack?: { stack?: string };
}
