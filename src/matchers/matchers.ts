import { toBlockEventLoopAtMost } from './toBlockEventLoopAtMost.js';
import { toFetchRowsAtMost } from './toFetchRowsAtMost.js';
import { toIssueQueriesAtMost } from './toIssueQueriesAtMost.js';
import { toIssueRequestsAtMost } from './toIssueRequestsAtMost.js';
import { toAllocateAtMost } from './toAllocateAtMost.js';
import { toBeFasterThan } from './toBeFasterThan.js';
import { toMatchPerfSnapshot } from './toMatchPerfSnapshot.js';
import { toRetainAtMost } from './toRetainAtMost.js';
import { toRunUnder } from './toRunUnder.js';
import { toScaleAtMost } from './toScaleAtMost.js';
import { toUseStackAtMost } from './toUseStackAtMost.js';

/**
 * Every perfspec matcher, ready for `expect.extend(matchers)` in any runner with Jest-compatible `expect`.
 * The `perfspec/vitest` and `perfspec/jest` entries do this for you.
 *
 * @example
 * import { matchers } from 'perfspec';
 * expect.extend(matchers);
 */
export const matchers = { toRunUnder, toScaleAtMost, toAllocateAtMost, toRetainAtMost, toIssueQueriesAtMost, toIssueRequestsAtMost, toBeFasterThan, toFetchRowsAtMost, toBlockEventLoopAtMost, toMatchPerfSnapshot, toUseStackAtMost };
