/**
 * The parts of a perfspec failure message, in the fixed order a reader (person or agent) looks for them.
 *
 * @example
 * formatMessage(context, { matcher: 'toRunUnder', expectedArgument: 'budgetMs', expected: 'median under 5 ms', received: 'median 9.8 ms' });
 */
export interface MessageParts {
  matcher: string;
  /** Name shown in the hint line, e.g. `budgetMs` in `expect(received).toRunUnder(budgetMs)`. */
  expectedArgument: string;
  expected: string;
  received: string;
  /** Shown right after Received when the verdict came from an inconclusive measurement. */
  verdict?: string;
  /** Evidence lines (tables, plots), already indented. */
  evidence?: string[];
  measured?: string;
  rerun?: string;
  hints?: string[];
}
