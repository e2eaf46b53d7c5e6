// `citewright check` against `pandoc --citeproc`: the missing keys of the same pandoc document with the
// same .bib, each a whole process as a user or CI runs it.
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import type { Corpora } from './corpora';
import { cliMain } from './paths';
import type { Profile } from './profiles';
import type { ResultRow } from './results';
import { medianRow, notMeasured, ratioRow } from './rowHelpers';
import { median } from './stats';

const SECTION = 'citewright check vs pandoc';

export interface CheckOutcome {
  readonly rows: ResultRow[];
  citewrightMs: number | null;
  pandocMs: number | null;
}

interface Run {
  readonly ms: number;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], cwd: string, timeoutMs: number): Run {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 512 * 2 ** 20 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.error) throw result.error;
  return { ms, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Keys cited but not found, from `citewright check --format json` (items with a key and no resolution). */
function citewrightMissing(stdout: string): Set<string> {
  const report = JSON.parse(stdout) as { files?: { citations?: { items?: { key?: unknown; resolved?: unknown }[] }[] }[] }; // the CLI's JSON contract
  const missing = new Set<string>();
  for (const file of report.files ?? []) {
    for (const citation of file.citations ?? []) {
      for (const item of citation.items ?? []) if (typeof item.key === 'string' && item.resolved === null) missing.add(item.key);
    }
  }
  return missing;
}

function pandocMissing(stderr: string): Set<string> {
  return new Set([...stderr.matchAll(/Citeproc: citation (\S+) not found/g)].map((m) => m[1]));
}

function hasPandoc(): string | null {
  const result = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.split('\n')[0] : null;
}

function compare(a: ReadonlySet<string>, b: ReadonlySet<string>, nameA: string, nameB: string): string {
  const onlyA = [...a].filter((k) => !b.has(k));
  const onlyB = [...b].filter((k) => !a.has(k));
  if (onlyA.length === 0 && onlyB.length === 0) return 'the same keys';
  return `differ: only ${nameA} ${onlyA.slice(0, 3).join(', ')}${onlyA.length > 3 ? '…' : ''} (${onlyA.length}); only ${nameB} ${onlyB.slice(0, 3).join(', ')}${onlyB.length > 3 ? '…' : ''} (${onlyB.length})`;
}

export function measureCheck(corpora: Corpora, profile: Profile, log: (m: string) => void): CheckOutcome {
  const outcome: CheckOutcome = { rows: [], citewrightMs: null, pandocMs: null };
  const doc = corpora.documents.find((d) => d.role === 'pandoc-thesis' && d.library !== null && corpora.libraries.some(
    (l) => l.label === d.library && l.format === 'bib' && l.size === profile.pandocLibrary));
  const library = corpora.libraries.find((l) => l.format === 'bib' && l.size === profile.pandocLibrary);
  if (!doc || !library) {
    outcome.rows.push(notMeasured('check.citewright', SECTION, 'citewright check', 'no pandoc thesis in this profile'));
    return outcome;
  }
  const cwd = dirname(doc.path);
  const expected = new Set(doc.missingKeys);
  const where = `pandoc thesis (${doc.citations} citations), ${library.label} .bib`;

  // citewright check --bibliography FILE
  const cli = [cliMain(), 'check', '--format', 'json', '--bibliography', library.path, doc.path];
  const first = run(process.execPath, cli, cwd, profile.childTimeoutMs);
  let citewright: Set<string> | null = null;
  if (first.status === 2) {
    const reason = /bibliography/.test(first.stderr) ? 'not yet supported' : first.stderr.trim().split('\n')[0];
    outcome.rows.push(notMeasured('check.citewright', SECTION, `${where}: citewright check --bibliography`, reason));
  } else {
    const runs = [first.ms];
    for (let k = 1; k < profile.checkRuns; k++) runs.push(run(process.execPath, cli, cwd, profile.childTimeoutMs).ms);
    citewright = citewrightMissing(first.stdout);
    outcome.citewrightMs = median(runs);
    outcome.rows.push(medianRow('check.citewright', SECTION, `${where}: citewright check --bibliography`, runs, 'ms', {
      note: `${citewright.size} missing keys reported (${expected.size} planted; ${compare(citewright, expected, 'reported', 'planted')})`,
    }));
  }
  log('check: citewright done');

  // pandoc --citeproc
  const version = hasPandoc();
  let pandoc: Set<string> | null = null;
  if (version === null) {
    outcome.rows.push(notMeasured('check.pandoc', SECTION, `${where}: pandoc --citeproc`, 'pandoc not installed (apt-get install pandoc)'));
  } else {
    const args = ['--citeproc', '--bibliography', library.path, '-f', 'markdown', '-t', 'plain', '-o', '/dev/null', doc.path];
    const runs: number[] = [];
    let stderr = '';
    for (let k = 0; k < profile.checkRuns; k++) {
      const r = run('pandoc', args, cwd, profile.childTimeoutMs);
      runs.push(r.ms);
      stderr = r.stderr;
    }
    pandoc = pandocMissing(stderr);
    outcome.pandocMs = median(runs);
    outcome.rows.push(medianRow('check.pandoc', SECTION, `${where}: ${version} --citeproc`, runs, 'ms', {
      note: `${pandoc.size} missing keys reported (${expected.size} planted; ${compare(pandoc, expected, 'reported', 'planted')})`,
    }));
  }
  log('check: pandoc done');
  outcome.rows.push(ratioRow('check.ratio', SECTION, `${where}: pandoc time / citewright's`, outcome.pandocMs, outcome.citewrightMs,
    citewright && pandoc ? `missing keys: ${compare(citewright, pandoc, 'citewright', 'pandoc')}` : undefined));
  return outcome;
}
