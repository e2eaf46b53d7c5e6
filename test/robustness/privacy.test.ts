// Privacy: the CLI and the language server, run as child processes with every way out of the process blocked
// and recorded (networkBlocker.ts: http, https, http2, net, tls, dgram, dns, fetch, child_process), go over the
// whole fixture corpus and the essay, and not one attempt is made. A self-test first proves that the blocker
// records what it blocks and leaves stdio working.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind, CodeActionRequest, CompletionRequest, DidCloseTextDocumentNotification, DocumentSymbolRequest, HoverRequest,
} from 'vscode-languageserver-protocol/node';
import { REPO_ROOT } from '../lsp/lspClient';
import { corpus, LANGUAGES } from './corpus';
import { RobustSession } from './lspSession';
import { failOnUnhandledRejections } from './unhandledRejections';

failOnUnhandledRejections();

const BLOCKER = join(__dirname, 'networkBlocker.js');
const CLI = join(REPO_ROOT, 'bin', 'citewright');

interface Attempt {
  readonly what: string;
  readonly args: string;
  readonly argv: readonly string[];
  readonly stack?: string;
}

function attemptsIn(log: string): Attempt[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Attempt);
}

const scratch = mkdtempSync(join(tmpdir(), 'citewright-privacy-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function blockedEnv(log: string): NodeJS.ProcessEnv {
  return { ...process.env, CITEWRIGHT_NETWORK_LOG: log, CITEWRIGHT_NETWORK_BLOCKER_LOADED: `${log}.loaded`, NODE_OPTIONS: `--require ${BLOCKER}` };
}

/** The pids of the processes that ran with the blocker for this log. */
function blockedProcesses(log: string): number[] {
  const loaded = `${log}.loaded`;
  return existsSync(loaded) ? readFileSync(loaded, 'utf8').split('\n').filter((l) => l !== '').map(Number) : [];
}

describe('privacy: no network and no process is ever touched', { timeout: 300_000 }, () => {
  it('the blocker records and stops every way out, and leaves stdio alone', () => {
    const log = join(scratch, 'self-test.jsonl');
    const script = `
      const tryIt = (f) => { try { const r = f(); if (r && typeof r.catch === 'function') r.catch(() => {}); } catch {} };
      tryIt(() => require('http').get('http://127.0.0.1:9/'));
      tryIt(() => require('https').request('https://127.0.0.1:9/'));
      tryIt(() => require('net').connect(9, '127.0.0.1'));
      tryIt(() => new (require('net').Socket)().connect(9, '127.0.0.1'));
      tryIt(() => require('tls').connect(9, '127.0.0.1'));
      tryIt(() => require('dns').lookup('example.invalid', () => {}));
      tryIt(() => require('dns').promises.resolve('example.invalid'));
      tryIt(() => fetch('http://127.0.0.1:9/'));
      tryIt(() => require('child_process').spawnSync('true'));
      tryIt(() => require('child_process').exec('true'));
      tryIt(() => require('http').createServer().listen(0));
      let input = '';
      process.stdin.on('data', (d) => (input += d));
      process.stdin.on('end', () => { process.stdout.write('echo:' + input); process.stderr.write('err'); });
    `;
    const run = spawnSync(process.execPath, ['-e', script], { env: blockedEnv(log), input: 'ping', encoding: 'utf8', timeout: 30_000 });
    assert.equal(run.error, undefined);
    assert.equal(run.stdout, 'echo:ping', 'stdin and stdout still work');
    assert.equal(run.stderr, 'err', 'stderr still works');
    assert.equal(run.status, 0);
    assert.equal(blockedProcesses(log).length, 1);
    assert.deepEqual(attemptsIn(log).map((a) => a.what), [
      'http.get', 'https.request', 'net.connect', 'net.Socket.prototype.connect', 'tls.connect', 'dns.lookup',
      'dns.promises.resolve', 'fetch', 'child_process.spawnSync', 'child_process.exec', 'net.Server.prototype.listen',
    ]);
  });

  it('the CLI checks every document of the corpus without one attempt', async (t) => {
    const log = join(scratch, 'cli.jsonl');
    const documents = corpus();
    const statuses = new Map<number, number>();
    // One run per file (a binary file stops a run with exit 2), two at a time.
    const queue = [...documents];
    const worker = async () => {
      for (let path = queue.shift(); path; path = queue.shift()) {
        const file = relative(REPO_ROOT, path);
        const run = await new Promise<{ status: number | null; stderr: string }>((resolve, reject) => {
          const child = spawn(process.execPath, [CLI, 'check', '--format', 'json', file], { cwd: REPO_ROOT, env: blockedEnv(log), stdio: ['ignore', 'ignore', 'pipe'] });
          let stderr = '';
          child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
          const deadline = setTimeout(() => child.kill('SIGKILL'), 60_000);
          child.on('error', reject);
          child.on('close', (status) => {
            clearTimeout(deadline);
            resolve({ status, stderr });
          });
        });
        assert.ok(run.status === 0 || run.status === 1 || run.status === 2, `${file}: exit status ${run.status}\n${run.stderr}`);
        assert.doesNotMatch(run.stderr, /^\s+at |Unhandled|Error:/m, `${file}: no stack trace or unhandled error`);
        statuses.set(run.status, (statuses.get(run.status) ?? 0) + 1);
      }
    };
    await Promise.all([worker(), worker()]);
    t.diagnostic(`privacy: CLI ran on ${documents.length} files (exit codes ${[...statuses].map(([s, n]) => `${s}: ${n}`).join(', ')}); network/process attempts: ${attemptsIn(log).length}`);
    assert.equal(blockedProcesses(log).length, documents.length, 'every CLI run had the blocker loaded');
    assert.deepEqual(attemptsIn(log), []);
  });

  it('the language server serves every document of the corpus without one attempt', async (t) => {
    const log = join(scratch, 'server.jsonl');
    // lspClient starts the server with this process's environment: set it for the spawn, then put it back.
    const names = ['CITEWRIGHT_NETWORK_LOG', 'CITEWRIGHT_NETWORK_BLOCKER_LOADED', 'NODE_OPTIONS'] as const;
    const previous = names.map((name) => process.env[name]);
    const blocked = blockedEnv(log);
    for (const name of names) process.env[name] = blocked[name];
    const session = new RobustSession();
    names.forEach((name, i) => {
      if (previous[i] === undefined) delete process.env[name];
      else process.env[name] = previous[i];
    });
    let requests = 0;
    const documents = corpus();
    try {
      await session.initialize();
      for (const path of documents) {
        const uri = pathToFileURL(path).href;
        const text = readFileSync(path, 'utf8');
        const document = await session.open(uri, text, LANGUAGES[extname(path).toLowerCase()] ?? 'plaintext');
        const diagnostics = await session.diagnostics(uri);
        await session.server.wait(session.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), `symbols of ${uri}`);
        requests += 2;
        for (let k = 0; k <= 4; k++) {
          const position = document.positionAt(Math.floor((text.length * k) / 4));
          await session.server.wait(session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), `hover in ${uri}`);
          await session.server.wait(session.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }), `completion in ${uri}`);
          requests += 2;
        }
        // Quick fixes per diagnostic; everything (fix-all included, as VS Code's lightbulb asks) once per document.
        for (const [i, diagnostic] of diagnostics.slice(0, 20).entries()) {
          const only = i === 0 ? undefined : [CodeActionKind.QuickFix];
          await session.server.wait(session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only } }), `code actions in ${uri}`);
          requests++;
        }
        await session.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
      }
      assert.deepEqual(session.problems(), []);
      assert.equal(await session.shutdownAndExit(), 0);
    } finally {
      session.server.kill();
    }
    t.diagnostic(`privacy: server served ${documents.length} documents, ${requests} requests; network/process attempts: ${attemptsIn(log).length}`);
    assert.deepEqual(blockedProcesses(log), [session.pid], 'the server ran with the blocker loaded');
    assert.deepEqual(attemptsIn(log), []);
  });
});
