// Runs with fakeTimers: { enableGlobally: true }: Jest fakes the timers before perfspec/jest loads.
const { fakeTimerCases, check } = require('./abuse-cases.cjs');
for (const kase of fakeTimerCases()) test(kase.name, () => check(kase, expect), 20_000);
