import { isTransactionControl } from './isTransactionControl.js';
import type { QueryEvent } from './QueryEvent.js';
import type { RecordedQuery } from './RecordedQuery.js';
import { shapeOf } from './shapeOf.js';
import { userCallSite } from './userCallSite.js';

// N+1 logs repeat one text many times: normalize each distinct text once. Bounded so a long run cannot grow it.
const shapes = new Map<string, string>();

/**
 * The public, read-only view of a recorded statement, with its shape and call site worked out (lazily: the
 * duration and rows are read when accessed, so a statement still running shows them once it completes).
 *
 * @example
 * const events = scope.recorded.map(toQueryEvent);
 */
export function toQueryEvent(recorded: RecordedQuery): QueryEvent {
  let shape = shapes.get(recorded.text);
  if (shape === undefined) {
    shape = shapeOf(recorded.system, recorded.text).shape;
    if (shapes.size > 5000) shapes.clear();
    shapes.set(recorded.text, shape);
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
