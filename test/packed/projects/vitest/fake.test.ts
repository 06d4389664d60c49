import { createRequire } from 'node:module';
import { expect, test } from 'vitest';

const require = createRequire(import.meta.url);
const { fakeTimerCases, check } = require('./abuse-cases.cjs');
for (const kase of fakeTimerCases()) test(kase.name, () => check(kase, expect), 20_000);
