// Installs the corpus packages (npm aliases in bench/corpus/package.json) into bench/corpus/node_modules on
// first use, so the root lockfile stays as it is.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function ensureInstalled() {
  const dir = new URL('.', import.meta.url).pathname;
  if (existsSync(`${dir}node_modules/ms-2.0.0`)) return;
  console.error('installing the corpus packages into bench/corpus/node_modules …');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'], { cwd: dir, stdio: 'inherit' });
}
