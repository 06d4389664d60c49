import { assertionSession } from './assertionSession.js';

/**
 * Called when a test ends (an `afterEach` of the runner entry): perfspec assertions of that test still pending were
 * not awaited. Waits for them to settle (so their measuring does not spill into the next test) and returns the
 * error to fail the test with, or undefined when every assertion was awaited.
 *
 * @param test - the test, as the runner bridge identifies it.
 * @example
 * afterEach(async (context) => { const error = await unawaitedAssertions(context.task); if (error) throw error; });
 */
export async function unawaitedAssertions(test: object | string | undefined): Promise<Error | undefined> {
  const pending = [...(assertionSession.pending.get(test) ?? [])];
  if (pending.length === 0) return undefined;
  for (const entry of pending) entry.forgotten = true;
  await Promise.all(pending.map((entry) => entry.done));
  const names = [...new Set(pending.map((entry) => entry.matcher))];
  const first = names[0] ?? 'a perfspec matcher';
  return new Error(
    `${names.join(', ')} was not awaited: the test ended while ${pending.length === 1 ? 'it was' : `${pending.length} assertions were`} still measuring, so ` +
      `${pending.length === 1 ? 'its verdict' : 'their verdicts'} could not fail the test. Every perfspec matcher is async: add \`await\`, ` +
      `as in \`await expect(fn).${first}(…)\``,
  );
}
