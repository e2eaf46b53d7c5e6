// Where things are, from the compiled `out/bench/src/` back to the repository.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const WORKER = join(__dirname, 'worker.js');
const BUILT_SERVER = join(REPO_ROOT, 'out', 'server', 'src');
const SNAPSHOT_VARIABLE = 'CITEWRIGHT_BENCH_SERVER';

/**
 * The compiled server every measurement loads: a snapshot taken when the run starts (other builds of
 * `out/` during a long run must not mix versions), or `out/server/src` when there is none.
 */
export function outServer(): string {
  return process.env[SNAPSHOT_VARIABLE] ?? BUILT_SERVER;
}

export const serverMain = (): string => join(outServer(), 'main.js');
export const cliMain = (): string => join(outServer(), 'cli.js');
export const bibliographyOut = (): string => join(outServer(), 'service', 'bibliography');

/** The service module of the measured server, typed by the server project it was compiled from. */
export function requireService(): typeof import('../../server/src/service') {
  return require(join(outServer(), 'service')) as typeof import('../../server/src/service'); // the compiled form of that module
}

/**
 * Copies `out/server/src` inside the repository (so that its `node_modules` resolve) and makes this process
 * and its children use the copy. Returns a function that removes it.
 */
export function snapshotServer(): () => void {
  if (!existsSync(join(BUILT_SERVER, 'main.js'))) throw new Error(`no built server in ${BUILT_SERVER}: run tsc -b first`);
  const dir = join(REPO_ROOT, 'bench', 'corpora', `.server-snapshot-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(BUILT_SERVER, join(dir, 'src'), { recursive: true });
  process.env[SNAPSHOT_VARIABLE] = join(dir, 'src');
  return () => rmSync(dir, { recursive: true, force: true });
}
