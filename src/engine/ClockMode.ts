/**
 * Which clock judges a time: `'cpu'` (CPU time, insensitive to other processes), `'wall'` (elapsed time, needed
 * for work that waits on I/O), or `'auto'`: CPU time for synchronous work, wall time for async work.
 *
 * @example
 * await expect(() => fetchUser(1)).toRunUnder(20, { clock: 'wall' });
 */
export type ClockMode = 'auto' | 'cpu' | 'wall';
