/**
 * What every perfspec matcher resolves to: `pass` never looks at `.not` (the runner flips it), and the message
 * is only built when the runner shows it. `inconclusive` is set when the measurement could not decide: one line
 * saying why and how the assertion was settled, which the runner entries show on the test.
 *
 * @example
 * const { pass, message, inconclusive } = await matchers.toRunUnder.call({}, () => work(), 5);
 * if (inconclusive !== undefined) console.warn(inconclusive);
 */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
  inconclusive?: string;
}
