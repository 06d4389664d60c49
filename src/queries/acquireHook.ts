import { installHook } from './installHook.js';
import { spyState } from './spyState.js';

/**
 * Installs a hook once per process under `key` and returns a release function that uninstalls it when the last
 * holder lets go (zero-config holds permanently, `trackQueries` releases on undo).
 *
 * @example
 * const release = acquireHook('mysql2:channels', () => subscribeAll());
 */
export function acquireHook(key: string, install: () => (() => void) | { undo: () => void; intact: () => boolean }, permanent = false): () => void {
  let entry = spyState.installed.get(key);
  if (entry === undefined) {
    entry = { refs: 0, undo: () => undefined, permanent: false, install };
    installHook(entry, install);
    spyState.installed.set(key, entry);
  }
  if (permanent) {
    // Zero-config runs before every measurement: it holds each hook once, for the life of the process.
    if (!entry.permanent) {
      entry.permanent = true;
      entry.refs++;
    }
    return () => undefined;
  }
  entry.refs++;
  const held = entry;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held.refs--;
    if (held.refs === 0 && spyState.installed.get(key) === held) {
      spyState.installed.delete(key);
      held.undo();
    }
  };
}

