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
  utils?: {
    matcherHint(matcherName: string, received?: string, expected?: string, options?: { isNot?: boolean; promise?: string }): string;
    EXPECTED_COLOR?: (text: string) => string;
    RECEIVED_COLOR?: (text: string) => string;
  };
}
