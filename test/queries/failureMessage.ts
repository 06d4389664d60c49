/** The message of a matcher assertion that must fail, without the runner's colours; throws if it passed. */
export async function failureMessage(assertion: Promise<unknown>): Promise<string> {
  try {
    await assertion;
  } catch (error) {
    // eslint-disable-next-line no-control-regex
    return (error as Error).message.replace(/\u001b\[[0-9;]*m/g, '');
  }
  throw new Error('the assertion passed, but it was expected to fail');
}
