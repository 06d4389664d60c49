/**
 * Whether an assertion passes given the engine's verdict: a pass passes, a fail fails, and an inconclusive verdict
 * is decided by its point estimate (`estimateMeetsBudget`), as `toRunUnder` does. The one place that maps verdicts
 * of the matchers that use it, so that an inconclusive policy can replace the rule for all of them at once.
 *
 * @example
 * const pass = verdictPasses(result.verdict, result.meetsClaim);
 */
export function verdictPasses(verdict: 'pass' | 'fail' | 'inconclusive', estimateMeetsBudget: boolean): boolean {
  if (verdict === 'inconclusive') return estimateMeetsBudget;
  return verdict === 'pass';
}
