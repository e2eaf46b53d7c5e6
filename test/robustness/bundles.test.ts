// What ships: the server (its start and its bundle) and CLI bundles, built here with the entry points and esbuild options of
// scripts/bundle.mjs (into a temporary folder, so that dist/ of the working tree is left alone), contain no `eval(`,
// no `new Function(`, and no `require("child_process")`. Each finding is reported with the module it comes from
// (esbuild marks every module in an unminified bundle with a `// path` comment). The bundled CLI then checks the
// whole corpus with the network blocker loaded, like privacy.test.ts does for the compiled one.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../lsp/lspClient';
import { corpus } from './corpus';
import { failOnUnhandledRejections } from './unhandledRejections';

failOnUnhandledRejections();

/**
 * The server's start (launch.ts: it runs server-main.js with V8's code cache, through node:vm, as `require`
 * would run it), the server, and the CLI.
 */
const BUNDLES = ['server', 'server-main', 'cli'] as const;
type Bundle = (typeof BUNDLES)[number];

function readBundles(dir: string): Record<Bundle, string> {
  return Object.fromEntries(BUNDLES.map((name) => [name, readFileSync(join(dir, `${name}.js`), 'utf8')])) as Record<Bundle, string>;
}

/** The shape of esbuild's API that this test uses (esbuild's own types come with the package). */
type Esbuild = typeof import('esbuild');

