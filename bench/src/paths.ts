// Where things are, from the compiled `out/bench/src/` back to the repository.
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const OUT_SERVER = join(REPO_ROOT, 'out', 'server', 'src');
export const SERVER_MAIN = join(OUT_SERVER, 'main.js');
export const CLI_BIN = join(REPO_ROOT, 'bin', 'citewright');
export const BIBLIOGRAPHY_OUT = join(OUT_SERVER, 'service', 'bibliography');
export const WORKER = join(__dirname, 'worker.js');
