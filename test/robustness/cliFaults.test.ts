// Bad input through the CLI, as a user runs it (`node bin/citewright check ...`, a child process): a NUL byte,
// invalid UTF-8 of every kind (a Latin-1 byte, a sequence cut off at the end, an overlong encoding, a surrogate
// encoded on its own), UTF-16, control characters, an empty file, a BOM alone, a directory, a missing file, and a
// 50 MB essay. A file that is not UTF-8 text gets one clear line and exit 2, never a stack trace; text of any kind
// is checked.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { ESSAY_PATH, REPO_ROOT } from '../lsp/lspClient';
import { FULL_MODE, scaled } from './runMode';

const CLI = join(REPO_ROOT, 'bin', 'citewright');
const FIXTURES = 'test/fixtures/robustness';
/** The usage line follows every input error; its options are the CLI's business, not this test's. */
const USAGE = /^usage: citewright check .*FILE\.\.\.$/;

interface Run {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallMs: number;
}

/** Runs the CLI; a run that passes the deadline is killed and fails the test (a hang, not a slow machine). */
function cli(args: readonly string[], env: NodeJS.ProcessEnv = process.env, deadlineMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const began = process.hrtime.bigint();
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`citewright ${args.join(' ')} did not finish within ${deadlineMs} ms`));
    }, deadlineMs);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(deadline);
      resolve({ status, signal, stdout, stderr, wallMs: Number(process.hrtime.bigint() - began) / 1e6 });
    });
  });
}

function assertInputError(run: Run, path: string, reason: string): void {
  assert.equal(run.stdout, '', 'nothing on stdout');
  const lines = run.stderr.split('\n');
  assert.equal(lines[0], `citewright: cannot read '${path}': ${reason}`);
  assert.match(lines[1], USAGE);
  assert.deepEqual(lines.slice(2), ['']);
  assert.equal(run.status, 2);
}

