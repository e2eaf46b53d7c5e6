// `citewright check` as a user runs it: `node bin/citewright check ...` in the repository, exit codes, stderr,
// the compiler-style text lines and the JSON contract of DESIGN.md. Also `main` called in-process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { isAbsolute, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../server/src/cli';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const BIN = join(REPO_ROOT, 'bin', 'citewright');
/** CI puts a copy of `shared/` beside the clone; the user types the path relative to the repository. */
const ESSAY = relative(REPO_ROOT, join(REPO_ROOT, '..', 'shared', 'corpus', 'khrushchev-essay.md'));
const FIXTURES = 'test/fixtures/cli';
const CLEAN = `${FIXTURES}/clean-essay.md`;
const WARNINGS_ONLY = `${FIXTURES}/warnings-only.md`;
const USAGE = 'usage: citewright check [--format text|json] [--bibliography FILE]... [--config FILE] FILE...';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI as a child process with cwd = repository root. spawnSync returns only once the child is gone;
 * the timeout kills it (SIGKILL) if it ever hangs, and the test then fails on the error.
 */
function cli(...args: string[]): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' });
  if (result.error) throw result.error;
  assert.equal(result.signal, null, `citewright ${args.join(' ')} was killed`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A usage or input error: exit 2, nothing on stdout, exactly the message and the usage line on stderr. */
function assertUsageError(run: Run, message: string | null): void {
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, message === null ? `${USAGE}\n` : `citewright: ${message}\n${USAGE}\n`);
  assert.equal(run.status, 2);
}

function assertNoStackTrace(stderr: string): void {
  assert.doesNotMatch(stderr, /^\s+at /m);
  assert.doesNotMatch(stderr, /Error:/);
}

// ---- the JSON contract, checked field by field -------------------------------------------------------------

interface JsonPosition { line: number; character: number }
interface JsonRange { start: JsonPosition; end: JsonPosition }
interface JsonItem { authors: string[]; year: string | null; key: string | null; locator: string | null; range: JsonRange; resolved: string | null }
interface JsonCitation { text: string; range: JsonRange; syntax: string; form: string; items: JsonItem[] }
interface JsonReference { id: string; source: string; range: JsonRange; key: string | null; authors: string[]; year: string | null; title: string | null; pages: string | null }
interface JsonEdit { path: string; range: JsonRange; newText: string }
interface JsonDiagnostic { code: string; severity: string; message: string; range: JsonRange; fixes: { title: string; edits: JsonEdit[] }[] }
interface JsonFile { path: string; citations: JsonCitation[]; references: JsonReference[]; diagnostics: JsonDiagnostic[] }
interface JsonReport { version: number; files: JsonFile[] }

const keys = (o: object) => Object.keys(o).sort();

function assertRange(r: JsonRange): void {
  assert.deepEqual(keys(r), ['end', 'start']);
  for (const p of [r.start, r.end]) {
    assert.deepEqual(keys(p), ['character', 'line']);
    assert.ok(Number.isInteger(p.line) && p.line >= 0 && Number.isInteger(p.character) && p.character >= 0);
  }
}

const nullableString = (v: unknown) => v === null || typeof v === 'string';

/** Parses stdout and checks every field DESIGN.md names, with exactly those keys. */
function parseReport(stdout: string): JsonReport {
  const report = JSON.parse(stdout) as JsonReport;
  assert.deepEqual(keys(report), ['files', 'version']);
  assert.equal(report.version, 1);
  for (const file of report.files) {
    assert.deepEqual(keys(file), ['citations', 'diagnostics', 'path', 'references']);
    for (const c of file.citations) {
      assert.deepEqual(keys(c), ['form', 'items', 'range', 'syntax', 'text']);
      assert.ok(['author-date', 'pandoc', 'latex'].includes(c.syntax), c.syntax);
      assert.ok(['parenthetical', 'narrative'].includes(c.form), c.form);
      assertRange(c.range);
      for (const item of c.items) {
        assert.deepEqual(keys(item), ['authors', 'key', 'locator', 'range', 'resolved', 'year']);
        assert.ok(item.authors.every((a) => typeof a === 'string'));
        assert.ok(nullableString(item.year) && nullableString(item.key) && nullableString(item.locator) && nullableString(item.resolved));
        assertRange(item.range);
      }
    }
    for (const r of file.references) {
      assert.deepEqual(keys(r), ['authors', 'id', 'key', 'pages', 'range', 'source', 'title', 'year']);
      assert.ok(typeof r.id === 'string' && typeof r.source === 'string');
      assert.ok(nullableString(r.key) && nullableString(r.year) && nullableString(r.title) && nullableString(r.pages));
      assertRange(r.range);
    }
    for (const d of file.diagnostics) {
      assert.deepEqual(keys(d), ['code', 'fixes', 'message', 'range', 'severity']);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(d.severity), d.severity);
      assertRange(d.range);
      for (const fix of d.fixes) {
        assert.deepEqual(keys(fix), ['edits', 'title']);
        for (const edit of fix.edits) {
          assert.deepEqual(keys(edit), ['newText', 'path', 'range']);
          assertRange(edit.range);
        }
      }
    }
  }
  return report;
}

