import type { MatcherContext } from '../MatcherContext.js';
import type { MessageParts } from './MessageParts.js';

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
