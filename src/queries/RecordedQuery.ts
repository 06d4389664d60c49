/**
 * The spy's mutable record of one statement while it runs; `toQueryEvent` turns it into the public `QueryEvent`.
 *
 * @example
 * const query = recordQuery('pg', 'postgresql', 'query', text, params);
 */
export interface RecordedQuery {
  readonly kind: 'query' | 'request';
  readonly system: string;
  readonly driver: string;
  readonly text: string;
  readonly params: readonly unknown[];
  /** performance.now() at issue, in ms. */
  readonly startMs: number;
  /** An object holding a captured stack trace (`Error.captureStackTrace`), formatted only when shown. */
  readonly stack: { stack?: string } | undefined;
  durationMs: number | undefined;
  rows: number | undefined;
  failed: boolean;
}
