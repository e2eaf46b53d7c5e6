// The bundled server's start with V8's code cache (server/src/codeCache.ts): each case runs a small module in a
// fresh Node process, as the server starts, and checks what became of the cache and that the module ran.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, describe, it } from 'node:test';

const CODE_CACHE = join(__dirname, '..', '..', 'server', 'src', 'codeCache.js');
const root = mkdtempSync(join(tmpdir(), 'citewright-code-cache-test-'));
after(() => rmSync(root, { recursive: true, force: true }));

const moduleFile = join(root, 'module.js');
// A module as a bundle is one: it requires a built-in, reads its own file name, and sets module.exports.
writeFileSync(moduleFile, [
  "const { basename } = require('node:path');",
  'module.exports = { name: basename(__filename) };',
  "process.stdout.write(`ran ${module.exports.name} `);",
].join('\n'));

/** Runs the module through runWithCodeCache in a new process: what it printed, then the cache use. */
function start(cacheDir: string): string {
  const program = `process.stdout.write(require(${JSON.stringify(CODE_CACHE)}).runWithCodeCache(${JSON.stringify(moduleFile)}, ${JSON.stringify(cacheDir)}, 60000))`;
  return execFileSync(process.execPath, ['-e', program], { encoding: 'utf8' });
}

const cacheFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.cache'));

describe('runWithCodeCache', () => {
  it('runs the module without a cache, writes one at exit, uses it at the next start and writes it again', () => {
    const dir = join(root, 'fresh');
    assert.equal(start(dir), 'ran module.js missing');
    assert.equal(cacheFiles(dir).length, 1);
    const cacheFile = join(dir, cacheFiles(dir)[0]);
    const written = statSync(cacheFile).mtimeMs;
    assert.equal(start(dir), 'ran module.js used');
    // Written again at exit: it then holds what this run compiled as well.
    assert.ok(statSync(cacheFile).mtimeMs > written, 'the cache was not written again');
    assert.deepEqual(cacheFiles(dir), [basename(cacheFile)]);
  });

  it('keeps one cache per file: a new build of the file replaces the cache of the old one', () => {
    const dir = join(root, 'rebuilt');
    start(dir);
    const [old] = cacheFiles(dir);
    writeFileSync(moduleFile, `${readFileSync(moduleFile, 'utf8')}\n// a new build`);
    assert.equal(start(dir), 'ran module.js missing');
    assert.equal(cacheFiles(dir).length, 1);
    assert.notEqual(cacheFiles(dir)[0], old);
  });

  it('writes a cache again when V8 rejects the one there', () => {
    const dir = join(root, 'broken');
    start(dir);
    const [name] = cacheFiles(dir);
    writeFileSync(join(dir, name), 'not a code cache');
    assert.equal(start(dir), 'ran module.js rejected');
    assert.notEqual(readFileSync(join(dir, name), 'utf8'), 'not a code cache');
    assert.equal(start(dir), 'ran module.js used');
  });

  it('runs the module without a cache in a directory others may write', { skip: process.platform === 'win32' ? 'no modes on Windows' : false }, () => {
    const dir = join(root, 'shared');
    start(dir);
    chmodSync(dir, 0o777);
    assert.equal(start(dir), 'ran module.js unavailable');
  });

  it('runs the module when the cache directory cannot be made', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    assert.equal(start(join(file, 'cache')), 'ran module.js unavailable');
  });
});
