// The shared adversarial set (test/packed/abuse/cases.cjs, copied here by run.mjs).
const perfspec = require('perfspec');
const { cases, check } = require('./abuse-cases.cjs');
for (const kase of cases(perfspec)) test(kase.name, () => check(kase, expect), kase.timeoutMs ?? 20_000);
