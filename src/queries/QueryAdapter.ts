/**
 * How one driver is hooked: `install` hooks it for good if the process has loaded it (zero-config, idempotent);
 * `track` hooks the class of a given client, pool or database and returns the undo, or undefined when the object
 * is not this driver's.
 *
 * @example
 * const undo = pgAdapter.track(pool);
 */
export interface QueryAdapter {
  readonly name: string;
  install(): void | Promise<void>;
  track(target: object): (() => void) | undefined;
}
