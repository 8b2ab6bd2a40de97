// Fails when a package in the lock file declares an engines.node range that excludes the lowest Node
// version this project supports (package.json engines.node), so the README's Node never installs
// with EBADENGINE warnings. Run after npm ci (it uses the installed semver).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const semver = createRequire(import.meta.url)('semver');
const project = JSON.parse(readFileSync('package.json', 'utf8'));
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const floor = semver.minVersion(project.engines.node).version;
const direct = new Set(Object.keys({ ...project.dependencies, ...project.devDependencies }));

const bad = [];
for (const [path, meta] of Object.entries(lock.packages)) {
  const range = meta.engines?.node;
  if (!path || !range || semver.satisfies(floor, range)) continue;
  const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  bad.push(`${name}@${meta.version} needs node ${range}${direct.has(name) ? ' (direct dependency)' : ''}`);
}
if (bad.length > 0) {
  console.error(`Packages that do not support Node ${floor}, the lowest this project names:\n  ${bad.join('\n  ')}`);
  process.exit(1);
}
console.log(`engines: every package in the lock file supports Node ${floor}`);
