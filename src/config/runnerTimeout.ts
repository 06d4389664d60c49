/**
 * Where a runner entry plugs in how to read the running test's timeout (ms; 0 or undefined when there is none or
 * it cannot be had). Empty outside a runner.
 *
 * @example
 * runnerTimeout.read = () => getCurrentTest()?.timeout;
 */
export const runnerTimeout: { read?: () => number | undefined } = {};