const FORBIDDEN: ReadonlyArray<[name: string, pattern: RegExp]> = [
  ['eval(', /(?<![\w$.])eval\s*\(/g],
  ['new Function', /\bnew\s+Function\s*\(/g],
  ['require("child_process")', /\brequire\s*\(\s*["'](?:node:)?child_process["']\s*\)/g],
  ['import("child_process")', /\bimport\s*\(\s*["'](?:node:)?child_process["']\s*\)/g],
];

/**
 * Findings accepted after review, each with the reason it is harmless. Empty: every finding fails the test until
 * someone decides (stub the module out of the bundle in scripts/bundle.mjs, as sync-fetch-undici is, or add it
 * here with a reason).
 */
const ALLOWED: ReadonlyArray<{ module: string; what: string; reason: string }> = [];

/** Modules that reach the network: reported (vscode-languageserver needs `net` for its socket transport), not failed. */
const NETWORK_MODULES = /\brequire\s*\(\s*["'](?:node:)?(http|https|http2|net|tls|dns|dgram)["']\s*\)/g;

interface Finding {
  readonly bundle: string;
  readonly what: string;
  /** The module the code comes from, as esbuild names it. */
  readonly module: string;
  readonly line: number;
  readonly excerpt: string;
}

/** The module each line of an unminified esbuild bundle belongs to, from its `// path` markers (shortened to the package path). */
function moduleAt(lines: readonly string[], line: number): string {
  for (let i = line; i >= 0; i--) {
    const marker = /^\/\/ (\S+\.(?:[cm]?js|ts|json))$/.exec(lines[i]);
    if (marker) {
      const path = marker[1];
      const inPackage = path.lastIndexOf('node_modules/');
      return inPackage >= 0 ? path.slice(inPackage + 'node_modules/'.length) : path.replace(/^(?:\.\.\/)+/, '');
    }
  }
  return '(bundle prologue)';
}

function scan(bundle: string, code: string, patterns: ReadonlyArray<[string, RegExp]>): Finding[] {
  const lines = code.split('\n');
  const lineStarts: number[] = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const findings: Finding[] = [];
  for (const [what, pattern] of patterns) {
    for (const match of code.matchAll(pattern)) {
      const line = lineOf(match.index ?? 0);
      findings.push({ bundle, what: what === 'network' ? match[1] : what, module: moduleAt(lines, line), line: line + 1, excerpt: lines[line].trim().slice(0, 120) });
    }
  }
  return findings;
}

const out = mkdtempSync(join(tmpdir(), 'citewright-bundles-'));
after(() => rmSync(out, { recursive: true, force: true }));

describe('the shipped bundles', { timeout: 300_000 }, () => {
  /** What ships: dist/ as `npm run bundle` (scripts/bundle.mjs) builds it, minified. */
  let shipped: Record<Bundle, string>;
  /** The same entry points unminified, each module marked: to name the module a finding comes from. */
  let readable: Record<Bundle, string>;

  before(async () => {
    const dist = join(REPO_ROOT, 'dist');
    if (!BUNDLES.every((name) => existsSync(join(dist, `${name}.js`)))) {
      const run = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'bundle.mjs')], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 240_000 });
      assert.equal(run.status, 0, `node scripts/bundle.mjs failed:\n${run.stderr}`);
    }
    shipped = readBundles(dist);
    const esbuild = (await import('esbuild')) as Esbuild;
    const script = (await import(pathToFileURL(join(REPO_ROOT, 'scripts', 'bundle.mjs')).href)) as { entries: Record<string, string> };
    // scripts/bundle.mjs's options (its stubs for sync-fetch-undici and for vscode-languageserver's child_process).
    await esbuild.build({
      absWorkingDir: REPO_ROOT,
      entryPoints: Object.fromEntries(BUNDLES.map((name) => [name, join(REPO_ROOT, script.entries[name])])),
      outdir: out,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      alias: { 'sync-fetch-undici': join(REPO_ROOT, 'scripts', 'stubs', 'sync-fetch-undici.cjs') },
      plugins: [{
        name: 'server-without-child-process',
        setup(build) {
          const stub = join(REPO_ROOT, 'scripts', 'stubs', 'child_process.cjs');
          build.onResolve({ filter: /^child_process$/ }, (args) =>
            existsSync(stub) && args.importer.replaceAll('\\', '/').includes('node_modules/vscode-languageserver/') ? { path: stub } : undefined);
        },
      }],
      minify: false,
      keepNames: true,
      sourcemap: false,
      logLevel: 'silent',
    });
    readable = readBundles(out);
  });

  it('contain no eval, new Function or child_process', (t) => {
    const findings = BUNDLES.flatMap((name) => scan(name, shipped[name], FORBIDDEN));
    const named = BUNDLES.flatMap((name) => scan(name, readable[name], FORBIDDEN));
    for (const f of findings) t.diagnostic(`dist/${f.bundle}.js: ${f.what}: ${f.excerpt.slice(0, 80)}`);
    for (const f of named) t.diagnostic(`(unminified build) ${f.bundle}.js:${f.line}: ${f.what} in ${f.module}: ${f.excerpt}`);
    const network = BUNDLES.flatMap((name) => scan(name, readable[name], [['network', NETWORK_MODULES]]));
    for (const f of network) t.diagnostic(`(reported only) ${f.bundle}.js:${f.line}: require("${f.what}") in ${f.module}`);
    t.diagnostic(`bundles: ${BUNDLES.map((name) => `dist/${name}.js ${(shipped[name].length / 1024).toFixed(0)} KiB`).join(', ')}; ${findings.length} forbidden constructs`);
    const unexplained = named.filter((f) => !ALLOWED.some((a) => a.module === f.module && a.what === f.what));
    assert.deepEqual(findings.map((f) => `dist/${f.bundle}.js: ${f.what}`), [], `named in the unminified build: ${unexplained.map((f) => `${f.what} in ${f.module}`).join(', ')}`);
    assert.deepEqual(unexplained.map((f) => `${f.bundle}.js:${f.line}: ${f.what} in ${f.module}`), []);
  });

  it('the scan finds what it looks for (checked on a bundle-like text)', () => {
    const sample = ['// ../../node_modules/bad/index.js', 'var x = eval("1");', 'var f = new Function("a", "return a");', 'const cp = require("child_process");', '// server/src/ok.ts', 'var retrieval = 1; evaluate(x); y.eval(2);'].join('\n');
    assert.deepEqual(scan('sample', sample, FORBIDDEN).map((f) => `${f.what} ${f.module}:${f.line}`), [
      'eval( bad/index.js:2',
      'new Function bad/index.js:3',
      'require("child_process") bad/index.js:4',
    ]);
  });

  it('the bundled CLI checks the corpus without touching the network or a process', async (t) => {
    const log = join(out, 'bundle-cli.jsonl');
    let runs = 0;
    const queue = corpus();
    // One run per file (a binary file stops a run with exit 2), two at a time.
    const lane = async () => {
      for (let path = queue.shift(); path; path = queue.shift()) {
        const file = relative(REPO_ROOT, path);
        const status = await new Promise<number | null>((resolve, reject) => {
          const child = spawn(process.execPath, ['--require', join(__dirname, 'networkBlocker.js'), join(REPO_ROOT, 'dist', 'cli.js'), 'check', file], {
            cwd: REPO_ROOT,
            env: { ...process.env, CITEWRIGHT_NETWORK_LOG: log },
            stdio: 'ignore',
          });
          const deadline = setTimeout(() => child.kill('SIGKILL'), 60_000);
          child.on('error', reject);
          child.on('close', (code) => {
            clearTimeout(deadline);
            resolve(code);
          });
        });
        assert.ok(status === 0 || status === 1 || status === 2, `${file}: exit ${status}`);
        runs++;
      }
    };
    await Promise.all([lane(), lane()]);
    const attempts = existsSync(log) ? readFileSync(log, 'utf8').trim() : '';
    t.diagnostic(`bundled CLI: ${runs} files checked; network/process attempts: ${attempts === '' ? 0 : attempts.split('\n').length}`);
    assert.equal(attempts, '');
  });
});
