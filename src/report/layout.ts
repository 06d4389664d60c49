import type { SiteProfile } from '../engine/heap/profileAllocationSites.js';
import { formatBytes } from './units.js';

/**
 * The part of a custom matcher's `this` that both Vitest and Jest provide and perfspec uses. Every field is
 * optional so that the raw matchers also work when called directly (then messages are plain text).
 *
 * @example
 * const result = await matchers.toRunUnder.call({ isNot: false }, () => work(), 5);
 */
export interface MatcherContext {
  isNot?: boolean;
  promise?: string;
  /** Jest and Vitest: the running test's full name and file. */
  currentTestName?: string;
  testPath?: string;
  /** Jest and Vitest: the test file's snapshot state, whose `_updateSnapshot` says whether `-u` was given. */
  snapshotState?: unknown;
  /** Vitest: the running test, whose `meta` is serialized into every report (blob and merged ones too). */
  task?: { fullTestName?: string; fullName?: string; file?: { filepath?: string }; meta?: object };
  utils?: {
    matcherHint(matcherName: string, received?: string, expected?: string, options?: { isNot?: boolean; promise?: string }): string;
    EXPECTED_COLOR?: (text: string) => string;
    RECEIVED_COLOR?: (text: string) => string;
  };
}

/**
 * What every perfspec matcher resolves to: `pass` never looks at `.not` (the runner flips it), and the message
 * is only built when the runner shows it. `inconclusive` is set when the measurement could not decide: one line
 * saying why and how the assertion was settled, which the runner entries show on the test.
 *
 * @example
 * const { pass, message, inconclusive } = await matchers.toRunUnder.call({}, () => work(), 5);
 * if (inconclusive !== undefined) console.warn(inconclusive);
 */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
  inconclusive?: string;
}

/**
 * The parts of a perfspec failure message, in the fixed order a reader (person or agent) looks for them.
 *
 * @example
 * formatMessage(context, { matcher: 'toRunUnder', expectedArgument: 'budgetMs', expected: 'median under 5 ms', received: 'median 9.8 ms' });
 */
export interface MessageParts {
  matcher: string;
  /** Name shown in the hint line, e.g. `budgetMs` in `expect(received).toRunUnder(budgetMs)`. */
  expectedArgument: string;
  expected: string;
  received: string;
  /** Shown right after Received when the verdict came from an inconclusive measurement. */
  verdict?: string;
  /** Evidence lines (tables, plots), already indented. */
  evidence?: string[];
  measured?: string;
  rerun?: string;
  hints?: string[];
}

const plain = (text: string): string => text;

/**
 * Lays out a failure message: the runner's matcher hint, then aligned Expected/Received lines naming the
 * statistic and unit, the verdict when inconclusive, the evidence, and Measured/Rerun/Hint lines.
 *
 * @example
 * const message = () => formatMessage(this, { matcher: 'toRunUnder', expectedArgument: 'budgetMs', expected, received });
 */
export function formatMessage(context: MatcherContext | undefined, parts: MessageParts): string {
  const isNot = context?.isNot === true;
  const hintOptions: { isNot: boolean; promise?: string } = { isNot };
  if (context?.promise) hintOptions.promise = context.promise;
  const header =
    context?.utils?.matcherHint(parts.matcher, 'received', parts.expectedArgument, hintOptions) ??
    `expect(received).${isNot ? 'not.' : ''}${parts.matcher}(${parts.expectedArgument})`;
  const green = context?.utils?.EXPECTED_COLOR ?? plain;
  const red = context?.utils?.RECEIVED_COLOR ?? plain;
  const lines = [header, '', `Expected: ${green(parts.expected)}`, `Received: ${red(parts.received)}`];
  if (parts.verdict !== undefined) lines.push(`Verdict:  ${parts.verdict}`);
  if (parts.evidence !== undefined && parts.evidence.length > 0) lines.push('', ...parts.evidence);
  const footer: string[] = [];
  if (parts.measured !== undefined) footer.push(`Measured: ${parts.measured}`);
  // `{}` reproduces nothing that a plain rerun would not.
  if (parts.rerun !== undefined && !/^\{\s*\}$/.test(parts.rerun)) footer.push(`Rerun:    ${parts.rerun}`);
  (parts.hints ?? []).forEach((hint, i) => footer.push(`${i === 0 ? 'Hint:' : '     '}     ${hint}`));
  if (footer.length > 0) lines.push('', ...footer);
  return lines.join('\n');
}

/**
 * Aligns rows of cells into columns two spaces apart, each line indented by two spaces; columns listed in
 * `rightAligned` (by index) are padded on the left, so numbers line up on their units.
 *
 * @example
 * formatTable([['n', 'median'], ['1 000', '0.21 ms']], [0, 1]);
 */
export function formatTable(rows: readonly (readonly string[])[], rightAligned: readonly number[] = []): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    `  ${row.map((cell, i) => (rightAligned.includes(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd(),
  );
}

const shownSites = 5;

/**
 * Evidence lines listing the top allocation sites of a profile: bytes, the user's function (and the builtin or
 * library function it allocated through), and file:line of that function; then what was not attributed.
 *
 * @param title - the heading, e.g. `Top allocation sites of one call`.
 * @param profile - the sites found, with the sampling interval in bytes.
 * @param perCall - divides every figure (bytes per call when the profile covered several calls).
 * @example
 * evidence.push(...siteLines('Top allocation sites of one call', sites, 1));
 */
export function siteLines(title: string, profile: SiteProfile, perCall: number): string[] {
  const lines = [`${title} (sampled every ${formatBytes(profile.intervalBytes)}):`];
  if (profile.sites.length === 0) {
    lines.push('  (none in your code: everything sampled was in perfspec or Node internals)');
    return lines;
  }
  const rows = profile.sites.slice(0, shownSites).map((site) => [
    formatBytes(site.bytes / perCall),
    site.via === undefined ? site.functionName : `${site.functionName} → ${site.via}`,
    `${site.file}:${site.line}`,
  ]);
  const rest = profile.sites.slice(shownSites).reduce((sum, site) => sum + site.bytes, 0);
  if (rest > 0) {
    const more = profile.sites.length - shownSites;
    rows.push([formatBytes(rest / perCall), `${more} more ${more === 1 ? 'site' : 'sites'}`, '']);
  }
  if (profile.unattributedBytes > 0) rows.push([formatBytes(profile.unattributedBytes / perCall), '(perfspec and Node internals, not counted)', '']);
  lines.push(...formatTable(rows, [0]));
  if (profile.partial) {
    lines.push('  (partial: the function is async; what it allocates after an await is attributed only when it runs in your files)');
  }
  return lines;
}
