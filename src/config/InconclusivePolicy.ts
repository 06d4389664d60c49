/**
 * What an inconclusive verdict does: `'warn'` (the point estimate decides, and the test is marked inconclusive),
 * `'pass'` (the assertion holds either way, marked) or `'fail'` (the assertion fails either way).
 *
 * @example
 * configure({ inconclusive: process.env.CI ? 'fail' : 'warn' });
 */
export type InconclusivePolicy = 'pass' | 'warn' | 'fail';

/**
 * Every inconclusive policy, in the order the docs list them.
 *
 * @example
 * inconclusivePolicies.includes(process.env.PERFSPEC_INCONCLUSIVE);
 */
export const inconclusivePolicies: readonly InconclusivePolicy[] = ['pass', 'warn', 'fail'];
