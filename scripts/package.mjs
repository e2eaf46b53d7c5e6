// `npm run package`: bundles with esbuild, then builds citewright.vsix with vsce.
//
// The repository's package.json points `main` at the tsc output (out/client/src/extension.js) so that a
// checkout runs unbundled; the .vsix must load the bundle instead. vsce has no option for that, so the
// package is built from a staging folder (out/vsix/) that holds the allow-listed files of .vscodeignore and a
// copy of package.json whose only change is `main: ./dist/extension.js`.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from './bundle.mjs';
import { writeNotices } from './notices.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const staging = join(root, 'out', 'vsix');
const vsix = join(root, 'citewright.vsix');
const bundledMain = './dist/extension.js';

/** What goes into the package besides the generated notices (the allow-list of .vscodeignore). */
const copied = ['dist', 'images', 'l10n', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore'];

const result = await bundle();

rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
for (const name of copied) {
  if (existsSync(join(root, name))) cpSync(join(root, name), join(staging, name), { recursive: true });
}
for (const name of readdirSync(root).filter((n) => /^package\.nls(\..+)?\.json$/.test(n))) {
  cpSync(join(root, name), join(staging, name));
}
// The grammars, not the script under syntaxes/src/ that generates them.
mkdirSync(join(staging, 'syntaxes'));
for (const name of readdirSync(join(root, 'syntaxes')).filter((n) => n.endsWith('.json'))) {
  cpSync(join(root, 'syntaxes', name), join(staging, 'syntaxes', name));
}
writeNotices(result.metafile, join(staging, 'THIRD-PARTY-NOTICES.md'));

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
manifest.main = bundledMain;
writeFileSync(join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const args = [
  'package', '--no-dependencies', '-o', vsix,
  // No public repository is named in package.json; README images are shipped in images/ and stay relative.
  '--allow-missing-repository', '--no-rewrite-relative-links',
];
rmSync(vsix, { force: true });
execFileSync(process.execPath, [vsce, ...args], { cwd: staging, stdio: 'inherit' });

// The package must hold exactly the allow-listed files.
const listed = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: staging, encoding: 'utf8' })
  .split('\n').map((line) => line.trim()).filter(Boolean);
const allowed = /^(dist\/.+|syntaxes\/[^/]+\.json|images\/.+|l10n\/bundle\.l10n(\..+)?\.json|package\.json|package\.nls(\..+)?\.json|README\.md|CHANGELOG\.md|LICENSE|THIRD-PARTY-NOTICES\.md)$/;
const unexpected = listed.filter((file) => !allowed.test(file));
const required = ['dist/extension.js', 'dist/server.js', 'dist/server-main.js', 'dist/cli.js', 'package.json', 'LICENSE', 'THIRD-PARTY-NOTICES.md'];
const missing = required.filter((file) => !listed.includes(file));
if (unexpected.length > 0 || missing.length > 0) {
  throw new Error(`citewright.vsix has unexpected files [${unexpected.join(', ')}] or lacks [${missing.join(', ')}]`);
}
console.log(`${vsix}: ${listed.length} files`);
