/**
 * The counter that `countOp` adds to while a call is being measured with the `'ops'` metric, else undefined.
 * A plain module variable rather than AsyncLocalStorage: measured calls run one at a time, and in Node 20 an
 * AsyncLocalStorage turns on promise hooks for the whole process, which would slow the very code being timed.
 *
 * @example
 * opCounter.active = { count: 0 };
 */
export const opCounter: { active: { count: number } | undefined } = { active: undefined };
