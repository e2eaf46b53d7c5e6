// LSP wiring only: capabilities, settings, and handlers that call the language service.
import {
  CodeActionKind, LSPErrorCodes, ResponseError, TextDocumentSyncKind, TextDocuments,
  type CancellationToken, type Connection, type Diagnostic, type DocumentDiagnosticReport, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expandBibliographySetting, folderFor, isInside } from './bibliographySetting';
import { FileWorkspace } from './fileWorkspace';
import { IdlePreparation } from './idlePreparation';
import { CancelledError, createCitationService, DEFAULT_SETTINGS, readSettings, type CitationWorkspace, type CitewrightSettings, type RuleCode } from './service';
import { FIX_ALL_KIND } from './service/features/codeActions';
import { severityOf, toDiagnostic } from './service/features/diagnostics';
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

/** The rule whose findings a closed bibliography file gets pushed: its entries that cannot be read. */
const UNREADABLE_ENTRIES: ReadonlySet<RuleCode> = new Set(['bibliography-syntax']);

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const settingsByUri = new Map<string, CitewrightSettings>();
  let canPullConfiguration = false;
  let canRefreshDiagnostics = false;
  let folders: string[] = [];
  /** The workspace folders with symbolic links followed, for comparing with where a file really leads. */
  let realFolders: string[] = [];
  let trusted = true;
  /** Whether the output already says that path settings are ignored (once per session, not per document). */
  let warnedOfIgnoredPaths = false;

  /** Why a path is not read: in an untrusted workspace, anything outside the workspace folders, as named or as it really leads. */
  function refusal(path: string): string | undefined {
    if (trusted) return undefined;
    // As named first: a path outside is refused without touching it (not even to follow links).
    if (!isInside(path, [...folders, ...realFolders])) return 'the workspace is not trusted and the file is outside the workspace folders';
    if (!isInside(realPath(path), realFolders)) return 'the workspace is not trusted and the file is a link to a file outside the workspace folders';
    return undefined;
  }

  const files = new FileWorkspace({ refusal, documentFolders: () => folders });
  // Open editors win over the disk: a .bib being edited is read as it stands in the editor.
  const workspace: CitationWorkspace = {
    readFile: (uri) => {
      const open = documents.get(uri);
      return open ? { text: open.getText(), version: `editor:${open.version}` } : files.readFile(uri);
    },
    refusal: (uri) => (documents.get(uri) ? undefined : files.refusal(uri)),
    listFolder: (uri) => files.listFolder(uri),
    listDocuments: () => [...new Set([...documents.keys(), ...files.listDocuments()])],
  };

  const service = createCitationService({
    config: { get: (uri) => settingsByUri.get(uri) ?? DEFAULT_SETTINGS },
    workspace,
    styleFolders: [join(homedir(), 'Zotero', 'styles'), '/usr/share/citation-style-language/styles'].map((f) => `${pathToFileURL(f).href}/`),
    logger: { log: (m) => connection.console.log(m) },
  });

  // Idle time makes the search texts of open documents' bibliographies and formats the works they cite, so that
  // completion and hover find them ready.
  const preparation = new IdlePreparation(
    (uri, more) => {
      const document = documents.get(uri);
      return document === undefined || service.prepareAhead(document, more);
    },
    (uri, error) => connection.console.warn(`citewright: could not prepare completion and hovers for ${uri}: ${error instanceof Error ? error.message : String(error)}`),
  );
  connection.onShutdown(() => preparation.stop());

  /** Reads the `citewright` settings for a document from the client, once per document until they change. */
  async function loadSettings(uri: string): Promise<void> {
    if (!canPullConfiguration || settingsByUri.has(uri)) return;
    const raw: unknown = await connection.workspace.getConfiguration({ scopeUri: uri, section: 'citewright' });
    const settings = readSettings(raw, (m) => connection.console.warn(m));
    if (!trusted && settings.bibliographies.length > 0 && !warnedOfIgnoredPaths) {
      warnedOfIgnoredPaths = true;
      connection.console.warn('citewright: the citewright.bibliographies setting is ignored: the workspace is not trusted');
    }
    settingsByUri.set(uri, { ...settings, bibliographies: trusted ? expandBibliographySetting(settings.bibliographies, folderFor(uri, folders)) : [] });
  }

  /** Asks the client to pull the diagnostics of the open documents again, if it can. */
  function refreshDiagnostics(): void {
    if (!canRefreshDiagnostics) return;
    connection.languages.diagnostics.refresh().catch((error: unknown) => {
      connection.console.warn(`citewright: the client did not refresh diagnostics: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  // VS Code pulls diagnostics only for open documents. The entries that cannot be read in a bibliography file that no
  // editor shows (an auto-export caught half-written) are pushed for that file, and cleared when they are gone, the
  // file is opened (its pulled diagnostics show them) or no open document uses it any more.
  /** Closed bibliography files with pushed diagnostics: the file version they are for, and whether there were any. */
  const pushedBibliographies = new Map<string, { version: string | null; shown: boolean }>();
  /** Open document -> the closed bibliography files it uses. */
  const bibliographiesOf = new Map<string, readonly string[]>();

  function pushBibliographyDiagnostics(uri: string, diagnostics: Diagnostic[]): void {
    connection.sendDiagnostics({ uri, diagnostics }).catch(() => undefined);
  }

  function publishBibliographyProblems(document: TextDocument): void {
    const used: string[] = [];
    if (!service.isBibliography(document)) {
      const settings = settingsByUri.get(document.uri) ?? DEFAULT_SETTINGS;
      for (const { source, library } of service.analyse(document).bibliographies) {
        if (documents.get(source.uri)) continue;
        used.push(source.uri);
        const version = library?.version ?? null;
        const pushed = pushedBibliographies.get(source.uri);
        if (pushed?.version === version) continue;
        // Only the entries that cannot be read: the other rules (duplicates, unused entries) read every entry of the
        // file, over a second for 50,000, and their findings show when the file is opened.
        const diagnostics = library === null ? [] : service.getBibliographyFindings(source.uri, undefined, UNREADABLE_ENTRIES).flatMap((finding) => {
          const severity = severityOf(finding, settings);
          return severity ? [toDiagnostic(finding, severity)] : [];
        });
        if (diagnostics.length > 0 || pushed?.shown) pushBibliographyDiagnostics(source.uri, diagnostics);
        pushedBibliographies.set(source.uri, { version, shown: diagnostics.length > 0 });
      }
    }
    bibliographiesOf.set(document.uri, used);
    clearUnusedBibliographies();
  }

  function clearUnusedBibliographies(): void {
    const used = new Set([...bibliographiesOf.values()].flat());
    for (const [uri, pushed] of pushedBibliographies) {
      if (used.has(uri)) continue;
      pushedBibliographies.delete(uri);
      if (pushed.shown) pushBibliographyDiagnostics(uri, []);
    }
  }

  /** Runs a request against an open document; a cancelled request answers as LSP says it should. */
  async function withDocument<T>(uri: string, token: CancellationToken, fallback: T, handler: (doc: TextDocument) => T): Promise<T> {
    const document = documents.get(uri);
    if (!document) return fallback;
    preparation.busy();
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
    canRefreshDiagnostics = params.capabilities.workspace?.diagnostics?.refreshSupport === true;
    trusted = (params.initializationOptions as InitializationOptions | undefined)?.workspaceTrusted !== false;
    folders = (params.workspaceFolders ?? []).map((f) => fileURLToPath(f.uri));
    // A folder opened through a symbolic link: the files in it really lead into its real path.
    realFolders = folders.map(realPath);
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
    refreshDiagnostics();
  });

  // A bibliography changed on disk (Zotero's auto-export rewrites it in place): it is read again, even if its size
  // and modification time look unchanged, and every open document re-checks.
  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) files.changed(change.uri);
    refreshDiagnostics();
  });

  documents.onDidOpen((event) => {
    const pushed = pushedBibliographies.get(event.document.uri);
    if (!pushed) return;
    pushedBibliographies.delete(event.document.uri);
    if (pushed.shown) pushBibliographyDiagnostics(event.document.uri, []);
  });

  documents.onDidClose((event) => {
    service.forget(event.document.uri);
    preparation.forget(event.document.uri);
    settingsByUri.delete(event.document.uri);
    bibliographiesOf.delete(event.document.uri);
    clearUnusedBibliographies();
  });

  connection.languages.diagnostics.on((params, token) =>
    withDocument<DocumentDiagnosticReport>(params.textDocument.uri, token, { kind: 'full', items: [] }, (doc) => {
      const items = service.getDiagnostics(doc, token);
      publishBibliographyProblems(doc);
      preparation.schedule(doc.uri);
      return { kind: 'full', items };
    }),
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
