// Untrusted workspaces (VS Code's Restricted Mode, `initializationOptions.workspaceTrusted: false`): the server
// must read nothing outside the workspace folders, whatever a document or a setting names. A workspace folder
// holds documents naming a bibliography outside it in every way (`../`, an absolute path, a symbolic link, the
// `citewright.bibliographies` setting, LaTeX's \addbibresource), and one inside it as a control; the server
// runs with a preload that records every path it touches through fs. The same workspace, trusted, shows that
// the outside file is really reachable when trust allows it. A refused file is reported as refused, with why; and a
// workspace folder opened through a symbolic link is as readable as the folder itself.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { HoverRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { REPO_ROOT } from '../lsp/lspClient';
import { RobustSession } from './lspSession';
import { failOnUnhandledRejections } from './unhandledRejections';

failOnUnhandledRejections();

const root = realpathSync(mkdtempSync(join(tmpdir(), 'citewright-trust-')));
const ws = join(root, 'workspace');
/** The workspace folder reached through a symbolic link (a folder opened by a linked path). */
const wsLink = join(root, 'workspace-link');
const outside = join(root, 'outside.bib');
after(() => rmSync(root, { recursive: true, force: true }));

mkdirSync(ws);
writeFileSync(outside, '@book{secret, author = {Secret, S.}, title = {Read From Outside}, year = 2001}\n');
writeFileSync(join(ws, 'inside.bib'), '@book{inner, author = {Inner, I.}, title = {Inside The Workspace}, year = 2002}\n');
symlinkSync(outside, join(ws, 'link.bib'));
symlinkSync(ws, wsLink);

/** Documents in the workspace, the citation each makes, and the title its hover shows when the entry was read. */
const OUTSIDE_TITLE = 'Read From Outside';
const DOCUMENTS: ReadonlyArray<{ name: string; text: string; languageId: string; key: string; title: string }> = [
  { name: 'parent.md', text: '---\nbibliography: ../outside.bib\n---\n\nSee [@secret].\n', languageId: 'markdown', key: 'secret', title: OUTSIDE_TITLE },
  { name: 'absolute.md', text: `---\nbibliography: ${outside}\n---\n\nSee [@secret].\n`, languageId: 'markdown', key: 'secret', title: OUTSIDE_TITLE },
  { name: 'symlink.md', text: '---\nbibliography: link.bib\n---\n\nSee [@secret].\n', languageId: 'markdown', key: 'secret', title: OUTSIDE_TITLE },
  { name: 'setting.md', text: 'See [@secret].\n', languageId: 'markdown', key: 'secret', title: OUTSIDE_TITLE },
  { name: 'paper.tex', text: '\\addbibresource{../outside.bib}\nSee \\cite{secret}.\n', languageId: 'latex', key: 'secret', title: OUTSIDE_TITLE },
  { name: 'inside.md', text: '---\nbibliography: inside.bib\n---\n\nSee [@inner].\n', languageId: 'markdown', key: 'inner', title: 'Inside The Workspace' },
  // Outside whatever the folder: never read in either mode as a bibliography here, but refused when untrusted.
  { name: 'passwd.md', text: '---\nbibliography: ../../../etc/passwd\n---\n\nSee [@root].\n', languageId: 'markdown', key: 'root', title: OUTSIDE_TITLE },
  // Inside the workspace and not there: missing, not refused, in both modes.
  { name: 'absent.md', text: '---\nbibliography: absent.bib\n---\n\nSee [@inner].\n', languageId: 'markdown', key: 'inner', title: 'Inside The Workspace' },
];

interface Outcome {
  /** Per document: whether the hover on its citation shows the cited entry (so its bibliography was read). */
  readonly resolved: Record<string, boolean>;
  /** Per document: its missing-bibliography diagnostics, as `line:start-end message`. */
  readonly missing: Record<string, string[]>;
  /** Paths under the test's folder, outside the workspace folder, that the server touched through fs. */
  readonly touchedOutside: string[];
  readonly warnings: string[];
}

