// The VS Code side, kept thin: starts the language server, and adds the commands, the status bar item and
// the workspace check that the protocol has no place for. All citation logic lives in the server.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  REQUESTS, SERVER_COMMANDS, SHOW_CITATIONS_COMMAND,
  type InsertableCitationItem, type Statistics, type TextEdit, type WorkspaceCheck,
} from '../../server/src/protocol';

export const DOCUMENT_LANGUAGES = ['markdown', 'plaintext', 'quarto', 'rmd', 'latex', 'bibtex'];

let client: LanguageClient | undefined;

/**
 * What `activate` returns when VS Code runs the extension for its tests (`ExtensionMode.Test`), and only then:
 * the process id of the language server the client is connected to, so that the extension-host suite can kill
 * the server and watch the client start a new one (test/vscode/suite/restart.test.ts). `undefined` while no
 * server process runs (between a crash and the restart).
 */
export interface TestApi {
  serverProcessId(): number | undefined;
}

/** The server next to the bundled extension (`dist/server.js`), or the compiled one in a development checkout. */
function serverModule(context: vscode.ExtensionContext): string {
  const bundled = join(__dirname, 'server.js');
  return existsSync(bundled) ? bundled : context.asAbsolutePath(join('out', 'server', 'src', 'main.js'));
}

function servedEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor && DOCUMENT_LANGUAGES.includes(editor.document.languageId) ? editor : undefined;
}

async function applyEdits(document: vscode.TextDocument, edits: readonly TextEdit[]): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(document.uri, client!.protocol2CodeConverter.asRange(e.range), e.newText);
  return vscode.workspace.applyEdit(edit);
}

/** "Insert Citation": a quick pick over the reference list and the library, fuzzy on author, year and title. */
async function insertCitation(): Promise<void> {
  const editor = servedEditor();
  if (!editor || !client) return;
  const at = { uri: editor.document.uri.toString(), position: client.code2ProtocolConverter.asPosition(editor.selection.active) };
  const items = await client.sendRequest<InsertableCitationItem[]>(REQUESTS.insertableCitations, at);
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No reference list or bibliography to cite from.'));
    return;
  }
  const picked = await vscode.window.showQuickPick(
    items.map((item) => ({ label: item.label, description: item.description, detail: item.detail, entryId: item.entryId })),
    { matchOnDescription: true, matchOnDetail: true, placeHolder: vscode.l10n.t('Cite a work: type an author, a year or title words') },
  );
  if (!picked) return;
  const edits = await client.sendRequest<TextEdit[]>(REQUESTS.insertCitationEdits, { ...at, entryId: picked.entryId });
  await applyEdits(editor.document, edits);
}

/** Runs a server command on the active document; the server applies the edit. */
async function onActiveDocument(command: string): Promise<void> {
  const editor = servedEditor();
  if (!editor) return;
  const result = await vscode.commands.executeCommand<{ applied: boolean; reason: string | null }>(command, editor.document.uri.toString());
  if (result && !result.applied && result.reason) void vscode.window.showInformationMessage(vscode.l10n.t('Citewright: {0}', result.reason));
}

/** Checks every document of the workspace; documents that are not open get their problems in a collection of their own. */
async function checkWorkspace(collection: vscode.DiagnosticCollection): Promise<void> {
  if (!client) return;
  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Citewright: checking the workspace') },
    () => client!.sendRequest<WorkspaceCheck[]>(REQUESTS.checkWorkspace, {}),
  );
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  collection.clear();
  let problems = 0;
  for (const { uri, diagnostics } of results) {
    problems += diagnostics.length;
    if (!open.has(uri)) collection.set(vscode.Uri.parse(uri), await client.protocol2CodeConverter.asDiagnostics(diagnostics));
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Citewright checked {0} documents: {1} findings.', results.length, problems));
  await vscode.commands.executeCommand('workbench.actions.view.problems');
}

/** "12 citations · 2 problems" for the active document; a click opens the Problems panel. */
function statusBar(context: vscode.ExtensionContext): void {
  const item = vscode.window.createStatusBarItem('citewright.status', vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('Citewright');
  item.command = 'workbench.actions.view.problems';
  context.subscriptions.push(item);
  let generation = 0;
  const update = async () => {
    const editor = servedEditor();
    const mine = ++generation;
    if (!editor || !client || editor.document.languageId === 'bibtex') {
      item.hide();
      return;
    }
    let stats: Statistics | null;
    try {
      stats = await client.sendRequest<Statistics | null>(REQUESTS.statistics, { uri: editor.document.uri.toString() });
    } catch {
      // The server died with the request pending (the client restarts it, and the diagnostics the new server
      // publishes update the item again), or the client gave up restarting it: no stale count either way.
      if (mine === generation) item.hide();
      return;
    }
    if (mine !== generation || !stats) return;
    const citations = stats.citations === 1 ? vscode.l10n.t('1 citation') : vscode.l10n.t('{0} citations', stats.citations);
    const problems = stats.problems === 1 ? vscode.l10n.t('1 problem') : vscode.l10n.t('{0} problems', stats.problems);
    item.text = `$(book) ${citations} · ${problems}`;
    item.tooltip = vscode.l10n.t('Citewright: open the Problems panel');
    item.show();
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
    vscode.languages.onDidChangeDiagnostics((event) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (event.uris.some((u) => u.toString() === active)) void update();
    }),
  );
  void update();
}

export async function activate(context: vscode.ExtensionContext): Promise<TestApi | undefined> {
  const module = serverModule(context);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    synchronize: {
      configurationSection: 'citewright',
      // Bibliography files rewritten on disk (Zotero's auto-export) re-check the open documents.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{bib,json,yaml,yml,ris}'),
    },
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted },
    outputChannelName: 'Citewright',
  };
  client = new LanguageClient('citewright', 'Citewright', serverOptions, clientOptions);
  const workspaceProblems = vscode.languages.createDiagnosticCollection('citewright-workspace');
  context.subscriptions.push(
    client,
    workspaceProblems,
    vscode.commands.registerCommand('citewright.insertCitation', insertCitation),
    vscode.commands.registerCommand('citewright.generateReferenceList', () => onActiveDocument(SERVER_COMMANDS.generateReferenceList)),
    vscode.commands.registerCommand('citewright.sortReferenceList', () => onActiveDocument(SERVER_COMMANDS.sortReferenceList)),
    vscode.commands.registerCommand('citewright.checkWorkspace', () => checkWorkspace(workspaceProblems)),
    vscode.commands.registerCommand(SHOW_CITATIONS_COMMAND, (uri: string, position: { line: number; character: number }) =>
      vscode.commands.executeCommand('editor.action.findReferences', vscode.Uri.parse(uri), new vscode.Position(position.line, position.character))),
  );
  await client.start();
  statusBar(context);
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return { serverProcessId: () => client?.serverProcess?.pid };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
