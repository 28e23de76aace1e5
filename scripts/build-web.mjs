// Builds packages/web when its dist is missing or older than its sources. Used by start and test.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const web = path.join(root, 'packages/web');
const builtIndex = path.join(web, 'dist/index.html');

function newestMtime(target) {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(target).map((name) => newestMtime(path.join(target, name))));
}

export function buildWebIfStale() {
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((f) => path.join(web, f));
  const stale = !fs.existsSync(builtIndex) || Math.max(...sources.map(newestMtime)) > fs.statSync(builtIndex).mtimeMs;
  if (!stale) return true;
  console.log('构建前端（packages/web）…');
  return spawnSync('npm', ['run', 'build', '-w', '@jixu/web'], { cwd: root, stdio: 'inherit' }).status === 0;
}

if (process.argv[1] === import.meta.filename && !buildWebIfStale()) process.exit(1);
