// The built language server, driven over stdio exactly as an editor drives it: initialize, open the essay,
// pull diagnostics, complete, hover, fix, navigate, rename, list symbols, shut down. Every wait has a deadline.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource, CodeActionKind, CodeActionRequest, CompletionRequest, CompletionTriggerKind, DefinitionRequest,
  DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, DocumentDiagnosticRequest, DocumentSymbolRequest,
  ExitNotification, HoverRequest, InitializedNotification, InitializeRequest, LSPErrorCodes, MessageType, PrepareRenameRequest,
  ReferencesRequest, RenameRequest, ResponseError, ShutdownRequest,
  type CodeAction, type Command, type Diagnostic, type Position, type Range, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ESSAY_PATH, parseFrames, startServer, within, type LspServer } from './lspClient';

const ESSAY_TEXT = readFileSync(ESSAY_PATH, 'utf8');
const ESSAY_URI = pathToFileURL(ESSAY_PATH).href;
/** Other documents the tests edit, so that one test's edits never change what another sees. */
const uriBeside = (suffix: string) => ESSAY_URI.replace(/\.md$/, `.${suffix}.md`);

const TEST_TIMEOUT_MS = 60_000;

const pos = (line: number, character: number): Position => ({ line, character });
const range = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: pos(l1, c1), end: pos(l2, c2) });

