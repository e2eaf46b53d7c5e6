// Untrusted workspaces (VS Code's Restricted Mode, `initializationOptions.workspaceTrusted: false`): the server
// must read nothing outside the workspace folders, whatever a document or a setting names. A workspace folder
// holds documents naming a bibliography outside it in every way (`../`, an absolute path, a symbolic link, the
// `citewright.bibliographies` setting, LaTeX's \addbibresource), and one inside it as a control; the server
// runs with a preload that records every path it touches through fs. The same workspace, trusted, shows that
// the outside file is really reachable when trust allows it.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { REPO_ROOT } from '../lsp/lspClient';
import { RobustSession } from './lspSession';
import { failOnUnhandledRejections } from './unhandledRejections';

failOnUnhandledRejections();

const root = realpathSync(mkdtempSync(join(tmpdir(), 'citewright-trust-')));
const ws = join(root, 'workspace');
const outside = join(root, 'outside.bib');
after(() => rmSync(root, { recursive: true, force: true }));

mkdirSync(ws);
writeFileSync(outside, '@book{secret, author = {Secret, S.}, title = {Read From Outside}, year = 2001}\n');
writeFileSync(join(ws, 'inside.bib'), '@book{inner, author = {Inner, I.}, title = {Inside The Workspace}, year = 2002}\n');
symlinkSync(outside, join(ws, 'link.bib'));

/** Documents in the workspace, the citation each makes, and the title its hover shows when the entry was read. */
const OUTSIDE_TITLE = 'Read From Outside';
const DOCUMENTS: ReadonlyArray<{ name: string; text: string; languageId: string; key: string; title: string }> = [
  { name: 'parent.md', text: '---\nbibliography: ../outside.bib\n---\n\nSee [@secret].\n', languageId: 'markdown', key: 'secret', title: OUTSIDE_TITLE },
  { name: 'absolute.md', text: `---\nbibliography: ${outside}\n---\n\nSee [@secret].\n`, languageId: 'markdown', key: 'secret', title: OUTSIDE_TITLE },
  { name: 'symlink.md', text: '---\nbibliography: link.bib\n---\n\nSee [@secret].\n', languageId: 'markdown', key: 'secret', title: OUTSIDE_TITLE },
  { name: 'setting.md', text: 'See [@secret].\n', languageId: 'markdown', key: 'secret', title: OUTSIDE_TITLE },
  { name: 'paper.tex', text: '\\addbibresource{../outside.bib}\nSee \\cite{secret}.\n', languageId: 'latex', key: 'secret', title: OUTSIDE_TITLE },
  { name: 'inside.md', text: '---\nbibliography: inside.bib\n---\n\nSee [@inner].\n', languageId: 'markdown', key: 'inner', title: 'Inside The Workspace' },
];

interface Outcome {
  /** Per document: whether the hover on its citation shows the cited entry (so its bibliography was read). */
  readonly resolved: Record<string, boolean>;
  /** Paths under the test's folder, outside the workspace folder, that the server touched through fs. */
  readonly touchedOutside: string[];
}

async function serve(trusted: boolean): Promise<Outcome> {
  const log = join(root, `fs-${trusted ? 'trusted' : 'untrusted'}.log`);
  const names = ['CITEWRIGHT_FS_LOG', 'NODE_OPTIONS'] as const;
  const previous = names.map((name) => process.env[name]);
  process.env.CITEWRIGHT_FS_LOG = log;
  process.env.NODE_OPTIONS = `--require ${join(__dirname, 'fileAccessRecorder.js')}`;
  // A workspace setting naming the outside file: ignored when the workspace is not trusted.
  const session = new RobustSession({ settings: { bibliographies: [outside] } });
  names.forEach((name, i) => (previous[i] === undefined ? delete process.env[name] : (process.env[name] = previous[i])));
  const resolved: Record<string, boolean> = {};
  try {
    await session.initialize([pathToFileURL(ws).href], { workspaceTrusted: trusted });
    for (const doc of DOCUMENTS) {
      const uri = pathToFileURL(join(ws, doc.name)).href;
      const document = await session.open(uri, doc.text, doc.languageId);
      await session.diagnostics(uri);
      const position = document.positionAt(doc.text.indexOf(doc.key) + 1);
      const hover = await session.server.wait(session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), `hover in ${doc.name}`);
      const shown = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
      resolved[doc.name] = shown.includes(doc.title);
    }
    assert.equal(session.server.stderr(), '');
    assert.equal(await session.shutdownAndExit(), 0);
  } finally {
    session.server.kill();
  }
  const touched = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as string) : [];
  const own = [join(REPO_ROOT, 'out'), join(REPO_ROOT, 'node_modules'), realpathSync(join(REPO_ROOT, 'node_modules')), REPO_ROOT];
  const touchedOutside = touched
    .map((entry) => entry.slice(entry.indexOf(' ') + 1))
    .filter((path) => path.startsWith(root) && !path.startsWith(`${ws}/`) && path !== ws && !own.some((o) => path.startsWith(o)));
  return { resolved, touchedOutside: [...new Set(touchedOutside)] };
}

describe('untrusted workspace: nothing outside the workspace folders is read', { timeout: 120_000 }, () => {
  it('trusted (the control): every way of naming the outside file reaches it', async () => {
    const outcome = await serve(true);
    assert.deepEqual(outcome.resolved, { 'parent.md': true, 'absolute.md': true, 'symlink.md': true, 'setting.md': true, 'paper.tex': true, 'inside.md': true });
    assert.ok(outcome.touchedOutside.includes(outside), 'the recorder sees the outside file being read');
  });

  it('untrusted: the outside file is never read, however it is named; the inside one still is', async (t) => {
    const outcome = await serve(false);
    t.diagnostic(`untrusted: resolved ${JSON.stringify(outcome.resolved)}; paths touched outside the workspace: ${JSON.stringify(outcome.touchedOutside)}`);
    assert.deepEqual(outcome.touchedOutside, [], 'no path outside the workspace folder is touched');
    // A symbolic link inside the workspace is a way outside too: what it leads to must not be read either.
    assert.deepEqual(outcome.resolved, { 'parent.md': false, 'absolute.md': false, 'symlink.md': false, 'setting.md': false, 'paper.tex': false, 'inside.md': true });
  });
});
