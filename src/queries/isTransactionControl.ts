/**
 * Whether a statement only controls a transaction (BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT,
 * SAVEPOINT, RELEASE, and Redis MULTI/EXEC/DISCARD), which the query matchers leave out unless asked.
 *
 * @example
 * isTransactionControl('postgresql', 'COMMIT'); // true
 */
export function isTransactionControl(system: string, text: string): boolean {
  if (system === 'redis') return /^(MULTI|EXEC|DISCARD)\b/i.test(text);
  if (system === 'http') return false;
  return /^\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE)\b/i.test(text);
}
