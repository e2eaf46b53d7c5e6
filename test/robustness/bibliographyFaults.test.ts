// A bibliography file changing under an open document, over LSP (the built server, a child process over stdio),
// with the workspace/didChangeWatchedFiles notifications VS Code sends for the client's `**/*.{bib,...}` watcher:
// - deleted, then restored;
// - renamed away and back (a delete and a create in one notification), and renamed while it is the .bib found
//   beside the document;
// - written in place as Zotero / Better BibTeX auto-export writes it: truncated in the middle of an entry, then
//   completed; emptied (0 bytes), then completed; rewritten with the same size and modification time (a file
//   system with coarse timestamps);
// - the same half-write while the .bib is open in an editor (VS Code reloads it: a didChange);
// - a client that does not support workspace/diagnostic/refresh.
// Each state's diagnostics are asserted exactly: those of the citing document (pulled), and those the server
// pushes for the closed .bib (a broken entry at its line). When the file is back or complete, both are exactly the
// clean state again. The server must not crash, log an error or write to stderr, and exits with 0.
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  DiagnosticRefreshRequest, DidChangeWatchedFilesNotification, DidCloseTextDocumentNotification, ErrorCodes, FileChangeType,
  PublishDiagnosticsNotification, ResponseError, type Diagnostic, type FileEvent,
} from 'vscode-languageserver-protocol/node';
import { RobustSession } from './lspSession';
import { failOnUnhandledRejections } from './unhandledRejections';

failOnUnhandledRejections();

const ALPHA = '@book{alpha, author = {Alpha, A.}, title = {First}, year = 2001}\n';
const BETA = '@book{beta, author = {Beta, B.}, title = {Second}, year = 2002}\n';
const GAMMA = '@book{gamma, author = {Gamma, G.}, title = {Third}, year = 2003}\n';
/** Three entries, one line each with a blank line between: alpha on line 0, beta on line 2, gamma on line 4. */
const FULL = `${ALPHA}\n${BETA}\n${GAMMA}`;

/** Cites the three entries and one key that no file has, so that the clean state is not empty. */
const PAPER = '---\nbibliography: refs.bib\n---\n\nSee [@alpha], [@beta] and [@gamma], but not [@wagner1999].\n';

const range = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });

function unresolved(key: string, fileName: string): Diagnostic {
  const at = PAPER.split('\n')[4].indexOf(`@${key}`) + 1;
  return {
    range: range(4, at, at + key.length), severity: 1, code: 'unresolved-citation', source: 'citewright',
    message: `'@${key}' has no entry in ${fileName}`, data: { suggestions: [] },
  };
}

/** The paper's diagnostics while refs.bib holds all three entries. */
const CLEAN: Diagnostic[] = [unresolved('wagner1999', 'refs.bib')];

/** Where the auto-export is cut off, the diagnostic the server must push for refs.bib then. */
const TRUNCATIONS: ReadonlyArray<{ name: string; text: string; broken: Diagnostic }> = [
  {
    name: 'inside a field value',
    text: FULL.slice(0, FULL.indexOf('title = {Second}') + 10),
    broken: {
      range: range(2, 0, 10), severity: 1, code: 'bibliography-syntax', source: 'citewright', data: {},
      message: "Entry 'beta' cannot be read: the '{' at line 3, column 42 is never closed (line 3, column 44). It is skipped; the other entries still load.",
    },
  },
  {
    name: 'before the key',
    text: FULL.slice(0, FULL.indexOf('@book{beta') + 6),
    broken: {
      range: range(2, 0, 6), severity: 1, code: 'bibliography-syntax', source: 'citewright', data: {},
      message: 'This @book entry cannot be read: the entry has no key (found the end of the file) (line 3, column 7). It is skipped; the other entries still load.',
    },
  },
  {
    name: 'after a field name',
    text: FULL.slice(0, FULL.indexOf('year = 2002') + 4),
    broken: {
      range: range(2, 0, 10), severity: 1, code: 'bibliography-syntax', source: 'citewright', data: {},
      message: "Entry 'beta' cannot be read: expected '=' after the field name 'year', found the end of the file (line 3, column 56). It is skipped; the other entries still load.",
    },
  },
];

/** refs.bib is not there: said at the line of the front matter that names it. */
function missingRefs(s: BibliographySession): Diagnostic {
  return {
    range: range(1, 14, 22), severity: 1, code: 'missing-bibliography', source: 'citewright',
    message: "Bibliography file 'refs.bib' does not exist", data: { uri: s.uri('refs.bib') },
  };
}

/**
 * A session in a fresh temporary folder that answers workspace/diagnostic/refresh as VS Code does (when
 * `refreshSupport`), records what the server pushes, and sends file events.
 */
