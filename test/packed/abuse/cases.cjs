// The adversarial set of issue 10, runnable under Vitest and Jest from the packed tarball. Each case states what
// perfspec must do: refuse the input or fail the assertion with its own message (`error`), or pass (`pass`).
// abuse.test.* turns every case into a test; run.mjs tallies the outcomes: clear errors, hangs (the runner's
// per-case timeout or the outer kill timer), crashes (no results), silent passes, unclear errors.
const http = require('node:http');

const never = () => new Promise(() => undefined);
const settleSoon = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const notSettled = /not settled|did not settle/;
function spin(iterations) {
  const sqrt = Math.sqrt;
  let x = 0;
  for (let i = 0; i < iterations; i++) x += sqrt(i);
  return x;
}
function* generator() {
  yield spin(1000);
}
async function* asyncGenerator() {
  yield spin(1000);
}
class Parser {
  constructor() {
    this.value = spin(10);
  }
}

/** A local HTTP server for the request cases; requests go without keep-alive so nothing outlives a case. */
async function withServer(body) {
  const server = http.createServer((_request, response) => response.end('ok'));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const get = (path) =>
    new Promise((resolve, reject) => http.get(`${origin}${path}`, { agent: false }, (response) => response.resume().on('end', resolve)).on('error', reject));
  try {
    return await body(get, origin);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/**
 * @param {{ sized: Function, trackQueries: Function, countOp: Function }} perfspec
 * @returns {{ name: string, expect: 'error' | 'pass', message?: RegExp, absent?: string[], boundMs: number, timeoutMs?: number, run: (expect: Function) => Promise<unknown> }[]}
 */
function cases({ sized, trackQueries, countOp }) {
  const matchersOn = (received, kind) => {
    const sizedRun = kind === 'sized';
    return [
      ['toRunUnder', (expect) => expect(received).toRunUnder(5, sizedRun ? { n: 10, maxTimeMs: 300 } : { maxTimeMs: 300 })],
      ['toAllocateAtMost', (expect) => expect(received).toAllocateAtMost('1 KiB', sizedRun ? { n: 10, maxTimeMs: 300 } : { maxTimeMs: 300 })],
      ['toRetainAtMost', (expect) => expect(received).toRetainAtMost(0, sizedRun ? { n: 10, maxTimeMs: 300 } : { maxTimeMs: 300 })],
      ['toIssueQueriesAtMost', (expect) => expect(received).toIssueQueriesAtMost(1, sizedRun ? { n: 10, maxTimeMs: 300 } : { maxTimeMs: 300 })],
      ['toIssueRequestsAtMost', (expect) => expect(received).toIssueRequestsAtMost(1, sizedRun ? { n: 10, maxTimeMs: 300 } : { maxTimeMs: 300 })],
      ['toScaleAtMost', (expect) => expect(sizedRun ? received : sized((n) => n, received)).toScaleAtMost('n', { metric: 'ops', sizes: [1, 2, 3, 4], maxTimeMs: 300 })],
    ];
  };
  const list = [];
  // 1. Calls that never settle: every matcher fails within its cap, with its own message.
  for (const [matcher, run] of matchersOn(never, 'plain')) {
    list.push({ name: `never-settling call: ${matcher}`, expect: 'error', message: notSettled, boundMs: 5_000, run });
  }
  // 2. A sized setup that never settles (the time matcher and the query matchers take n; toScaleAtMost its sizes).
  const neverSetup = sized(never, (input) => spin(input ?? 10));
  for (const [matcher, run] of matchersOn(neverSetup, 'sized')) {
    list.push({ name: `never-settling sized setup: ${matcher}`, expect: 'error', message: /setup\(\d+\) had not settled/, boundMs: 5_000, run });
  }
  // 3. Generator and async-generator functions, and a class: refused, since their body never runs.
  for (const [matcher, run] of matchersOn(generator, 'plain')) {
    list.push({ name: `generator function: ${matcher}`, expect: 'error', message: /must be a function whose body runs when called/, boundMs: 2_000, run });
  }
  list.push({ name: 'async generator function: toRunUnder', expect: 'error', message: /this is an async generator function/, boundMs: 2_000, run: (expect) => expect(asyncGenerator).toRunUnder(5) });
  list.push({ name: 'class as received: toRunUnder', expect: 'error', message: /this is a class; measure what it does/, boundMs: 2_000, run: (expect) => expect(Parser).toRunUnder(5) });
  // 4. Timer overflow: budgets and caps above 2^31-1 ms.
  list.push({ name: 'budget of 1e12 ms on a 5 ms async call', expect: 'pass', boundMs: 10_000, run: (expect) => expect(() => settleSoon(5)).toRunUnder(1e12) });
  list.push({ name: 'maxTimeMs 3e9 on a 2 ms async call', expect: 'pass', boundMs: 15_000, run: (expect) => expect(() => settleSoon(2)).toRunUnder(200, { maxTimeMs: 3e9 }) });
  // 5. Default cap inside the test's timeout: perfspec's message, not the runner's "timed out".
  list.push({ name: 'never-settling call with the default cap in a 2 s test', expect: 'error', message: /test's 2000 ms timeout/, boundMs: 2_000, timeoutMs: 2_000, run: (expect) => expect(never).toIssueQueriesAtMost(1) });
  // 6. Small refusals.
  list.push({ name: 'sized(null, run)', expect: 'error', message: /^sized: setup must be a function/, boundMs: 1_000, run: async () => sized(null, (x) => x) });
  list.push({ name: 'toIssueRequestsAtMost with transactionControl', expect: 'error', message: /transactionControl must be left out/, boundMs: 1_000, run: (expect) => expect(() => undefined).toIssueRequestsAtMost(1, { transactionControl: true }) });
  list.push({
    name: 'trackQueries on an object whose getter throws',
    expect: 'error',
    message: /^trackQueries: target must be/,
    boundMs: 1_000,
    run: async () => trackQueries(Object.defineProperty({}, 'client', { enumerable: true, get: () => { throw new Error('raw getter error'); } })),
  });
  list.push({ name: 'received is not a function', expect: 'error', message: /toRunUnder: received must be a function/, boundMs: 1_000, run: (expect) => expect(42).toRunUnder(5) });
  list.push({ name: 'negative budget', expect: 'error', message: /toRunUnder: budgetMs must be/, boundMs: 1_000, run: (expect) => expect(() => 1).toRunUnder(-1) });
  list.push({ name: 'byte string that is not one', expect: 'error', message: /toAllocateAtMost: .*must be/, boundMs: 1_000, run: (expect) => expect(() => 1).toAllocateAtMost('lots') });
  list.push({ name: 'unknown complexity class', expect: 'error', message: /toScaleAtMost: complexity must be one of/, boundMs: 1_000, run: (expect) => expect(sized((n) => n, spin)).toScaleAtMost('n^4') });
  // 7. Silent-pass checks: code that breaks its promise must fail.
  list.push({ name: 'slow function against a 0.5 ms budget', expect: 'error', message: /Expected: median CPU time per call under 500 µs/, boundMs: 10_000, run: (expect) => expect(() => spin(5_000_000)).toRunUnder(0.5) });
  list.push({ name: 'allocating 1 MB per call against 1 KiB', expect: 'error', message: /toAllocateAtMost/, boundMs: 10_000, run: (expect) => expect(() => new Array(131_072).fill(1.5)).toAllocateAtMost('1 KiB') });
  list.push({ name: 'quadratic operation count against n', expect: 'error', message: /toScaleAtMost/, boundMs: 10_000, run: async (expect) => {
    await expect(sized((n) => n, (n) => { for (let i = 0; i < n * n; i++) countOp(); })).toScaleAtMost('n', { metric: 'ops', sizes: [8, 16, 32, 64, 128] });
  } });
  list.push({ name: 'N+1 of 5 requests against 1', expect: 'error', message: /Received: 5 requests/, boundMs: 10_000, run: (expect) => withServer((get) => expect(async () => { for (let id = 1; id <= 5; id++) await get(`/users/${id}`); }).toIssueRequestsAtMost(1)) });
  // 8. ignore with a global RegExp: all six health checks left out.
  list.push({ name: 'ignore: /health/g over 6 identical requests', expect: 'pass', boundMs: 10_000, run: (expect) => withServer((get) => expect(async () => { for (let i = 0; i < 6; i++) await get('/health'); }).toIssueRequestsAtMost(0, { ignore: /health/g })) });
  // 9. What a message may contain: no query-string value, no credentials.
  list.push({
    name: 'request failure message with an access token in the URL',
    expect: 'error',
    message: /access_token=\[redacted\]/,
    absent: ['sk_live_SECRET_TOKEN_0123456789'],
    boundMs: 10_000,
    run: (expect) => withServer((get) => expect(() => get('/me?access_token=sk_live_SECRET_TOKEN_0123456789')).toIssueRequestsAtMost(0)),
  });
  return list;
}

/** Fake timers installed before perfspec loaded: nothing may hang; time is measured or refused clearly. */
function fakeTimerCases() {
  return [
    { name: 'fake timers first: toRunUnder on a fast sync function', expect: 'pass-or-error', message: /wall clock did not advance/, boundMs: 10_000, run: (expect) => expect(() => spin(1000)).toRunUnder(50) },
    { name: 'fake timers first: toRunUnder on a never-settling call', expect: 'error', message: /not settled|did not settle|wall clock did not advance/, boundMs: 5_000, run: (expect) => expect(never).toRunUnder(5, { maxTimeMs: 300 }) },
    { name: 'fake timers first: toIssueQueriesAtMost on a never-settling call', expect: 'error', message: notSettled, boundMs: 5_000, run: (expect) => expect(never).toIssueQueriesAtMost(1, { maxTimeMs: 300 }) },
    { name: 'fake timers first: toAllocateAtMost on a never-settling call', expect: 'error', message: notSettled, boundMs: 5_000, run: (expect) => expect(never).toAllocateAtMost('1 KiB', { maxTimeMs: 300 }) },
  ];
}

/** Runs one case and throws, with a tally tag, unless perfspec did what the case requires. */
async function check(kase, expect) {
  const started = Date.now();
  let error;
  try {
    await kase.run(expect);
  } catch (caught) {
    error = caught;
  }
  const tookMs = Date.now() - started;
  // eslint-disable-next-line no-control-regex -- runners colour their messages unless NO_COLOR is set
  const message = error === undefined ? '' : String(error && error.message !== undefined ? error.message : error).replace(/\x1b\[[0-9;]*m/g, '');
  if (tookMs > kase.boundMs) throw new Error(`[UNBOUNDED] took ${tookMs} ms, bound ${kase.boundMs} ms${message ? `: ${message}` : ''}`);
  if (kase.expect === 'pass') {
    if (error !== undefined) throw new Error(`[WRONG-FAILURE] expected a pass: ${message}`);
    return 'pass';
  }
  if (error === undefined) {
    if (kase.expect === 'pass-or-error') return 'pass';
    throw new Error('[SILENT-PASS] the assertion passed');
  }
  if (!kase.message.test(message)) throw new Error(`[UNCLEAR] ${message}`);
  for (const secret of kase.absent ?? []) if (message.includes(secret)) throw new Error(`[LEAKED] the message shows ${secret}`);
  return 'clear-error';
}

module.exports = { cases, fakeTimerCases, check };
