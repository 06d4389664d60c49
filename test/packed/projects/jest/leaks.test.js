// Run with --detectLeaks: after this file ends nothing of it may stay reachable from perfspec's process-wide hooks
// (diagnostics_channel subscriptions, the async-context store). No I/O here: Node's own HTTP client and fetch keep
// a test file reachable under --detectLeaks without perfspec.
test('query and request matchers keep nothing of the test file', async () => {
  await expect(() => 1).toIssueQueriesAtMost(0);
  await expect(async () => 2).toIssueRequestsAtMost(0);
});
