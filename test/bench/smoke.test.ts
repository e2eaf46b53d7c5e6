// The benchmark harness keeps working: `npm run bench:smoke` (tiny corpora, every measurement once) runs to
// the end and writes a well-formed results object. No timing is asserted: bench/ measures, tests do not.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const SMOKE_TIMEOUT_MS = 300_000;

interface Row {
  id: unknown;
  section: unknown;
  what: unknown;
  value: unknown;
  unit: unknown;
  text: unknown;
  samples: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

describe('npm run bench:smoke', () => {
  const dir = mkdtempSync(join(tmpdir(), 'citewright-bench-smoke-'));
  const resultsPath = join(dir, 'results.json');
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('runs to the end and writes a well-formed results object', { timeout: SMOKE_TIMEOUT_MS }, () => {
    const scripts = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
    assert.match(scripts['bench:smoke'] ?? '', /--smoke/, 'package.json has a bench:smoke script');
    assert.ok(scripts.bench, 'package.json has a bench script');

    const run = spawnSync('npm', ['run', '--silent', 'bench:smoke', '--', '--out-dir', join(dir, 'corpora'), '--results', resultsPath], {
      cwd: REPO_ROOT, encoding: 'utf8', timeout: SMOKE_TIMEOUT_MS,
    });
    assert.equal(run.error, undefined, `spawning npm: ${String(run.error)}`);
    assert.equal(run.status, 0, `bench:smoke failed\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
    assert.match(run.stdout, /\| target \(issue 6\)/, 'the table of targets is printed');
    assert.match(run.stdout, /Machine: .+, \d+ cores, /, 'the machine is stated');

    const results: unknown = JSON.parse(readFileSync(resultsPath, 'utf8'));
    assert.ok(isRecord(results));
    assert.equal(results.version, 1);
    assert.equal(results.mode, 'smoke');

    const machine = results.machine;
    assert.ok(isRecord(machine));
    assert.equal(typeof machine.cpu, 'string');
    assert.equal(typeof machine.cores, 'number');
    assert.equal(typeof machine.memoryMB, 'number');
    assert.match(String(machine.node), /^v\d+/);
    assert.ok(!Number.isNaN(Date.parse(String(machine.date))), 'the date is a date');

    const corpora = results.corpora;
    assert.ok(isRecord(corpora));
    assert.ok(Array.isArray(corpora.libraries) && corpora.libraries.length > 0, 'libraries are listed');
    assert.deepEqual([...new Set((corpora.libraries as { format: unknown }[]).map((l) => l.format))].sort(), ['bib', 'json', 'ris']);
    assert.deepEqual((corpora.documents as { id: unknown }[]).map((d) => d.id).sort(),
      ['essay', 'pandoc-thesis-50', 'thesis-1x', 'thesis-2x']);

    assert.ok(Array.isArray(results.rows) && results.rows.length > 0);
    const ids = new Set<string>();
    for (const row of results.rows as Row[]) {
      assert.ok(isRecord(row), 'a row is an object');
      assert.equal(typeof row.id, 'string');
      assert.ok(!ids.has(String(row.id)), `row ids are unique (${String(row.id)})`);
      ids.add(String(row.id));
      assert.equal(typeof row.section, 'string');
      assert.equal(typeof row.what, 'string');
      assert.equal(typeof row.text, 'string');
      assert.ok(['ms', 'MB', 'x', 'count', '%'].includes(String(row.unit)), `unit of ${String(row.id)}`);
      if (row.value === null) assert.match(String(row.text), /^n\/a: /, `${String(row.id)} says why it has no number`);
      else assert.ok(typeof row.value === 'number' && Number.isFinite(row.value) && row.value >= 0, `${String(row.id)} has a number`);
    }
    // Every kind of measurement has its row (numbers or a stated reason).
    for (const id of ['load.bib.50.ours', 'load.bib.50.citation-js', 'load.bib.50.bibtex-parser', 'load.bib.50.latex-utensils',
      'load.json.50.ours', 'load.ris.50.citation-js', 'load.bib.50.service', 'analysis.thesis-1x.full', 'analysis.thesis-1x.edit',
      'service.thesis-1x.completion', 'service.thesis-1x.hover', 'growth.2x', 'server.essay.start', 'server.thesis-1x.completion',
      'server.pandoc-thesis-50.hover', 'check.citewright', 'check.pandoc']) {
      assert.ok(ids.has(id), `row ${id} is present`);
    }

    assert.ok(Array.isArray(results.targets) && results.targets.length === 12, 'every target of the issue is listed');
    for (const target of results.targets as unknown[]) {
      assert.ok(isRecord(target));
      assert.equal(typeof target.what, 'string');
      assert.equal(typeof target.target, 'string');
      assert.equal(typeof target.measured, 'string');
      assert.ok(target.met === null || typeof target.met === 'boolean');
    }
  });
});
