// Preloaded into the language server by trust.test.ts: records every path the process reads, stats or lists
// through `fs` (one JSON string per line in the file named by CITEWRIGHT_FS_LOG), so that a test can check
// what an untrusted workspace let it touch. Module loading goes through the same functions: the test filters
// out the server's own code.
import fs from 'node:fs';

const LOG = process.env.CITEWRIGHT_FS_LOG;
const append = fs.appendFileSync;

type AnyFunction = (...args: unknown[]) => unknown;

function record(name: string): void {
  const original = (fs as unknown as Record<string, AnyFunction>)[name];
  if (typeof original !== 'function' || !LOG) return;
  Object.defineProperty(fs, name, {
    configurable: true,
    writable: true,
    value: function recorded(this: unknown, ...args: unknown[]) {
      const path = args[0];
      if (typeof path === 'string' || path instanceof URL) append(LOG, `${JSON.stringify(`${name} ${String(path instanceof URL ? path.pathname : path)}`)}\n`);
      return original.apply(this, args);
    },
  });
}

for (const name of ['readFileSync', 'statSync', 'lstatSync', 'readdirSync', 'openSync', 'existsSync', 'realpathSync', 'readFile', 'stat', 'readdir', 'open']) record(name);
