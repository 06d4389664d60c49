/**
 * Marks objects made by `sized()`, so that a plain object with `setup` and `run` is not mistaken for one. A
 * registered symbol, so that two copies of perfspec (ESM and CJS builds) recognise each other's workloads.
 *
 * @example
 * (value as Partial<SizedWorkload>)[sizedWorkloadBrand] === true; // made by sized()
 */
export const sizedWorkloadBrand: unique symbol = Symbol.for('perfspec.sized');