class BibliographySession {
  readonly dir = realpathSync(mkdtempSync(join(tmpdir(), 'citewright-bibfaults-')));
  readonly session = new RobustSession();
  readonly paperUri = this.uri('paper.md');
  /** The last diagnostics pushed for each URI. */
  readonly pushed = new Map<string, Diagnostic[]>();
  refreshes = 0;
  faults = 0;
  private refreshed: () => void = () => undefined;

  constructor(private readonly refreshSupport = true) {
    this.session.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.pushed.set(params.uri, params.diagnostics);
    });
    this.session.connection.onRequest(DiagnosticRefreshRequest.method, () => {
      this.refreshes++;
      this.refreshed();
      // A client that did not declare the capability does not know the method.
      return refreshSupport ? null : new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${DiagnosticRefreshRequest.method}`);
    });
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  uri(name: string): string {
    return pathToFileURL(this.path(name)).href;
  }

  async start(files: Record<string, string>, paper = PAPER): Promise<void> {
    for (const [name, text] of Object.entries(files)) writeFileSync(this.path(name), text);
    await this.session.initialize([pathToFileURL(this.dir).href], { workspaceTrusted: true }, this.refreshSupport ? { diagnostics: { refreshSupport: true } } : {});
    await this.session.open(this.paperUri, paper);
  }

  /**
   * Sends the file events as VS Code's watcher does, after the change on disk. With refresh support, waits for the
   * server to ask the client to pull again (what makes VS Code re-check the open documents).
   */
  async changed(changes: Array<[name: string, type: FileChangeType]>): Promise<void> {
    this.faults++;
    const before = this.refreshes;
    const refreshed = this.refreshSupport ? new Promise<void>((resolve) => (this.refreshed = resolve)) : Promise.resolve();
    const events: FileEvent[] = changes.map(([name, type]) => ({ uri: this.uri(name), type }));
    await this.session.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: events });
    await this.session.server.wait(refreshed, 'workspace/diagnostic/refresh after the file events');
    if (this.refreshSupport) assert.equal(this.refreshes, before + 1, 'one refresh per notification');
  }

  /** Writes a file in place (truncating it first, as an export does) and says so. */
  async write(name: string, text: string): Promise<void> {
    writeFileSync(this.path(name), text);
    await this.changed([[name, FileChangeType.Changed]]);
  }

  paper(): Promise<Diagnostic[]> {
    return this.session.diagnostics(this.paperUri);
  }

  /** What the client now shows for a closed bibliography file: the last push, or nothing. */
  shownFor(name: string): Diagnostic[] {
    return this.pushed.get(this.uri(name)) ?? [];
  }

  /** Nothing logged as an error or warning, nothing on stderr, and a clean exit. */
  async finish(): Promise<void> {
    assert.deepEqual(this.session.problems(), []);
    assert.equal(await this.session.shutdownAndExit(), 0);
  }

  /** Kills the server if it still runs and removes the folder. */
  dispose(): void {
    this.session.server.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Runs a test on a fresh session, which must end with no problem logged and exit 0; its folder always goes. */
async function inSession(body: (s: BibliographySession) => Promise<void>, refreshSupport = true): Promise<void> {
  const s = new BibliographySession(refreshSupport);
  try {
    await body(s);
    await s.finish();
  } finally {
    s.dispose();
  }
}

describe('a bibliography file changing under an open document', { timeout: 120_000 }, () => {
  it('deleted while the document is open: missing-bibliography at the line naming it; restored: the clean state', async (t) => {
    await inSession(async (s) => {
      await s.start({ 'refs.bib': FULL });
      assert.deepEqual(await s.paper(), CLEAN);

      unlinkSync(s.path('refs.bib'));
      await s.changed([['refs.bib', FileChangeType.Deleted]]);
      assert.deepEqual(await s.paper(), [missingRefs(s)]);
      assert.deepEqual(s.shownFor('refs.bib'), []);

      writeFileSync(s.path('refs.bib'), FULL);
      await s.changed([['refs.bib', FileChangeType.Created]]);
      assert.deepEqual(await s.paper(), CLEAN);
      assert.deepEqual(s.shownFor('refs.bib'), []);
      t.diagnostic(`faults injected: ${s.faults} (delete, restore)`);
    });
  });

  it('renamed away and back (a delete and a create in one notification each): missing, then the clean state', async (t) => {
    await inSession(async (s) => {
      await s.start({ 'refs.bib': FULL });
      assert.deepEqual(await s.paper(), CLEAN);

      renameSync(s.path('refs.bib'), s.path('refs-old.bib'));
      await s.changed([['refs.bib', FileChangeType.Deleted], ['refs-old.bib', FileChangeType.Created]]);
      assert.deepEqual(await s.paper(), [missingRefs(s)]);

      renameSync(s.path('refs-old.bib'), s.path('refs.bib'));
      await s.changed([['refs-old.bib', FileChangeType.Deleted], ['refs.bib', FileChangeType.Created]]);
      assert.deepEqual(await s.paper(), CLEAN);
      assert.deepEqual([...s.pushed.values()].flat(), [], 'nothing pushed for either name');
      t.diagnostic(`faults injected: ${s.faults} (rename away, rename back)`);
    });
  });

  it('renamed while it is the only .bib beside a document that names none: the new name is used at once', async (t) => {
    await inSession(async (s) => {
      const paper = 'See [@alpha], [@beta] and [@gamma], but not [@wagner1999].\n';
      const at = paper.indexOf('@wagner1999') + 1;
      const unknownKey = (fileName: string): Diagnostic[] => [{
        range: range(0, at, at + 10), severity: 1, code: 'unresolved-citation', source: 'citewright',
        message: `'@wagner1999' has no entry in ${fileName}`, data: { suggestions: [] },
      }];
      await s.start({ 'refs.bib': FULL }, paper);
      assert.deepEqual(await s.paper(), unknownKey('refs.bib'));

      renameSync(s.path('refs.bib'), s.path('library.bib'));
      await s.changed([['refs.bib', FileChangeType.Deleted], ['library.bib', FileChangeType.Created]]);
      assert.deepEqual(await s.paper(), unknownKey('library.bib'));

      renameSync(s.path('library.bib'), s.path('refs.bib'));
      await s.changed([['library.bib', FileChangeType.Deleted], ['refs.bib', FileChangeType.Created]]);
      assert.deepEqual(await s.paper(), unknownKey('refs.bib'));
      t.diagnostic(`faults injected: ${s.faults} (rename to library.bib, rename back)`);
    });
  });

  it('written in place by an auto-export, cut off mid-entry then completed: the broken entry at its line, the rest resolve; then the clean state', async (t) => {
    await inSession(async (s) => {
      await s.start({ 'refs.bib': FULL });
      assert.deepEqual(await s.paper(), CLEAN);
      for (const cut of TRUNCATIONS) {
        await s.write('refs.bib', cut.text);
        // alpha, before the cut, still resolves; beta (broken) and gamma (not written yet) do not.
        assert.deepEqual(await s.paper(), [unresolved('beta', 'refs.bib'), unresolved('gamma', 'refs.bib'), unresolved('wagner1999', 'refs.bib')], `cut ${cut.name}`);
        assert.deepEqual(s.shownFor('refs.bib'), [cut.broken], `cut ${cut.name}: the broken entry is shown at its line in refs.bib`);

        await s.write('refs.bib', FULL);
        assert.deepEqual(await s.paper(), CLEAN, `completed after the cut ${cut.name}`);
        assert.deepEqual(s.shownFor('refs.bib'), [], `completed after the cut ${cut.name}: the broken entry is gone`);
      }
      t.diagnostic(`faults injected: ${s.faults} (${TRUNCATIONS.length} truncations mid-entry, each then completed)`);
    });
  });

  it('emptied (0 bytes) mid-write, then completed: every key unresolved, nothing broken; then the clean state', async (t) => {
    await inSession(async (s) => {
      await s.start({ 'refs.bib': FULL });
      assert.deepEqual(await s.paper(), CLEAN);

      await s.write('refs.bib', '');
      assert.deepEqual(await s.paper(), ['alpha', 'beta', 'gamma', 'wagner1999'].map((key) => unresolved(key, 'refs.bib (which has no entries)')));
      assert.deepEqual(s.shownFor('refs.bib'), []);

      // Then the first entry only, as the export goes on, then all of it.
      await s.write('refs.bib', ALPHA);
      assert.deepEqual(await s.paper(), ['beta', 'gamma', 'wagner1999'].map((key) => unresolved(key, 'refs.bib')));
      await s.write('refs.bib', FULL);
      assert.deepEqual(await s.paper(), CLEAN);
      assert.deepEqual(s.shownFor('refs.bib'), []);
      t.diagnostic(`faults injected: ${s.faults} (emptied, one entry, completed)`);
    });
  });

  it('rewritten with the same size and modification time (coarse file-system timestamps): the file event is enough to read it again', async (t) => {
    await inSession(async (s) => {
      await s.start({ 'refs.bib': FULL });
      // Every write below leaves the same whole second as its modification time, as a file system with 1 s (HFS+) or
      // 2 s (FAT) timestamps would when the export rewrites the file within that time.
      const second = 1_735_689_600;
      const writeCoarse = (text: string) => {
        writeFileSync(s.path('refs.bib'), text);
        utimesSync(s.path('refs.bib'), second, second);
      };
      writeCoarse(FULL);
      assert.deepEqual(await s.paper(), CLEAN);

      // The export renames a key the document cites (gamma -> gamme): the same number of bytes.
      writeCoarse(FULL.replace('{gamma,', '{gamme,'));
      assert.equal(statSync(s.path('refs.bib')).size, Buffer.byteLength(FULL));
      await s.changed([['refs.bib', FileChangeType.Changed]]);
      const at = PAPER.split('\n')[4].indexOf('@gamma') + 1;
      assert.deepEqual(await s.paper(), [
        {
          range: range(4, at, at + 5), severity: 1, code: 'unresolved-citation', source: 'citewright',
          message: "'@gamma' has no entry in refs.bib; did you mean @gamme?", data: { suggestions: ['refs.bib#3'] },
        },
        unresolved('wagner1999', 'refs.bib'),
      ]);

      writeCoarse(FULL);
      await s.changed([['refs.bib', FileChangeType.Changed]]);
      assert.deepEqual(await s.paper(), CLEAN);
      t.diagnostic(`faults injected: ${s.faults} (same-size rewrites with the modification time kept)`);
    });
  });

  it('open in an editor while the export cuts it off: VS Code reloads it (didChange), and its own diagnostics show the broken entry', async (t) => {
    await inSession(async (s) => {
      const bibUri = s.uri('refs.bib');
      const cut = TRUNCATIONS[0];
      await s.start({ 'refs.bib': FULL });
      assert.deepEqual(await s.paper(), CLEAN);

      // Cut off while closed: pushed for the closed file.
      await s.write('refs.bib', cut.text);
      await s.paper();
      assert.deepEqual(s.shownFor('refs.bib'), [cut.broken]);

      // Opened as it stands on disk: its pulled diagnostics show the entry, and the pushed copy is withdrawn.
      await s.session.open(bibUri, cut.text, 'bibtex');
      assert.deepEqual(await s.session.diagnostics(bibUri), [cut.broken]);
      assert.deepEqual(s.shownFor('refs.bib'), []);

      // The export completes the file; VS Code reloads the unmodified editor from disk and the watcher reports it.
      writeFileSync(s.path('refs.bib'), FULL);
      await s.session.change(bibUri, [{ text: FULL }]);
      await s.changed([['refs.bib', FileChangeType.Changed]]);
      assert.deepEqual(await s.session.diagnostics(bibUri), []);
      assert.deepEqual(await s.paper(), CLEAN);

      // Cut off again while open: read from the editor, as reloaded.
      writeFileSync(s.path('refs.bib'), cut.text);
      await s.session.change(bibUri, [{ text: cut.text }]);
      await s.changed([['refs.bib', FileChangeType.Changed]]);
      assert.deepEqual(await s.session.diagnostics(bibUri), [cut.broken]);
      assert.deepEqual(await s.paper(), [unresolved('beta', 'refs.bib'), unresolved('gamma', 'refs.bib'), unresolved('wagner1999', 'refs.bib')]);
      assert.deepEqual(s.shownFor('refs.bib'), [], 'nothing pushed for a file that is open');

      // Closed while still cut off, then completed on disk: the clean state.
      await s.session.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: bibUri } });
      await s.paper();
      assert.deepEqual(s.shownFor('refs.bib'), [cut.broken], 'pushed again once no editor shows it');
      await s.write('refs.bib', FULL);
      assert.deepEqual(await s.paper(), CLEAN);
      assert.deepEqual(s.shownFor('refs.bib'), []);
      t.diagnostic(`faults injected: ${s.faults} (cut off closed, completed and cut off again while open, completed once closed)`);
    });
  });

  it('a client without workspace/diagnostic/refresh: file events neither crash the server nor ask for a refresh', async (t) => {
    await inSession(async (s) => {
      await s.start({ 'refs.bib': FULL });
      assert.deepEqual(await s.paper(), CLEAN);
      unlinkSync(s.path('refs.bib'));
      await s.changed([['refs.bib', FileChangeType.Deleted]]);
      assert.deepEqual(await s.paper(), [missingRefs(s)]);
      await s.write('refs.bib', TRUNCATIONS[0].text);
      assert.deepEqual(await s.paper(), [unresolved('beta', 'refs.bib'), unresolved('gamma', 'refs.bib'), unresolved('wagner1999', 'refs.bib')]);
      await s.write('refs.bib', FULL);
      assert.deepEqual(await s.paper(), CLEAN);
      assert.equal(s.refreshes, 0);
      t.diagnostic(`faults injected: ${s.faults} (delete, cut off, completed) to a client that cannot refresh`);
    }, false);
  });
});
