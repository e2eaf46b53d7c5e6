// Bundles the extension client, the language server and the CLI into dist/ (or `--outdir DIR`) with esbuild.
//   dist/extension.js  client/src/extension.ts (package.json `main` inside the .vsix)
//   dist/server.js     server/src/launch.ts    (found by the client next to itself; `citewright-language-server`):
//                      runs dist/server-main.js (server/src/main.ts) with V8's code cache
//   dist/cli.js        server/src/cli.ts       (`citewright check`)
// `sync-fetch-undici` (child_process and an HTTP client, pulled in by @citation-js/core) is replaced by a stub
// that throws: no network or process-spawning code of citation-js ships. The build fails if it slips in.
// `child_process` (required by vscode-languageserver's global-module helpers, never called) is stubbed too.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

export const entries = {
  extension: 'client/src/extension.ts',
  server: 'server/src/launch.ts',
  'server-main': 'server/src/main.ts',
  cli: 'server/src/cli.ts',
};

/** Modules that must never be in a bundle (inputs whose path contains one of these). */
const forbiddenInputs = ['node_modules/sync-fetch-undici/', 'node_modules/undici/', 'node_modules/citation-js/'];

/**
 * vscode-languageserver requires `child_process` only for its helpers that find globally installed modules,
 * which the server never calls: there it gets a stub that throws. The client keeps the real module (it starts
 * the server process).
 */
const serverWithoutChildProcess = {
  name: 'server-without-child-process',
  setup(build) {
    build.onResolve({ filter: /^child_process$/ }, (args) =>
      args.importer.replaceAll('\\', '/').includes('node_modules/vscode-languageserver/')
        ? { path: join(root, 'scripts', 'stubs', 'child_process.cjs') }
        : undefined);
  },
};

export async function bundle({ minify = true, outdir = dist } = {}) {
  rmSync(outdir, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, join(root, file)])),
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    alias: { 'sync-fetch-undici': join(root, 'scripts', 'stubs', 'sync-fetch-undici.cjs') },
    plugins: [serverWithoutChildProcess],
    minify,
    keepNames: true,
    sourcemap: false,
    metafile: true,
    logLevel: 'warning',
  });
  const offending = Object.keys(result.metafile.inputs).filter((input) =>
    forbiddenInputs.some((forbidden) => input.replaceAll('\\', '/').includes(forbidden)));
  if (offending.length > 0) {
    throw new Error(`these modules must not be bundled:\n  ${offending.join('\n  ')}`);
  }
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    console.log(`${relative(root, join(root, file))}  ${(output.bytes / 1024).toFixed(0)} KiB`);
  }
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const at = process.argv.indexOf('--outdir');
  await bundle({ minify: !process.argv.includes('--no-minify'), ...(at > 0 && process.argv[at + 1] ? { outdir: process.argv[at + 1] } : {}) });
}
