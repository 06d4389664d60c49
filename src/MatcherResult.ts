/**
 * What every perfspec matcher resolves to: `pass` never looks at `.not` (the runner flips it), and the message
 * is only built when the runner shows it.
 *
 * @example
 * const { pass, message } = await matchers.toRunUnder.call({}, () => work(), 5);
 */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
}
