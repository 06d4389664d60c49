import { currentSettings } from './configure.js';

/**
 * A judgement as the engine hands it to a matcher: its verdict, the point estimate's answer (which settles an
 * inconclusive verdict under the `'warn'` policy), and `evidence: 'none'` when nothing usable was measured.
 *
 * @example
 * const judged: Judged = { verdict: 'inconclusive', pass: true };
 */
export interface Judged {
  verdict: 'pass' | 'fail' | 'inconclusive';
  pass: boolean;
  evidence?: 'none' | undefined;
}

/**
 * The words a matcher gives `settleVerdict`: its name, its full message, why the verdict was inconclusive or what
 * could not be measured (one clause), and what would give a measurement (one sentence).
 *
 * @example
 * const words: VerdictWords = { matcher: 'toRunUnder', message, why: () => 'the cap ended sampling', remedy: 'raise maxTimeMs' };
 */
export interface VerdictWords {
  matcher: string;
  message: () => string;
  why: () => string;
  remedy: () => string;
  /** What settles an inconclusive verdict under `'warn'` (default "the point estimate"). */
  settledOn?: string;
}

/**
 * An assertion result as the runners take it (structurally the matchers' `MatcherResult`), with the note for an
 * inconclusive verdict.
 *
 * @example
 * const { pass, message, inconclusive } = settleVerdict(this, result, words);
 */
export interface SettledVerdict {
  pass: boolean;
  message: () => string;
  inconclusive?: string;
}

/**
 * The one place where a verdict becomes an assertion result, by the inconclusive policy in force: a pass or fail
 * stands; an inconclusive one is settled by `configure({ inconclusive })` and carries a note for the runner to
 * show; a judgement with no usable evidence fails with and without `.not`, under every policy.
 *
 * @example
 * return settleVerdict(this, result, { matcher: 'toRunUnder', message, why, remedy });
 */
export function settleVerdict(context: { isNot?: boolean } | undefined, judged: Judged, words: VerdictWords): SettledVerdict {
  const { matcher, message } = words;
  if (judged.evidence === 'none') {
    // Thrown rather than returned: a result with pass false would hold under `.not`, and nothing was measured.
    throw new Error(`${matcher} measured nothing usable: ${words.why()}; ${words.remedy()}\n\n${message()}`);
  }
  if (judged.verdict !== 'inconclusive') return { pass: judged.pass, message };
  const policy = currentSettings().inconclusive;
  if (policy === 'fail') {
    throw new Error(`${matcher} was inconclusive, and the inconclusive policy is 'fail': ${words.why()}; ${words.remedy()}\n\n${message()}`);
  }
  const isNot = context?.isNot === true;
  const pass = policy === 'pass' ? !isNot : judged.pass;
  const held = pass !== isNot;
  const settled = policy === 'pass' ? "held (inconclusive policy 'pass')" : `${held ? 'held' : 'failed'} on ${words.settledOn ?? 'the point estimate'} (inconclusive policy 'warn')`;
  return { pass, message, inconclusive: `${matcher} inconclusive: ${words.why()}; ${settled}; ${words.remedy()}` };
}