/** `code@line:severity` (1-based line) for each diagnostic, sorted. */
function summary(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${String(d.code)}@${d.range.start.line + 1}:${d.severity ?? 'none'}`).sort();
}

/** The 14 findings of issue 2's "Done when" (severity 1 error, 2 warning, 3 information). */
const ESSAY_FINDINGS = [
  'adjacent-citations@25:3',
  'inconsistent-page-ranges@59:2',
  'misspelled-author@13:1',
  'misspelled-author@17:1',
  'misspelled-author@27:1',
  'misspelled-author@27:1',
  'page-out-of-range@21:2',
  'page-out-of-range@29:2',
  'page-out-of-range@35:2',
  'reference-format@41:3',
  'reference-order@59:3',
  'unused-reference@61:2',
  'year-mismatch@21:1',
  'year-mismatch@25:1',
];

/** Applies a workspace edit's changes for `uri` to `text`, as an editor would. */
function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit | undefined): string {
  assert.ok(edit, 'the action carries an edit');
  assert.deepEqual(Object.keys(edit.changes ?? {}), [uri], 'the edit changes this document only');
  assert.equal(edit.documentChanges, undefined);
  return TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 0, text), edit.changes?.[uri] ?? []);
}

function isCodeAction(action: Command | CodeAction): action is CodeAction {
  return typeof (action as CodeAction).title === 'string' && typeof (action as Command).command !== 'string';
}

/** A client session with the essay-serving server: initialize, initialized, helpers for requests with deadlines. */
class Session {
  readonly server: LspServer;
  private version = new Map<string, number>();

  constructor(settings?: unknown) {
    this.server = startServer({ settings });
  }

  get connection() {
    return this.server.connection;
  }

  async initialize(): Promise<void> {
    const result = await this.server.wait(
      this.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities: {
          workspace: { configuration: true },
          textDocument: {
            diagnostic: { dynamicRegistration: false },
            completion: { completionItem: { snippetSupport: true } },
            codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] } } },
            rename: { prepareSupport: true },
            documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          },
        },
      }),
      'initialize',
    );
    assert.equal(result.serverInfo?.name, 'citewright');
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  async open(uri: string, text: string): Promise<void> {
    this.version.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'markdown', version: 1, text },
    });
  }

  /** Sends edits as incremental changes, last position first so that earlier ranges stay valid. */
  async change(uri: string, edits: readonly TextEdit[]): Promise<void> {
    const version = (this.version.get(uri) ?? 1) + 1;
    this.version.set(uri, version);
    const ordered = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: ordered.map((e) => ({ range: e.range, text: e.newText })),
    });
  }

  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const report = await this.server.wait(this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }), `diagnostics of ${uri}`);
    assert.equal(report.kind, 'full');
    return report.kind === 'full' ? report.items : [];
  }

  async codeActions(uri: string, at: Range, only?: string[], diagnostics: Diagnostic[] = []): Promise<CodeAction[]> {
    const actions = await this.server.wait(
      this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: at, context: { diagnostics, only } }),
      'code actions',
    );
    const list = actions ?? [];
    assert.ok(list.every(isCodeAction), 'code actions, not bare commands');
    return list.filter(isCodeAction);
  }

  async shutdownAndExit(): Promise<number | null> {
    await this.server.wait(this.connection.sendRequest(ShutdownRequest.type), 'shutdown');
    await this.connection.sendNotification(ExitNotification.type);
    const status = await within(this.server.exited, 'the server to exit');
    assert.equal(status.signal, null);
    return status.code;
  }

  /** What every session must satisfy at the end: clean stdout, clean stderr, no errors logged. */
  assertCleanTranscript(): void {
    assert.deepEqual(this.server.protocolErrors, []);
    const frames = parseFrames(this.server.stdout()); // throws on anything that is not an LSP frame
    const requestsToClient = frames.filter((m) => m.method !== undefined && m.id !== undefined).map((m) => m.method);
    assert.ok(requestsToClient.every((m) => m === 'workspace/configuration'), `unexpected server requests: ${requestsToClient.join(', ')}`);
    assert.equal(this.server.stderr(), '');
    assert.deepEqual(this.server.logMessages.filter((m) => m.type === MessageType.Error || m.type === MessageType.Warning), []);
    assert.deepEqual(this.server.shownMessages, []);
  }
}

describe('language server over stdio: the essay', { timeout: TEST_TIMEOUT_MS }, () => {
  let session: Session;

  before(async () => {
    session = new Session();
    await session.initialize();
    await session.open(ESSAY_URI, ESSAY_TEXT);
  });

  after(() => session?.server.kill());

  it('asks the client for the citewright settings of the document', async () => {
    await session.diagnostics(ESSAY_URI);
    assert.deepEqual(session.server.configurationRequests, [{ items: [{ scopeUri: ESSAY_URI, section: 'citewright' }] }]);
  });

  it('pulls exactly the 14 findings of issue 2', async () => {
    const diagnostics = await session.diagnostics(ESSAY_URI);
    assert.deepEqual(summary(diagnostics), ESSAY_FINDINGS);
    assert.ok(diagnostics.every((d) => d.source === 'citewright'));

    const at = (code: string, line: number) => diagnostics.filter((d) => d.code === code && d.range.start.line === line - 1);
    assert.deepEqual(at('misspelled-author', 13).map((d) => [d.range, d.message]), [
      [range(12, 733, 12, 741), "'Breslaur 1980' has no entry; did you mean Breslauer, G. W. (1980)?"],
    ]);
    assert.deepEqual(at('misspelled-author', 27).map((d) => [d.range, d.message]), [
      [range(26, 134, 26, 141), "'Hoffman 1980' has no entry; did you mean Hoffmann, E. P. (1980)?"],
      [range(26, 453, 26, 460), "'Hoffman 1980' has no entry; did you mean Hoffmann, E. P. (1980)?"],
    ]);
    assert.deepEqual(at('year-mismatch', 21).map((d) => [d.range, d.message]), [
      [range(20, 1042, 20, 1046), "'Taubman 2000' has no entry for 2000; did you mean Taubman, W. (2003)?"],
    ]);
    assert.deepEqual(at('page-out-of-range', 29).map((d) => [d.range, d.message]), [
      [range(28, 247, 28, 251), 'p.14 is outside the pages of McCauley, M. (1987) (p.1-9)'],
    ]);
    assert.deepEqual(at('unused-reference', 61).map((d) => [d.range, d.message]), [
      [range(60, 2, 60, 199), 'Sharlet, R. (1980) is never cited'],
    ]);
    assert.deepEqual(at('inconsistent-page-ranges', 59).map((d) => d.message), [
      'Pages 12-32 of Medvedev, R. A. (1980) overlap pages 11-31 of Cohen, S. F. (1980), another chapter of The Soviet Union Since Stalin',
    ]);
  });

  it('hovers on Tompson in line 5 with the entry as written and how often it is cited', async () => {
    const hover = await session.server.wait(
      session.connection.sendRequest(HoverRequest.type, { textDocument: { uri: ESSAY_URI }, position: pos(4, 285) }),
      'hover',
    );
    assert.deepEqual(hover, {
      contents: {
        kind: 'markdown',
        value: 'Tompson, W. J. (1997) *Khrushchev: A Political Life*. New York: Palgrave Macmillan\n\n---\n\nCited once (line 5)',
      },
      range: range(4, 283, 4, 302),
    });
  });

  it('offers the Breslauer quick fix at the Breslaur diagnostic, and its edit repairs the line', async () => {
    const [diagnostic] = (await session.diagnostics(ESSAY_URI)).filter((d) => d.code === 'misspelled-author' && d.range.start.line === 12);
    assert.ok(diagnostic);
    const actions = await session.codeActions(ESSAY_URI, diagnostic.range, [CodeActionKind.QuickFix], [diagnostic]);
    assert.deepEqual(actions.map((a) => [a.kind, a.title, a.isPreferred]), [[CodeActionKind.QuickFix, "Replace 'Breslaur' with 'Breslauer'", true]]);
    assert.deepEqual(actions[0].diagnostics?.map((d) => [d.code, d.range]), [['misspelled-author', range(12, 733, 12, 741)]]);

    const fixed = applyWorkspaceEdit(ESSAY_TEXT, ESSAY_URI, actions[0].edit).split('\n');
    const original = ESSAY_TEXT.split('\n');
    assert.equal(fixed.length, original.length);
    assert.equal(fixed[12], original[12].replace('(Breslaur 1980: p.51-2)', '(Breslauer 1980: p.51-2)'));
    assert.notEqual(fixed[12], original[12]);
    assert.deepEqual(fixed.filter((_, i) => i !== 12), original.filter((_, i) => i !== 12), 'no other line changes');
  });

  it('goes from a citation to its entry (definition)', async () => {
    const locations = await session.server.wait(
      session.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: ESSAY_URI }, position: pos(4, 285) }),
      'definition',
    );
    assert.deepEqual(locations, [{ uri: ESSAY_URI, range: range(62, 2, 62, 84) }]);
  });

  it('finds the citations of an entry (references)', async () => {
    const withDeclaration = await session.server.wait(
      session.connection.sendRequest(ReferencesRequest.type, {
        textDocument: { uri: ESSAY_URI }, position: pos(62, 4), context: { includeDeclaration: true },
      }),
      'references',
    );
    assert.deepEqual(withDeclaration, [
      { uri: ESSAY_URI, range: range(62, 2, 62, 84) },
      { uri: ESSAY_URI, range: range(4, 283, 4, 302) },
    ]);
    const withoutDeclaration = await session.server.wait(
      session.connection.sendRequest(ReferencesRequest.type, {
        textDocument: { uri: ESSAY_URI }, position: pos(62, 4), context: { includeDeclaration: false },
      }),
      'references',
    );
    assert.deepEqual(withoutDeclaration, [{ uri: ESSAY_URI, range: range(4, 283, 4, 302) }]);
  });

  it('renames a surname across the entry and its citations', async () => {
    const prepared = await session.server.wait(
      session.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: ESSAY_URI }, position: pos(4, 285) }),
      'prepareRename',
    );
    assert.deepEqual(prepared, { range: range(4, 283, 4, 290), placeholder: 'Tompson' });
    const inProse = await session.server.wait(
      session.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: ESSAY_URI }, position: pos(4, 10) }),
      'prepareRename in prose',
    );
    assert.equal(inProse, null);

    const edit = await session.server.wait(
      session.connection.sendRequest(RenameRequest.type, { textDocument: { uri: ESSAY_URI }, position: pos(4, 285), newName: 'Thompson' }),
      'rename',
    );
    assert.deepEqual(edit, {
      changes: {
        [ESSAY_URI]: [
          { range: range(62, 2, 62, 9), newText: 'Thompson' },
          { range: range(4, 283, 4, 290), newText: 'Thompson' },
        ],
      },
    });
    const renamed = applyWorkspaceEdit(ESSAY_TEXT, ESSAY_URI, edit ?? undefined).split('\n');
    assert.equal(renamed[4].slice(282, 304), '(Thompson 1997: p.142)');
    assert.equal(renamed[62], '- Thompson, W. J. (1997) *Khrushchev: A Political Life*. New York: Palgrave Macmillan');
  });

  it('lists the reference list and its 17 entries as document symbols', async () => {
    const symbols = await session.server.wait(
      session.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: ESSAY_URI } }),
      'documentSymbol',
    );
    assert.ok(symbols && symbols.length === 1);
    const [list] = symbols;
    assert.ok('children' in list, 'hierarchical symbols');
    assert.equal(list.name, 'Bibliography');
    assert.deepEqual(list.range, range(38, 0, 64, 129));
    assert.deepEqual(list.selectionRange, range(38, 0, 38, 15));
    assert.deepEqual(list.children?.map((s) => s.name), [
      'Breslauer, G. W. (1980)', 'Chubarov, A. (2001)', 'Chubarov, A. (2011)', 'Cohen, S. F. (1980)', 'Crankshaw, E. (1966)',
      'Frankland, M. (1966)', 'Hoffmann, E. P. (1980)', 'McAuley, A. (1987)', 'McCauley, M. (1987)', 'Medvedev, R. A. (1982)',
      'Medvedev, R. A. (1980)', 'Medvedev, R. A. & Medvedev, Z. A. (1977)', 'Sharlet, R. (1980)', 'Taubman, W. (2003)',
      'Tompson, W. J. (1997)', 'Van Goudoever, A. P. (1986)', 'Westwood, J.N. (2002)',
    ]);
    const tompson = list.children?.[14];
    assert.deepEqual(
      tompson && [tompson.detail, tompson.range, tompson.selectionRange],
      ['Khrushchev: A Political Life', range(62, 2, 62, 84), range(62, 2, 62, 84)],
    );
  });

  it('sees an edit in the next request (an edited citation no longer has a finding)', async () => {
    const uri = uriBeside('edited');
    await session.open(uri, ESSAY_TEXT);
    assert.deepEqual(summary(await session.diagnostics(uri)), ESSAY_FINDINGS);
    await session.change(uri, [{ range: range(12, 733, 12, 741), newText: 'Breslauer' }]);
    assert.deepEqual(
      summary(await session.diagnostics(uri)),
      ESSAY_FINDINGS.filter((f) => f !== 'misspelled-author@13:1'),
    );
  });

  it('completes after typing ( in a new paragraph, in the style of the document', async () => {
    const uri = uriBeside('completion');
    await session.open(uri, ESSAY_TEXT);
    await session.diagnostics(uri); // the model of version 1 exists before the edit, as in an editor
    // Line 38 (index 37) is the empty line before '## Bibliography': a new paragraph, then '('.
    await session.change(uri, [{ range: range(37, 0, 37, 0), newText: '\nKhrushchev changed course (\n' }]);
    const completion = await session.server.wait(
      session.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri }, position: pos(38, 27), context: { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: '(' },
      }),
      'completion',
    );
    assert.ok(completion && !Array.isArray(completion), 'a completion list');
    assert.equal(completion.isIncomplete, false);
    assert.deepEqual(completion.items.map((i) => i.label), [
      'Breslauer 1980', 'Chubarov 2001', 'Chubarov 2011', 'Cohen 1980', 'Crankshaw 1966', 'Frankland 1966', 'Hoffmann 1980',
      'McAuley 1987', 'McCauley 1987', 'Medvedev 1982', 'Medvedev 1980', 'Medvedev & Medvedev 1977', 'Sharlet 1980',
      'Taubman 2003', 'Tompson 1997', 'Van Goudoever 1986', 'Westwood 2002',
    ]);
    const [first] = completion.items;
    assert.equal(first.insertTextFormat, 2 /* snippet */);
    assert.deepEqual(first.textEdit, { range: range(38, 27, 38, 27), newText: 'Breslauer 1980: p.${1})$0' });
    assert.equal(first.detail, 'Khrushchev Reconsidered');
    const medvedevs = completion.items.find((i) => i.label === 'Medvedev & Medvedev 1977');
    assert.deepEqual(medvedevs?.textEdit, { range: range(38, 27, 38, 27), newText: 'Medvedev & Medvedev 1977: p.${1})$0' });
  });

  it('fixes everything with source.fixAll.citewright: no errors are left, and a second fix-all has nothing to do', async () => {
    const uri = uriBeside('fixall');
    await session.open(uri, ESSAY_TEXT);
    assert.deepEqual(summary(await session.diagnostics(uri)), ESSAY_FINDINGS);

    const actions = await session.codeActions(uri, range(0, 0, 0, 0), [CodeActionKind.SourceFixAll]);
    assert.deepEqual(actions.map((a) => [a.kind, a.title]), [['source.fixAll.citewright', 'Fix all citation problems']]);
    const edits = actions[0].edit?.changes?.[uri] ?? [];
    const fixed = applyWorkspaceEdit(ESSAY_TEXT, uri, actions[0].edit);

    // What the fixes must have done, written out from the original: names, years, merged brackets, list shape and order.
    const expected = ESSAY_TEXT.split('\n');
    const replace = (line: number, from: string, to: string) => {
      assert.ok(expected[line - 1].includes(from), `line ${line} contains ${from}`);
      expected[line - 1] = expected[line - 1].split(from).join(to);
    };
    replace(13, '(Breslaur 1980', '(Breslauer 1980');
    replace(17, '(Breslaur 1980', '(Breslauer 1980');
    replace(21, '(Taubman 2000', '(Taubman 2003');
    replace(25, '(Taubman 2000', '(Taubman 2003');
    replace(25, '(Chubarov 2011) (Westwood 2002: p.416)', '(Chubarov 2011; Westwood 2002: p.416)');
    replace(27, 'Hoffman (1980', 'Hoffmann (1980');
    replace(27, '(Hoffman 1980', '(Hoffmann 1980');
    for (const line of [41, 43, 45, 47, 49, 51, 53, 55]) expected[line - 1] = `- ${expected[line - 1]}`;
    [expected[57], expected[58]] = [expected[58], expected[57]]; // Medvedev 1980 before Medvedev 1982
    assert.equal(fixed, expected.join('\n'));

    await session.change(uri, edits);
    const after = await session.diagnostics(uri);
    assert.deepEqual(after.filter((d) => d.severity === 1), [], 'no error is left');
    assert.deepEqual(summary(after), [
      'inconsistent-page-ranges@58:2',
      'page-out-of-range@21:2',
      'page-out-of-range@29:2',
      'page-out-of-range@35:2',
      'unused-reference@61:2',
    ]);
    assert.deepEqual(await session.codeActions(uri, range(0, 0, 0, 0), [CodeActionKind.SourceFixAll]), [], 'fix-all is idempotent');
  });

  it('shuts down and exits with code 0, having written only LSP frames to stdout and nothing to stderr', async () => {
    const code = await session.shutdownAndExit();
    assert.equal(code, 0);
    session.assertCleanTranscript();
  });
});

describe('language server over stdio: rule severities from workspace/configuration', { timeout: TEST_TIMEOUT_MS }, () => {
  let session: Session;

  before(async () => {
    session = new Session({ rules: { 'reference-order': 'off', 'misspelled-author': 'warning' } });
    await session.initialize();
    await session.open(ESSAY_URI, ESSAY_TEXT);
  });

  after(() => session?.server.kill());

  it('applies the severities the client answers with', async () => {
    const diagnostics = await session.diagnostics(ESSAY_URI);
    assert.deepEqual(session.server.configurationRequests, [{ items: [{ scopeUri: ESSAY_URI, section: 'citewright' }] }]);
    assert.deepEqual(
      summary(diagnostics),
      ESSAY_FINDINGS.filter((f) => !f.startsWith('reference-order@')).map((f) => f.replace(/^(misspelled-author@\d+):1$/, '$1:2')),
    );
  });

  it('offers no fix for a rule that is off, and keeps the others', async () => {
    // The reference-order finding sat on line 59; misspelled-author (now a warning) still offers its fix.
    const atOrder = await session.codeActions(ESSAY_URI, range(58, 2, 58, 2), [CodeActionKind.QuickFix]);
    assert.deepEqual(atOrder.map((a) => a.title), []);
    const atBreslaur = await session.codeActions(ESSAY_URI, range(12, 735, 12, 735), [CodeActionKind.QuickFix]);
    assert.deepEqual(atBreslaur.map((a) => [a.title, a.diagnostics?.[0]?.severity]), [["Replace 'Breslaur' with 'Breslauer'", 2]]);
  });

  it('exits cleanly', async () => {
    assert.equal(await session.shutdownAndExit(), 0);
    session.assertCleanTranscript();
  });
});

describe('language server over stdio: cancellation', { timeout: TEST_TIMEOUT_MS }, () => {
  let session: Session;

  before(async () => {
    session = new Session();
    await session.initialize();
    await session.open(ESSAY_URI, ESSAY_TEXT);
  });

  after(() => session?.server.kill());

  /** Sends a request, cancels it at once, and waits for the answer: a result or RequestCancelled, never silence. */
  async function cancelledAtOnce(send: (token: CancellationTokenSource['token']) => Promise<unknown>, what: string): Promise<'result' | 'cancelled'> {
    const source = new CancellationTokenSource();
    const pending = send(source.token);
    source.cancel();
    try {
      await session.server.wait(pending, `an answer to the cancelled ${what}`);
      return 'result';
    } catch (error) {
      if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled) return 'cancelled';
      throw error;
    } finally {
      source.dispose();
    }
  }

  it('answers every request cancelled at once, then still serves the document', async () => {
    const doc = { textDocument: { uri: ESSAY_URI } };
    const c = session.connection;
    const outcomes = [
      await cancelledAtOnce((t) => c.sendRequest(DocumentDiagnosticRequest.type, doc, t), 'diagnostics'),
      await cancelledAtOnce((t) => c.sendRequest(CompletionRequest.type, { ...doc, position: pos(4, 284) }, t), 'completion'),
      await cancelledAtOnce((t) => c.sendRequest(HoverRequest.type, { ...doc, position: pos(4, 285) }, t), 'hover'),
      await cancelledAtOnce((t) => c.sendRequest(CodeActionRequest.type, { ...doc, range: range(0, 0, 64, 0), context: { diagnostics: [] } }, t), 'code actions'),
      await cancelledAtOnce((t) => c.sendRequest(DefinitionRequest.type, { ...doc, position: pos(4, 285) }, t), 'definition'),
      await cancelledAtOnce((t) => c.sendRequest(ReferencesRequest.type, { ...doc, position: pos(62, 4), context: { includeDeclaration: true } }, t), 'references'),
      await cancelledAtOnce((t) => c.sendRequest(RenameRequest.type, { ...doc, position: pos(4, 285), newName: 'X' }, t), 'rename'),
      await cancelledAtOnce((t) => c.sendRequest(DocumentSymbolRequest.type, doc, t), 'documentSymbol'),
    ];
    assert.equal(outcomes.length, 8);
    // Several cancelled requests in flight at once, too.
    const sources = [1, 2, 3].map(() => new CancellationTokenSource());
    const pending = sources.map((s) => c.sendRequest(DocumentDiagnosticRequest.type, doc, s.token).then(() => 'result', (e: unknown) => {
      if (e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled) return 'cancelled';
      throw e;
    }));
    for (const s of sources) s.cancel();
    const together = await session.server.wait(Promise.all(pending), 'answers to three cancelled diagnostic pulls');
    assert.ok(together.every((o) => o === 'result' || o === 'cancelled'));
    for (const s of sources) s.dispose();

    assert.deepEqual(summary(await session.diagnostics(ESSAY_URI)), ESSAY_FINDINGS);
  });

  it('ignores a cancellation for a request it has already answered or never saw', async () => {
    await session.connection.sendNotification('$/cancelRequest', { id: 987654 });
    assert.deepEqual(summary(await session.diagnostics(ESSAY_URI)), ESSAY_FINDINGS);
  });

  it('exits cleanly', async () => {
    assert.equal(await session.shutdownAndExit(), 0);
    session.assertCleanTranscript();
  });
});
