// Process entry of the bundled language server (`dist/server.js`): runs the server's bundle (`server-main.js`,
// built from main.ts) with V8's code cache, which takes a fifth of a start (see codeCache.ts).
// `CITEWRIGHT_CODE_CACHE_DIR` names another directory for the cache; `off` runs without one.
import { join } from 'node:path';
import { defaultCodeCacheDir, runWithCodeCache } from './codeCache';

/** After the start and the first requests, whose functions the cache then holds too. */
const SAVE_AFTER_MS = 10_000;

const main = join(__dirname, 'server-main.js');
const setting = process.env.CITEWRIGHT_CODE_CACHE_DIR;
if (setting === 'off') require(main);
else runWithCodeCache(main, setting || defaultCodeCacheDir(), SAVE_AFTER_MS);
