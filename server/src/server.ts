// LSP wiring only: capabilities, settings, and handlers that call the language service.
import {
  CodeActionKind, LSPErrorCodes, ResponseError, TextDocumentSyncKind, TextDocuments,
  type CancellationToken, type Connection, type DocumentDiagnosticReport, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expandBibliographySetting, folderFor, isInside } from './bibliographySetting';
import { FileWorkspace } from './fileWorkspace';
import { CancelledError, createCitationService, DEFAULT_SETTINGS, readSettings, type CitationWorkspace, type CitewrightSettings } from './service';
import { FIX_ALL_KIND } from './service/features/codeActions';
import { REQUESTS, SERVER_COMMANDS, type DocumentPosition, type InsertableCitationItem, type Statistics, type TextEdit, type WorkspaceCheck } from './protocol';

/** Where a path inside the workspace really leads: a link to a file outside it is outside. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** What the client tells the server at start (`initializationOptions`). */
interface InitializationOptions {
  /** False in an untrusted workspace: nothing outside the workspace folders is read, path settings are ignored. */
  readonly workspaceTrusted?: boolean;
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const settingsByUri = new Map<string, CitewrightSettings>();
  let canPullConfiguration = false;
  let folders: string[] = [];
  let trusted = true;

  const files = new FileWorkspace({ mayRead: (path) => trusted || (isInside(path, folders) && isInside(realPath(path), folders)), documentFolders: () => folders });
  // Open editors win over the disk: a .bib being edited is read as it stands in the editor.
  const workspace: CitationWorkspace = {
    readFile: (uri) => {
      const open = documents.get(uri);
      return open ? { text: open.getText(), version: `editor:${open.version}` } : files.readFile(uri);
    },
    listFolder: (uri) => files.listFolder(uri),
    listDocuments: () => [...new Set([...documents.keys(), ...files.listDocuments()])],
  };

  const service = createCitationService({
    config: { get: (uri) => settingsByUri.get(uri) ?? DEFAULT_SETTINGS },
    workspace,
    styleFolders: [join(homedir(), 'Zotero', 'styles'), '/usr/share/citation-style-language/styles'].map((f) => `${pathToFileURL(f).href}/`),
    logger: { log: (m) => connection.console.log(m) },
  });

  /** Reads the `citewright` settings for a document from the client, once per document until they change. */
  async function loadSettings(uri: string): Promise<void> {
    if (!canPullConfiguration || settingsByUri.has(uri)) return;
    const raw: unknown = await connection.workspace.getConfiguration({ scopeUri: uri, section: 'citewright' });
    const settings = readSettings(raw, (m) => connection.console.warn(m));
    settingsByUri.set(uri, { ...settings, bibliographies: trusted ? expandBibliographySetting(settings.bibliographies, folderFor(uri, folders)) : [] });
  }

