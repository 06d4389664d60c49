/**
 * Runs a hook's install and keeps what it returned on its registry entry: the undo, and for a method patch the
 * check that it is still in place.
 *
 * @example
 * installHook(entry, () => subscribeAll());
 */
export function installHook(
  entry: { undo: () => void; intact?: () => boolean },
  install: () => (() => void) | { undo: () => void; intact: () => boolean },
): void {
  const installed = install();
  if (typeof installed === 'function') {
    entry.undo = installed;
    return;
  }
  entry.undo = installed.undo;
  entry.intact = installed.intact;
}
