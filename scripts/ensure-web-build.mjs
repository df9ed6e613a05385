// Builds the web client when web/dist is missing or older than any file under web/src (or the web build config),
// so `npm start` always serves the current client without a separate build step.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const built = path.join(web, 'dist', 'index.html');

function newest(p) {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  return fs.readdirSync(p).reduce((m, name) => Math.max(m, newest(path.join(p, name))), st.mtimeMs);
}

export function webBuildIsStale() {
  const out = fs.statSync(built, { throwIfNoEntry: false });
  if (!out) return true;
  const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'build', 'package.json'].map((p) =>
    path.join(web, p),
  );
  return Math.max(...inputs.map(newest)) > out.mtimeMs;
}

export function ensureWebBuild() {
  if (!webBuildIsStale()) return false;
  console.log('Building the web client (web/dist) …');
  const r = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`web build failed (exit ${r.status})`);
  return true;
}

/** The Node.js version package.json declares (`engines.node`, ">=MAJOR.MINOR"), checked before anything runs. */
export function assertNodeVersion() {
  const wanted = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).engines?.node ?? '';
  const m = /^>=\s*(\d+)\.(\d+)/.exec(wanted);
  if (!m) return;
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > Number(m[1]) || (major === Number(m[1]) && minor >= Number(m[2]))) return;
  throw new Error(`Kehu needs Node.js ${m[1]}.${m[2]} or newer; this is Node.js ${process.versions.node}.`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    assertNodeVersion();
    ensureWebBuild();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
