/**
 * The object on a prototype chain that defines `name` itself (so a patch lands where the method lives and every
 * subclass sees it), or undefined.
 *
 * @example
 * ownerOf(pg.Pool.prototype, 'connect'); // pg-pool's Pool.prototype
 */
export function ownerOf(start: object | null | undefined, name: string): object | undefined {
  for (let object = start; object !== null && object !== undefined && object !== Object.prototype; object = Object.getPrototypeOf(object) as object | null) {
    if (Object.prototype.hasOwnProperty.call(object, name)) return object;
  }
  return undefined;
}