/** Runs the server on the workspace, opened as `folder` (the workspace itself, or a link to it). */
async function serve(trusted: boolean, folder = ws): Promise<Outcome> {
  const log = join(root, `fs-${trusted ? 'trusted' : 'untrusted'}-${folder === ws ? 'folder' : 'link'}.log`);
  const names = ['CITEWRIGHT_FS_LOG', 'NODE_OPTIONS'] as const;
  const previous = names.map((name) => process.env[name]);
  process.env.CITEWRIGHT_FS_LOG = log;
  process.env.NODE_OPTIONS = `--require ${join(__dirname, 'fileAccessRecorder.js')}`;
  // A workspace setting naming the outside file: ignored when the workspace is not trusted.
  const session = new RobustSession({ settings: { bibliographies: [outside] } });
  names.forEach((name, i) => (previous[i] === undefined ? delete process.env[name] : (process.env[name] = previous[i])));
  const resolved: Record<string, boolean> = {};
  const warnings: string[] = [];
  const missing: Record<string, string[]> = {};
  const brief = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.message}`;
  try {
    await session.initialize([pathToFileURL(folder).href], { workspaceTrusted: trusted });
    for (const doc of DOCUMENTS) {
      const uri = pathToFileURL(join(folder, doc.name)).href;
      const document = await session.open(uri, doc.text, doc.languageId);
      missing[doc.name] = (await session.diagnostics(uri)).filter((d) => d.code === 'missing-bibliography').map(brief);
      const position = document.positionAt(doc.text.indexOf(doc.key) + 1);
      const hover = await session.server.wait(session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), `hover in ${doc.name}`);
      const shown = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
      resolved[doc.name] = shown.includes(doc.title);
    }
    assert.equal(session.server.stderr(), '');
    warnings.push(...session.warnings());
    assert.equal(await session.shutdownAndExit(), 0);
  } finally {
    session.server.kill();
  }
  const touched = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as string) : [];
  const own = [join(REPO_ROOT, 'out'), join(REPO_ROOT, 'node_modules'), realpathSync(join(REPO_ROOT, 'node_modules')), REPO_ROOT];
  const touchedOutside = touched
    .map((entry) => entry.slice(entry.indexOf(' ') + 1))
    .filter((path) => path.startsWith(root) && ![ws, folder].some((f) => path === f || path.startsWith(`${f}/`)) && !own.some((o) => path.startsWith(o)));
  return { resolved, missing, touchedOutside: [...new Set(touchedOutside)], warnings };
}

describe('untrusted workspace: nothing outside the workspace folders is read', { timeout: 120_000 }, () => {
  it('trusted (the control): every way of naming the outside file reaches it', async () => {
    const outcome = await serve(true);
    assert.deepEqual(outcome.resolved, { 'parent.md': true, 'absolute.md': true, 'symlink.md': true, 'setting.md': true, 'paper.tex': true, 'inside.md': true, 'passwd.md': false, 'absent.md': false });
    assert.ok(outcome.touchedOutside.includes(outside), 'the recorder sees the outside file being read');
    assert.deepEqual(outcome.warnings, []);
    // Nothing is refused when the workspace is trusted; a file that is not there is missing.
    assert.deepEqual(Object.entries(outcome.missing).filter(([, found]) => found.length > 0), [
      ['absent.md', ["1:14-24 Bibliography file 'absent.bib' does not exist"]],
    ]);
  });

  it('untrusted: the outside file is never read, however it is named; the inside one still is', async (t) => {
    const outcome = await serve(false);
    t.diagnostic(`untrusted: resolved ${JSON.stringify(outcome.resolved)}; paths touched outside the workspace: ${JSON.stringify(outcome.touchedOutside)}`);
    assert.deepEqual(outcome.touchedOutside, [], 'no path outside the workspace folder is touched');
    // The path setting is ignored, and the output says so once (not once per document).
    assert.deepEqual(outcome.warnings, ['citewright: the citewright.bibliographies setting is ignored: the workspace is not trusted']);
    // A symbolic link inside the workspace is a way outside too: what it leads to must not be read either.
    assert.deepEqual(outcome.resolved, { 'parent.md': false, 'absolute.md': false, 'symlink.md': false, 'setting.md': false, 'paper.tex': false, 'inside.md': true, 'passwd.md': false, 'absent.md': false });
  });

  it('untrusted: a refused bibliography is reported as refused, with why, at the line naming it; a missing one inside as missing', async () => {
    const outcome = await serve(false);
    const outsideFolders = 'was refused: the workspace is not trusted and the file is outside the workspace folders';
    assert.deepEqual(outcome.missing, {
      'parent.md': [`1:14-28 Bibliography file '../outside.bib' ${outsideFolders}`],
      'absolute.md': [`1:14-${14 + outside.length} Bibliography file '${outside}' ${outsideFolders}`],
      'symlink.md': ["1:14-22 Bibliography file 'link.bib' was refused: the workspace is not trusted and the file is a link to a file outside the workspace folders"],
      // The setting is ignored altogether in an untrusted workspace: nothing is named, so nothing is refused.
      'setting.md': [],
      'paper.tex': [`0:16-30 Bibliography file '../outside.bib' ${outsideFolders}`],
      'inside.md': [],
      'passwd.md': [`1:14-33 Bibliography file '../../../etc/passwd' ${outsideFolders}`],
      'absent.md': ["1:14-24 Bibliography file 'absent.bib' does not exist"],
    });
  });

  it('untrusted, the workspace folder opened through a symbolic link: its own files are read, the outside file still is not', async (t) => {
    const outcome = await serve(false, wsLink);
    t.diagnostic(`untrusted through ${wsLink}: resolved ${JSON.stringify(outcome.resolved)}; paths touched outside the workspace: ${JSON.stringify(outcome.touchedOutside)}`);
    assert.deepEqual(outcome.touchedOutside, [], 'no path outside the workspace folder is touched');
    assert.deepEqual(outcome.resolved, { 'parent.md': false, 'absolute.md': false, 'symlink.md': false, 'setting.md': false, 'paper.tex': false, 'inside.md': true, 'passwd.md': false, 'absent.md': false });
    assert.deepEqual(outcome.missing['inside.md'], []);
  });
});
