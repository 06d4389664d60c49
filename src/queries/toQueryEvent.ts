import { isTransactionControl } from './isTransactionControl.js';
import type { QueryEvent } from './QueryEvent.js';
import type { RecordedQuery } from './RecordedQuery.js';
import { shapeOf } from './shapeOf.js';
import { userCallSite } from './userCallSite.js';

// N+1 logs repeat one text many times: normalize each distinct text once. Bounded by bytes, not entries: a
// statement with a megabyte of inlined values must not be kept as a key (100 such statements kept 100–201 MB).
// Only short texts are cached, and the whole cache is dropped when it reaches its byte budget.
const shapes = new Map<string, string>();
const maxCachedTextChars = 2048;
const maxCacheChars = 1 << 20;
let cachedChars = 0;

/**
 * The public, read-only view of a recorded statement, with its shape and call site worked out (lazily: the
 * duration and rows are read when accessed, so a statement still running shows them once it completes).
 *
 * @example
 * const events = scope.recorded.map(toQueryEvent);
 */
export function toQueryEvent(recorded: RecordedQuery): QueryEvent {
  const cacheable = recorded.text.length <= maxCachedTextChars;
  let shape = cacheable ? shapes.get(recorded.text) : undefined;
  if (shape === undefined) {
    shape = shapeOf(recorded.system, recorded.text).shape;
    if (cacheable) {
      const chars = recorded.text.length + shape.length;
      if (cachedChars + chars > maxCacheChars) {
        shapes.clear();
        cachedChars = 0;
      }
      shapes.set(recorded.text, shape);
      cachedChars += chars;
    }
  }
  let callSite: string | undefined | null = null;
  return {
    kind: recorded.kind,
    system: recorded.system,
    driver: recorded.driver,
    text: recorded.text,
    params: recorded.params,
    shape,
    get durationMs() {
      return recorded.durationMs;
    },
    get rows() {
      return recorded.rows;
    },
    get failed() {
      return recorded.failed;
    },
    transactionControl: isTransactionControl(recorded.system, recorded.text),
    get callSite() {
      if (callSite === null) callSite = userCallSite(recorded.stack);
      return callSite;
    },
  };
}