/** `code@line` (1-based) per diagnostic, sorted. */
const codesAndLines = (file: JsonFile) => file.diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}`).sort();

const ESSAY_FINDINGS = [
  'adjacent-citations@25',
  'inconsistent-page-ranges@59',
  'misspelled-author@13',
  'misspelled-author@17',
  'misspelled-author@27',
  'misspelled-author@27',
  'page-out-of-range@21',
  'page-out-of-range@29',
  'page-out-of-range@35',
  'reference-format@41',
  'reference-order@59',
  'unused-reference@61',
  'year-mismatch@21',
  'year-mismatch@25',
];

// ---- tests ------------------------------------------------------------------------------------------------

describe('citewright check: exit status', () => {
  it('exits 0 with no output for a clean essay', () => {
    const run = cli('check', CLEAN);
    assert.deepEqual(run, { status: 0, stdout: '', stderr: '' });
  });

  it('exits 0 when the only findings are warnings', () => {
    const run = cli('check', WARNINGS_ONLY);
    assert.deepEqual(run, {
      status: 0,
      stdout: `${WARNINGS_ONLY}:10:1: warning unused-reference Dement, W. C., 1999 is never cited\n`,
      stderr: '',
    });
  });

  it('exits 1 on the essay, which has errors', () => {
    const run = cli('check', ESSAY);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 1);
  });

  it('exits 1 when any of several files has an error', () => {
    assert.equal(cli('check', CLEAN, ESSAY).status, 1);
    assert.equal(cli('check', ESSAY, CLEAN).status, 1);
    assert.equal(cli('check', CLEAN, WARNINGS_ONLY).status, 0);
  });
});

describe('citewright check: usage and unreadable input exit 2 with a message and no stack trace', () => {
  it('no command', () => assertUsageError(cli(), 'no command given'));
  it('an unknown command', () => assertUsageError(cli('lint', CLEAN), "unknown command 'lint'"));
  it('no files', () => assertUsageError(cli('check'), 'no files given'));
  it('an unknown option', () => assertUsageError(cli('check', '--strict', CLEAN), "unknown option '--strict'"));
  it('a bad --format value', () => assertUsageError(cli('check', '--format', 'xml', CLEAN), "--format must be text or json, not 'xml'"));
  it('--format without a value', () => assertUsageError(cli('check', '--format'), '--format needs a value'));
  it('--config without a value', () => assertUsageError(cli('check', CLEAN, '--config'), '--config needs a value'));
  it('a missing file', () => assertUsageError(cli('check', `${FIXTURES}/no-such-essay.md`), `cannot read '${FIXTURES}/no-such-essay.md': no such file`));
  it('a directory', () => assertUsageError(cli('check', FIXTURES), `cannot read '${FIXTURES}': it is a directory`));
  it('a binary file (a NUL byte)', () => assertUsageError(cli('check', `${FIXTURES}/binary.md`), `cannot read '${FIXTURES}/binary.md': it is a binary file, not text`));
  it('invalid UTF-8', () => assertUsageError(cli('check', `${FIXTURES}/invalid-utf8.md`), `cannot read '${FIXTURES}/invalid-utf8.md': it is not valid UTF-8 text`));
  it('a missing config file', () => assertUsageError(cli('check', '--config', `${FIXTURES}/none.json`, CLEAN), `cannot read '${FIXTURES}/none.json': no such file`));

  it('a config file that is not JSON', () => {
    const run = cli('check', '--config', `${FIXTURES}/not-json.json`, CLEAN);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    const lines = run.stderr.split('\n');
    // The parser's own wording after the colon differs between Node versions; the rest is exact.
    assert.equal(lines.length, 3);
    assert.ok(lines[0].startsWith(`citewright: cannot read config '${FIXTURES}/not-json.json': `), lines[0]);
    assert.ok(lines[0].length > `citewright: cannot read config '${FIXTURES}/not-json.json': `.length);
    assert.equal(lines[1], USAGE);
    assert.equal(lines[2], '');
    assertNoStackTrace(run.stderr);
  });

  it('an unreadable input among readable ones fails the whole run with nothing on stdout', () => {
    assertUsageError(cli('check', '--format', 'json', CLEAN, `${FIXTURES}/binary.md`), `cannot read '${FIXTURES}/binary.md': it is a binary file, not text`);
  });

  it('never prints a stack trace for any of them', () => {
    for (const args of [[], ['check', FIXTURES], ['check', `${FIXTURES}/binary.md`], ['check', '--config', `${FIXTURES}/not-json.json`, CLEAN]]) {
      assertNoStackTrace(cli(...args).stderr);
    }
  });
});

describe('citewright check --format text', () => {
  it('prints path:line:col: severity code message, with the path as given (relative stays relative)', () => {
    const run = cli('check', '--format', 'text', ESSAY);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, '');
    assert.ok(!isAbsolute(ESSAY));
    assert.deepEqual(run.stdout.split('\n'), [
      `${ESSAY}:13:734: error misspelled-author 'Breslaur 1980' has no entry; did you mean Breslauer, G. W. (1980)?`,
      `${ESSAY}:17:107: error misspelled-author 'Breslaur 1980' has no entry; did you mean Breslauer, G. W. (1980)?`,
      `${ESSAY}:21:736: warning page-out-of-range p.41-2 is outside the pages of Medvedev, R. A. (1980) (p.12-32)`,
      `${ESSAY}:21:1043: error year-mismatch 'Taubman 2000' has no entry for 2000; did you mean Taubman, W. (2003)?`,
      `${ESSAY}:25:728: error year-mismatch 'Taubman 2000' has no entry for 2000; did you mean Taubman, W. (2003)?`,
      `${ESSAY}:25:1009: information adjacent-citations (Chubarov 2011) and (Westwood 2002: p.416) stand side by side; merge them into (Chubarov 2011; Westwood 2002: p.416)`,
      `${ESSAY}:27:135: error misspelled-author 'Hoffman 1980' has no entry; did you mean Hoffmann, E. P. (1980)?`,
      `${ESSAY}:27:454: error misspelled-author 'Hoffman 1980' has no entry; did you mean Hoffmann, E. P. (1980)?`,
      `${ESSAY}:29:248: warning page-out-of-range p.14 is outside the pages of McCauley, M. (1987) (p.1-9)`,
      `${ESSAY}:35:561: warning page-out-of-range p.44-5 is outside the pages of Medvedev, R. A. (1980) (p.12-32)`,
      `${ESSAY}:41:1: information reference-format The Bibliography list mixes entry shapes (8 paragraphs, 9 '-' items); expected '-' items throughout`,
      `${ESSAY}:59:3: information reference-order Medvedev, R. A. (1980) should come before Medvedev, R. A. (1982): the list is ordered by author, then year`,
      `${ESSAY}:59:172: warning inconsistent-page-ranges Pages 12-32 of Medvedev, R. A. (1980) overlap pages 11-31 of Cohen, S. F. (1980), another chapter of The Soviet Union Since Stalin`,
      `${ESSAY}:61:3: warning unused-reference Sharlet, R. (1980) is never cited`,
      '',
    ]);
  });

  it('is the default format', () => {
    assert.deepEqual(cli('check', ESSAY), cli('check', '--format', 'text', ESSAY));
  });

  it('prints an absolute path as given', () => {
    const absolute = join(REPO_ROOT, CLEAN.replace('clean-essay', 'warnings-only'));
    const run = cli('check', absolute);
    assert.equal(run.stdout, `${absolute}:10:1: warning unused-reference Dement, W. C., 1999 is never cited\n`);
    assert.equal(run.status, 0);
  });

  it('prints the files in the order given', () => {
    const run = cli('check', WARNINGS_ONLY, ESSAY, WARNINGS_ONLY);
    const paths = run.stdout.trimEnd().split('\n').map((l) => l.slice(0, l.indexOf('.md:') + 3));
    assert.deepEqual(paths, [WARNINGS_ONLY, ...Array<string>(14).fill(ESSAY), WARNINGS_ONLY]);
    assert.equal(run.status, 1);
  });
});

describe('citewright check --format json', () => {
  it('reports the essay as DESIGN.md says: 44 citations, 17 references, 38 resolved items, the 14 findings', () => {
    const run = cli('check', '--format', 'json', ESSAY);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, '');
    const report = parseReport(run.stdout);
    assert.equal(report.files.length, 1);
    const [file] = report.files;
    assert.equal(file.path, ESSAY);
    assert.equal(file.citations.length, 44);
    assert.equal(file.references.length, 17);
    const items = file.citations.flatMap((c) => c.items);
    assert.equal(items.length, 44);
    assert.equal(items.filter((i) => i.resolved !== null).length, 38);
    assert.deepEqual(
      items.filter((i) => i.resolved === null).map((i) => `${i.authors.join(' & ')} ${i.year}`),
      ['Breslaur 1980', 'Breslaur 1980', 'Taubman 2000', 'Taubman 2000', 'Hoffman 1980', 'Hoffman 1980'],
    );
    assert.deepEqual(file.citations[0], {
      text: 'Tompson 1997: p.142',
      range: { start: { line: 4, character: 283 }, end: { line: 4, character: 302 } },
      syntax: 'author-date',
      form: 'parenthetical',
      items: [{
        authors: ['Tompson'], year: '1997', key: null, locator: 'p.142',
        range: { start: { line: 4, character: 283 }, end: { line: 4, character: 302 } }, resolved: 'R15',
      }],
    });
    assert.deepEqual(file.references.find((r) => r.id === 'R15'), {
      id: 'R15', source: 'document', range: { start: { line: 62, character: 2 }, end: { line: 62, character: 84 } }, key: null,
      authors: ['Tompson'], year: '1997', title: 'Khrushchev: A Political Life', pages: null,
    });
    assert.deepEqual(file.references.find((r) => r.id === 'R1')?.pages, '50-70');
    assert.deepEqual(
      file.citations.filter((c) => c.form === 'narrative').map((c) => c.text),
      ['Taubman (2003: p.271-2)', 'Frankland (1966: p.206)', 'Van Goudoever (1986: p.14)', 'Hoffman (1980: p.74)', 'Crankshaw (1966: p.234-5)'],
    );
    assert.deepEqual(codesAndLines(file), ESSAY_FINDINGS);
  });

  it('carries fixes whose edits replace the misspelt names and the wrong years, at the path as given', () => {
    const [file] = parseReport(cli('check', '--format', 'json', ESSAY).stdout).files;
    const fixEdits = (code: string) =>
      file.diagnostics.filter((d) => d.code === code).map((d) => d.fixes.map((f) => [f.title, f.edits.map((e) => [e.path, e.range, e.newText])]));
    const r = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });
    assert.deepEqual(fixEdits('misspelled-author'), [
      [["Replace 'Breslaur' with 'Breslauer'", [[ESSAY, r(12, 733, 741), 'Breslauer']]]],
      [["Replace 'Breslaur' with 'Breslauer'", [[ESSAY, r(16, 106, 114), 'Breslauer']]]],
      [["Replace 'Hoffman' with 'Hoffmann'", [[ESSAY, r(26, 134, 141), 'Hoffmann']]]],
      [["Replace 'Hoffman' with 'Hoffmann'", [[ESSAY, r(26, 453, 460), 'Hoffmann']]]],
    ]);
    assert.deepEqual(fixEdits('year-mismatch'), [
      [['Change the year to 2003', [[ESSAY, r(20, 1042, 1046), '2003']]]],
      [['Change the year to 2003', [[ESSAY, r(24, 727, 731), '2003']]]],
    ]);
    assert.deepEqual(fixEdits('page-out-of-range'), [[], [], []]);
  });

  it('gives one entry per input file, in the order given', () => {
    const run = cli('check', '--format', 'json', CLEAN, ESSAY, WARNINGS_ONLY);
    assert.equal(run.status, 1);
    const report = parseReport(run.stdout);
    assert.deepEqual(report.files.map((f) => f.path), [CLEAN, ESSAY, WARNINGS_ONLY]);
    assert.deepEqual(report.files.map((f) => [f.citations.length, f.references.length, f.diagnostics.length]), [[5, 4, 0], [44, 17, 14], [2, 3, 1]]);
    assert.deepEqual(codesAndLines(report.files[2]), ['unused-reference@10']);

    const reversed = parseReport(cli('check', '--format', 'json', WARNINGS_ONLY, CLEAN).stdout);
    assert.deepEqual(reversed.files.map((f) => f.path), [WARNINGS_ONLY, CLEAN]);
  });

  it('resolves every item of the clean essay', () => {
    const run = cli('check', '--format', 'json', CLEAN);
    assert.equal(run.status, 0);
    const [file] = parseReport(run.stdout).files;
    assert.deepEqual(
      file.citations.flatMap((c) => c.items.map((i) => `${i.authors.join(' & ')} ${i.year} ${i.locator} -> ${i.resolved}`)),
      [
        'Wolmar 2007 p.84 -> R4', 'Simmons 1978 p.22 -> R3', 'Bagwell & Lyth 2002 p.112-14 -> R1', 'Hawke 1970 p.188 -> R2',
        'Wolmar 2007 p.201 -> R4', 'Simmons 1978 p.240-1 -> R3',
      ],
    );
    assert.deepEqual(file.diagnostics, []);
  });
});

describe('citewright check --config', () => {
  it('"off" removes a rule\'s findings (errors remain, so the exit status stays 1)', () => {
    const run = cli('check', '--format', 'json', '--config', `${FIXTURES}/misspelled-off.json`, ESSAY);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 1);
    const [file] = parseReport(run.stdout).files;
    assert.deepEqual(codesAndLines(file), ESSAY_FINDINGS.filter((f) => !f.startsWith('misspelled-author@')));
  });

  it('"warning" changes the severity in the output', () => {
    const run = cli('check', '--config', `${FIXTURES}/misspelled-warning.json`, ESSAY);
    assert.equal(run.status, 1, 'year-mismatch is still an error');
    const lines = run.stdout.split('\n');
    assert.equal(lines[0], `${ESSAY}:13:734: warning misspelled-author 'Breslaur 1980' has no entry; did you mean Breslauer, G. W. (1980)?`);
    assert.equal(lines.filter((l) => / misspelled-author /.test(l)).every((l) => l.includes(': warning misspelled-author ')), true);
    assert.equal(lines.filter((l) => / misspelled-author /.test(l)).length, 4);
  });

  it('turning every error rule into a warning makes the exit status 0', () => {
    const run = cli('check', '--format', 'json', '--config', `${FIXTURES}/errors-as-warnings.json`, ESSAY);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
    const [file] = parseReport(run.stdout).files;
    assert.deepEqual(file.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.deepEqual(
      file.diagnostics.filter((d) => d.code === 'misspelled-author' || d.code === 'year-mismatch').map((d) => `${d.code}:${d.severity}`),
      ['misspelled-author:warning', 'misspelled-author:warning', 'year-mismatch:warning', 'year-mismatch:warning', 'misspelled-author:warning', 'misspelled-author:warning'],
    );
    assert.deepEqual(codesAndLines(file), ESSAY_FINDINGS);
  });
});

describe('citewright check --bibliography (DESIGN.md command line contract)', () => {
  it('accepts --bibliography FILE', () => {
    // DESIGN.md: `citewright check [--format text|json] [--bibliography FILE]... [--config FILE] FILE...`
    // The essay's citations all resolve in its own list; entries of a shared .bib are never errors when uncited.
    const run = cli('check', '--bibliography', `${FIXTURES}/railways.bib`, CLEAN);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
  });
});

describe('main() in-process', () => {
  function inProcess(args: string[]): Run {
    const out: string[] = [];
    const err: string[] = [];
    const status = main(args, (s) => out.push(s), (s) => err.push(s));
    return { status, stdout: out.map((s) => `${s}\n`).join(''), stderr: err.map((s) => `${s}\n`).join('') };
  }

  it('returns the same status and prints the same lines as the command', () => {
    // Absolute paths: `main` resolves relative ones against this process's cwd, which the runner does not promise.
    const at = (p: string) => join(REPO_ROOT, p);
    for (const args of [
      ['check', at(ESSAY)], ['check', at(CLEAN)], ['check', '--format', 'json', at(CLEAN), at(WARNINGS_ONLY)],
      ['check', at(`${FIXTURES}/binary.md`)], ['check', '--format', 'yaml', at(CLEAN)],
    ]) {
      assert.deepEqual(inProcess(args), cli(...args), args.join(' '));
    }
  });

  it('returns 2 rather than throwing for unreadable input', () => {
    const directory = join(REPO_ROOT, FIXTURES);
    assert.deepEqual(inProcess(['check', directory]), {
      status: 2, stdout: '', stderr: `citewright: cannot read '${directory}': it is a directory\n${USAGE}\n`,
    });
  });
});
