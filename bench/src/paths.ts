// Where things are, from the compiled `out/bench/src/` back to the repository.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const WORKER = join(__dirname, 'worker.js');
const BUILT_SERVER = join(REPO_ROOT, 'out', 'server', 'src');
const SNAPSHOT_VARIABLE = 'CITEWRIGHT_BENCH_SERVER';
const BUNDLES_VARIABLE = 'CITEWRIGHT_BENCH_BUNDLES';

/**
 * The compiled server every measurement loads: a snapshot taken when the run starts (other builds of
 * `out/` during a long run must not mix versions), or `out/server/src` when there is none.
 */
export function outServer(): string {
  return process.env[SNAPSHOT_VARIABLE] ?? BUILT_SERVER;
}

/** The bundles the package ships (`dist/server.js`, `dist/cli.js`), built from the same source for this run. */
function bundles(): string {
  const dir = process.env[BUNDLES_VARIABLE];
  if (dir === undefined) throw new Error('no bundles for this run: snapshotServer() builds them');
  return dir;
}

/** The language server as VS Code runs it from the .vsix: its bundle. */
export const serverMain = (): string => join(bundles(), 'server.js');
/** `citewright check` as the packaged command runs it: its bundle. */
export const cliMain = (): string => join(bundles(), 'cli.js');
export const bibliographyOut = (): string => join(outServer(), 'service', 'bibliography');

/** The service module of the measured server, typed by the server project it was compiled from. */
export function requireService(): typeof import('../../server/src/service') {
  return require(join(outServer(), 'service')) as typeof import('../../server/src/service'); // the compiled form of that module
}

/**
 * Copies `out/server/src` inside the repository (so that its `node_modules` resolve), bundles the same source
 * beside it as the package would (scripts/bundle.mjs), and makes this process and its children use both.
 * Returns a function that removes them.
 */
export function snapshotServer(): () => void {
  if (!existsSync(join(BUILT_SERVER, 'main.js'))) throw new Error(`no built server in ${BUILT_SERVER}: run tsc -b first`);
  const dir = join(REPO_ROOT, 'bench', 'corpora', `.server-snapshot-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(BUILT_SERVER, join(dir, 'src'), { recursive: true });
  const built = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'bundle.mjs'), '--outdir', join(dir, 'dist')], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`bundling the server failed: ${built.stderr || built.stdout}`);
  process.env[SNAPSHOT_VARIABLE] = join(dir, 'src');
  process.env[BUNDLES_VARIABLE] = join(dir, 'dist');
  return () => rmSync(dir, { recursive: true, force: true });
}
