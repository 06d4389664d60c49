import { sizedWorkloadBrand } from './sizedWorkloadBrand.js';
import type { SizedWorkload } from './SizedWorkload.js';

/**
 * Whether a value was made by `sized()`.
 *
 * @example
 * isSizedWorkload(sized(n => n, x => x)); // true
 */
export function isSizedWorkload(value: unknown): value is SizedWorkload {
  return typeof value === 'object' && value !== null && (value as Partial<SizedWorkload>)[sizedWorkloadBrand] === true;
}
