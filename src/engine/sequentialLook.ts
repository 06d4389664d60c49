/** Sample count at the first look: fewer samples cannot clear a 0.1% one-sided bound on the median anyway. */
const firstLookSamples = 8;
/** Growth of the sample count between looks. */
const lookGrowth = 1.5;

/**
 * The sequential plan of the time engine: look number j (1-based) happens after `samples` samples and may stop
 * only if a one-sided bound at level `alpha` clears the budget. The per-look levels alpha·1/(j(j+1)) sum to
 * alpha over all looks, however many there are, so repeated looking keeps the overall error below alpha
 * (Bonferroni over an alpha-spending sequence).
 *
 * @example
 * sequentialLook(1, 0.01); // { samples: 8, alpha: 0.005 }
 */
export function sequentialLook(j: number, totalAlpha: number): { samples: number; alpha: number } {
  return { samples: Math.ceil(firstLookSamples * lookGrowth ** (j - 1)), alpha: totalAlpha / (j * (j + 1)) };
}
