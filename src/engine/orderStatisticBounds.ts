/**
 * Distribution-free one-sided confidence bounds for the q-quantile of a continuous distribution from m sorted
 * samples: the 1-based ranks of the order statistics X₍ₗ₎ ≤ ξ_q and X₍ᵤ₎ ≥ ξ_q, each holding with probability at
 * least 1 − alpha. A rank is absent when m samples are too few for that confidence.
 *
 * @example
 * orderStatisticBounds(20, 0.5, 0.01); // { lowerRank: 5, upperRank: 16 }
 */
export function orderStatisticBounds(m: number, q: number, alpha: number): { lowerRank?: number; upperRank?: number } {
  // X₍ᵤ₎ ≥ ξ_q exactly when fewer than u samples fall below ξ_q, i.e. Binomial(m, q) ≤ u − 1; symmetrically
  // X₍ₗ₎ ≤ ξ_q when at least l samples do. One pass over the binomial pmf finds both ranks.
  const logP = Math.log(q);
  const logQ = Math.log1p(-q);
  let logCoefficient = 0;
  let cdf = 0;
  let lowerRank: number | undefined;
  let upperRank: number | undefined;
  for (let i = 0; i <= m; i++) {
    if (i > 0) logCoefficient += Math.log((m - i + 1) / i);
    cdf += Math.exp(logCoefficient + i * logP + (m - i) * logQ);
    // cdf = P(B ≤ i). Lower rank l = i + 1 is valid while P(B ≤ l − 1) ≤ alpha.
    if (cdf <= alpha) lowerRank = i + 1;
    if (upperRank === undefined && cdf >= 1 - alpha) upperRank = i + 1;
  }
  const bounds: { lowerRank?: number; upperRank?: number } = {};
  if (lowerRank !== undefined && lowerRank <= m) bounds.lowerRank = lowerRank;
  if (upperRank !== undefined && upperRank <= m) bounds.upperRank = upperRank;
  return bounds;
}
