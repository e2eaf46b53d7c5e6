// Runs a CommonJS bundle with V8's code cache, as Node 22's `module.enableCompileCache()` does (Node 20, which we
// support, has nothing of the kind): compiling the server's 1.2 MB bundle took about 60 of the 270 ms from spawn
// to first diagnostics on a 2-core machine, 13 ms from the cache. The cache is a file in a directory of the user's
// own, named by the bundle's size and time and the Node version; V8 itself rejects a cache made from other source
// or with other flags, and a rejected or missing cache is written again. Nothing here may keep the server from
// starting: when the cache cannot be read or written, the bundle runs without it.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** What became of the cache: read and used, read and rejected by V8, none there yet, or no usable directory. */
export type CodeCacheUse = 'used' | 'rejected' | 'missing' | 'unavailable';

/** The default directory: in the temporary directory, one per user (a cache is code, so no one else may write it). */
export function defaultCodeCacheDir(): string {
  return join(tmpdir(), `citewright-code-cache-${process.getuid?.() ?? 'user'}`);
}

/** The directory, made if need be, when it is this user's alone; else null. */
function ownDirectory(dir: string): string | null {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = statSync(dir);
    const uid = process.getuid?.();
    // On Windows there are no uids and the temporary directory is the user's own already.
    if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0)) return null;
    return stat.isDirectory() ? dir : null;
  } catch {
    return null;
  }
}

function cacheFileFor(file: string, dir: string): string {
  const { size, mtimeMs } = statSync(file);
  const version = createHash('sha256').update(`${size}:${mtimeMs}:${process.version}:${process.arch}`).digest('hex').slice(0, 16);
  return join(dir, `${basename(file)}.${version}.cache`);
}

/**
 * Writes beside the cache and renames, so that a server starting meanwhile never reads half a file; then removes
 * the caches of other builds of the same file (each update of the extension would leave one behind).
 */
function save(script: Script, cacheFile: string, file: string): void {
  try {
    const partial = `${cacheFile}.${process.pid}`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
    const dir = dirname(cacheFile);
    for (const other of readdirSync(dir)) {
      if (other !== basename(cacheFile) && other.startsWith(`${basename(file)}.`) && other.endsWith('.cache')) unlinkSync(join(dir, other));
    }
  } catch {
    // No cache this time, or an old one left.
  }
}

/**
 * Runs `file` as the main CommonJS module with a code cache in `cacheDir`. The cache is written again
 * `saveAfterMs` after the start or when the process exits, whichever comes first: it then holds every function
 * compiled so far, those of the start and of the first requests (citeproc's, when a hover formatted an entry).
 */
export function runWithCodeCache(file: string, cacheDir: string, saveAfterMs: number): CodeCacheUse {
  const source = readFileSync(file, 'utf8');
  const dir = ownDirectory(cacheDir);
  let cacheFile: string | null = null;
  let cachedData: Buffer | undefined;
  if (dir !== null) {
    try {
      cacheFile = cacheFileFor(file, dir);
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new Script(wrap(source), { filename: file, cachedData });
  const use: CodeCacheUse = cacheFile === null ? 'unavailable' : cachedData === undefined ? 'missing' : script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} as unknown, filename: file };
  const run = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: unknown, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  if (cacheFile !== null) {
    const target = cacheFile;
    const saveOnce = () => {
      clearTimeout(timer);
      process.off('exit', saveOnce);
      save(script, target, file);
    };
    const timer = setTimeout(saveOnce, saveAfterMs).unref();
    process.on('exit', saveOnce);
  }
  return use;
}