  /** Runs a request against an open document; a cancelled request answers as LSP says it should. */
  async function withDocument<T>(uri: string, token: CancellationToken, fallback: T, handler: (doc: TextDocument) => T): Promise<T> {
    const document = documents.get(uri);
    if (!document) return fallback;
    await loadSettings(uri);
    try {
      return handler(document);
    } catch (error) {
      if (error instanceof CancelledError || token.isCancellationRequested) {
        throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      }
      throw error;
    }
  }

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    trusted = (params.initializationOptions as InitializationOptions | undefined)?.workspaceTrusted !== false;
    folders = (params.workspaceFolders ?? []).map((f) => fileURLToPath(f.uri));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
        completionProvider: { triggerCharacters: ['(', ';', '@', '{', ','], resolveProvider: true },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'citewright' },
    };
  });

  connection.onDidChangeConfiguration(() => {
    settingsByUri.clear();
    void connection.languages.diagnostics.refresh();
  });

  // A bibliography changed on disk (Zotero's auto-export rewrites it in place): every open document re-checks.
  connection.onDidChangeWatchedFiles(() => {
    void connection.languages.diagnostics.refresh();
  });

  documents.onDidClose((event) => {
    service.forget(event.document.uri);
    settingsByUri.delete(event.document.uri);
  });

  connection.languages.diagnostics.on((params, token) =>
    withDocument<DocumentDiagnosticReport>(params.textDocument.uri, token, { kind: 'full', items: [] }, (doc) => ({
      kind: 'full',
      items: service.getDiagnostics(doc, token),
    })),
  );
  connection.onCompletion((params, token) =>
    withDocument(params.textDocument.uri, token, null, (doc) => service.getCompletions(doc, params.position, token)));
  connection.onCompletionResolve((item, token) => {
    try {
      return service.resolveCompletion(item, token);
    } catch (error) {
      if (error instanceof CancelledError) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      throw error;
    }
  });
  connection.onHover((params, token) =>
    withDocument(params.textDocument.uri, token, null, (doc) => service.getHover(doc, params.position, token)));
  connection.onDefinition((params, token) =>
    withDocument(params.textDocument.uri, token, [], (doc) => service.getDefinition(doc, params.position, token)));
  connection.onReferences((params, token) =>
    withDocument(params.textDocument.uri, token, [], (doc) => service.getReferences(doc, params.position, params.context.includeDeclaration, token)));
  connection.onPrepareRename((params, token) =>
    withDocument(params.textDocument.uri, token, null, (doc) => service.prepareRename(doc, params.position, token)));
  connection.onRenameRequest((params, token) =>
    withDocument(params.textDocument.uri, token, null, (doc) => service.getRenameEdits(doc, params.position, params.newName, token)));
  connection.onDocumentSymbol((params, token) =>
    withDocument(params.textDocument.uri, token, [], (doc) => service.getDocumentSymbols(doc, token)));
  connection.onCodeAction((params, token) =>
    withDocument(params.textDocument.uri, token, [], (doc) => service.getCodeActions(doc, params.range, params.context.only, token)));

  connection.onCodeLens((params, token) =>
    withDocument(params.textDocument.uri, token, [], (doc) => service.getCodeLenses(doc, token)));
  connection.onRequest(REQUESTS.statistics, (params: { uri: string }, token) =>
    withDocument<Statistics | null>(params.uri, token, null, (doc) => service.getStatistics(doc, token)));
  connection.onRequest(REQUESTS.insertableCitations, (params: DocumentPosition, token) =>
    withDocument<InsertableCitationItem[]>(params.uri, token, [], (doc) => service.getInsertableCitations(doc, params.position, token)));
  connection.onRequest(REQUESTS.insertCitationEdits, (params: DocumentPosition & { entryId: string }, token) =>
    withDocument<TextEdit[]>(params.uri, token, [], (doc) => service.getInsertCitationEdits(doc, params.position, params.entryId, token)));
  connection.onRequest(REQUESTS.checkWorkspace, (): WorkspaceCheck[] => service.checkWorkspace());

  // Commands take the document URI as their one argument and apply their edit through the client.
  connection.onExecuteCommand(async (params, token) => {
    const uri = params.arguments?.[0];
    if (typeof uri !== 'string') return { applied: false, reason: 'no document given' };
    const edits = await withDocument(uri, token, [], (doc) => {
      if (params.command === SERVER_COMMANDS.generateReferenceList) {
        const edit = service.getGeneratedReferenceList(doc, token);
        return edit ? [edit] : [];
      }
      if (params.command === SERVER_COMMANDS.sortReferenceList) return service.getSortEdits(doc, token);
      return [];
    });
    if (edits.length === 0) return { applied: false, reason: 'nothing to change' };
    const result = await connection.workspace.applyEdit({ label: params.command, edit: { changes: { [uri]: edits } } });
    return { applied: result.applied, reason: result.failureReason ?? null };
  });

  documents.listen(connection);
  connection.listen();
}