const scratch = mkdtempSync(join(tmpdir(), 'citewright-cli-faults-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('bad input through the CLI', { timeout: scaled(600_000, 1_800_000) }, () => {
  const notText: ReadonlyArray<[file: string, reason: string]> = [
    ['nul-byte.md', 'it is a binary file, not text'],
    ['nul-at-end.md', 'it is a binary file, not text'],
    ['utf16le-bom.md', 'it is a binary file, not text'],
    ['invalid-utf8.md', 'it is not valid UTF-8 text'],
    ['truncated-utf8.md', 'it is not valid UTF-8 text'],
    ['overlong-utf8.md', 'it is not valid UTF-8 text'],
    ['cesu8-surrogate.md', 'it is not valid UTF-8 text'],
  ];
  for (const [file, reason] of notText) {
    it(`${file}: one clear line, exit 2`, async () => {
      const path = `${FIXTURES}/${file}`;
      assertInputError(await cli(['check', path]), path, reason);
      assertInputError(await cli(['check', '--format', 'json', path]), path, reason);
    });
  }

  it('a bad file among good ones still stops the run with exit 2 and names the bad one', async () => {
    const path = `${FIXTURES}/nul-byte.md`;
    assertInputError(await cli(['check', relative(REPO_ROOT, ESSAY_PATH), path]), path, 'it is a binary file, not text');
  });

  it('a directory and a missing file: one clear line, exit 2', async () => {
    assertInputError(await cli(['check', FIXTURES]), FIXTURES, 'it is a directory');
    assertInputError(await cli(['check', `${FIXTURES}/no-such-file.md`]), `${FIXTURES}/no-such-file.md`, 'no such file');
  });

  for (const file of ['empty.md', 'bom-only.md']) {
    it(`${file}: checked, nothing found, exit 0`, async () => {
      const run = await cli(['check', '--format', 'json', `${FIXTURES}/${file}`]);
      assert.equal(run.stderr, '');
      assert.equal(run.status, 0);
      assert.deepEqual(JSON.parse(run.stdout), { version: 1, files: [{ path: `${FIXTURES}/${file}`, citations: [], references: [], diagnostics: [] }] });
    });
  }

  it('control characters are text: the citation is found and resolves', async () => {
    const run = await cli(['check', '--format', 'json', `${FIXTURES}/control-characters.md`]);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
    const report = JSON.parse(run.stdout) as { files: [{ citations: { text: string; items: { resolved: string | null }[] }[] }] };
    assert.deepEqual(report.files[0].citations.map((c) => [c.text, c.items.map((i) => i.resolved)]), [['Smith 2019', ['R1']]]);
  });

  /** A 50 MB essay: the body of the essay repeated, its reference list at the end. */
  function fiftyMegabytes(): string {
    const essay = readFileSync(ESSAY_PATH, 'utf8');
    const listAt = essay.indexOf('## Bibliography');
    assert.ok(listAt > 0, 'the essay has its Bibliography heading');
    const body = essay.slice(0, listAt);
    const target = 50 * 1024 * 1024;
    const path = join(scratch, 'fifty-megabytes.md');
    if (!existsSync(path)) writeFileSync(path, `${body.repeat(Math.ceil(target / body.length)).slice(0, target - (essay.length - listAt))}\n\n${essay.slice(listAt)}`);
    return path;
  }

  /** Runs the CLI with the resource preload; returns the run and its peak memory and CPU time. */
  async function measured(args: readonly string[], deadlineMs: number): Promise<{ run: Run; maxRssMiB: number; cpuS: number }> {
    const report = join(scratch, `resources-${Date.now()}.json`);
    const env = { ...process.env, CITEWRIGHT_RESOURCE_REPORT: report, NODE_OPTIONS: `--require ${join(__dirname, 'resourceReport.js')}` };
    const run = await cli(args, env, deadlineMs);
    assert.equal(run.signal, null);
    assert.doesNotMatch(run.stderr, /^\s+at |Unhandled|heap out of memory/m, 'no crash');
    assert.ok(existsSync(report), 'the resource report was written at exit');
    const resources = JSON.parse(readFileSync(report, 'utf8')) as { maxRssKiB: number; userMs: number; systemMs: number };
    return { run, maxRssMiB: resources.maxRssKiB / 1024, cpuS: (resources.userMs + resources.systemMs) / 1000 };
  }

  it('a 50 MB essay is refused with one clear line and exit 2 (over citewright.maxFileSize)', async (t) => {
    const big = fiftyMegabytes();
    const { run, maxRssMiB, cpuS } = await measured(['check', big], 120_000);
    assert.equal(run.stdout, '');
    const lines = run.stderr.split('\n');
    assert.equal(lines[0], `citewright: cannot check '${big}': 50.0 MB of text is more than the limit of 10 MB (maxFileSize in --config)`);
    assert.match(lines[1], USAGE);
    assert.equal(run.status, 2);
    t.diagnostic(`50 MB essay, default limit: exit ${run.status} in ${(run.wallMs / 1000).toFixed(1)} s wall, ${cpuS.toFixed(1)} s CPU, peak RSS ${maxRssMiB.toFixed(0)} MiB`);
  });

  it('a 50 MB essay under a raised limit is checked without a hang or a crash (figures printed)', { skip: !FULL_MODE && 'full mode only (CITEWRIGHT_FULL=1): about 10 s of CPU and 700 MiB' }, async (t) => {
    const big = fiftyMegabytes();
    const config = join(scratch, 'raised-limit.json');
    writeFileSync(config, JSON.stringify({ maxFileSize: 100 }));
    const { run, maxRssMiB, cpuS } = await measured(['check', '--config', config, big], 900_000);
    assert.ok(run.status === 0 || run.status === 1, `exit status ${run.status}: ${run.stderr.slice(0, 300)}`);
    const findings = run.stdout.split('\n').filter((l) => l !== '').length;
    t.diagnostic(`50 MB essay, limit raised to 100 MB: exit ${run.status}, ${findings} findings, ${(run.wallMs / 1000).toFixed(1)} s wall, ${cpuS.toFixed(1)} s CPU, peak RSS ${maxRssMiB.toFixed(0)} MiB`);
  });
});
