/**
 * P(X ≤ k) for X ~ Binomial(trials, p), summed in log space so that thousands of trials do not underflow.
 *
 * @example
 * binomialCdf(3, 10, 0.5); // 0.171875
 */
export function binomialCdf(k: number, trials: number, p: number): number {
  if (k < 0) return 0;
  if (k >= trials) return 1;
  if (p <= 0) return 1;
  if (p >= 1) return 0;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  let logCoefficient = 0; // log C(trials, 0)
  let sum = 0;
  for (let i = 0; i <= k; i++) {
    if (i > 0) logCoefficient += Math.log((trials - i + 1) / i);
    sum += Math.exp(logCoefficient + i * logP + (trials - i) * logQ);
  }
  return Math.min(1, sum);
}
