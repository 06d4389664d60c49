import { arch, cpus, platform, release } from 'node:os';
import { currentSettings } from '../../config/configure.js';
import { runnerInfo } from '../../config/runnerInfo.js';

/**
 * What a measurement's numbers depend on besides the code: two records are comparable in time only when their
 * fingerprints match.
 *
 * @example
 * const { node, cpuModel, cpuCount } = environmentFingerprint();
 */
export interface EnvironmentFingerprint {
  node: string;
  v8: string;
  cpuModel: string;
  cpuCount: number;
  os: string;
  runner: string;
  runnerVersion: string;
  timeScale: number;
}

/**
 * The environment of this process: Node and V8 versions, CPU model and count, OS, the runner and its version, and
 * the configured time scale.
 *
 * @example
 * record.fingerprint = environmentFingerprint();
 */
export function environmentFingerprint(): EnvironmentFingerprint {
  const cores = cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    cpuCount: cores.length,
    os: `${platform()} ${release()} ${arch()}`,
    runner: runnerInfo.name,
    runnerVersion: runnerInfo.version,
    timeScale: currentSettings().timeScale,
  };
}
