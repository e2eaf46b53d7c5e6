// The language service: pure and editor-independent. Hosts (the LSP server, the CLI) pass documents and
// settings in and get plain LSP-shaped results back. No vscode, no connection, no fs, no net.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction, CompletionList, Diagnostic, DocumentSymbol, Hover, Location, Position, Range, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-types';
import { analyseDocument, type Analysis } from './analysis';
import { NEVER_CANCELLED, throwIfCancelled, type Cancellation } from './cancellation';
import { getCodeActions } from './features/codeActions';
import { getCompletions } from './features/completion';
import { getDiagnostics } from './features/diagnostics';
import { getDocumentSymbols } from './features/documentSymbols';
import { getFixAllEdits } from './features/fixAll';
import { getHover } from './features/hover';
import { getDefinition, getReferences } from './features/navigation';
import { getRenameEdits, prepareRename } from './features/rename';
import type { CitewrightSettings } from './settings';

export interface Logger {
  log(message: string): void;
}

export interface CitationServiceOptions {
  /** The settings that apply to a document. */
  readonly config: { get(uri: string): CitewrightSettings };
  readonly logger?: Logger;
}

export interface CitationService {
  /** The analysis of this document version (cached until the version changes). */
  analyse(document: TextDocument): Analysis;
  getDiagnostics(document: TextDocument, token?: Cancellation): Diagnostic[];
  getCompletions(document: TextDocument, position: Position, token?: Cancellation): CompletionList | null;
  getHover(document: TextDocument, position: Position, token?: Cancellation): Hover | null;
  getDefinition(document: TextDocument, position: Position, token?: Cancellation): Location[];
  getReferences(document: TextDocument, position: Position, includeDeclaration: boolean, token?: Cancellation): Location[];
  prepareRename(document: TextDocument, position: Position, token?: Cancellation): { range: Range; placeholder: string } | null;
  getRenameEdits(document: TextDocument, position: Position, newName: string, token?: Cancellation): WorkspaceEdit | null;
  getDocumentSymbols(document: TextDocument, token?: Cancellation): DocumentSymbol[];
  getCodeActions(document: TextDocument, range: Range, only?: readonly string[], token?: Cancellation): CodeAction[];
  getFixAllEdits(document: TextDocument, token?: Cancellation): TextEdit[];
  /** Drops what is cached for a closed document. */
  forget(uri: string): void;
}

export function createCitationService(options: CitationServiceOptions): CitationService {
  const cache = new Map<string, Analysis>();

  function analyse(document: TextDocument): Analysis {
    const cached = cache.get(document.uri);
    const text = document.getText();
    if (cached && cached.document.version === document.version && cached.document.getText() === text) return cached;
    // Hosts update documents in place (LSP's TextDocuments does): analyse an immutable snapshot.
    const analysis = analyseDocument(TextDocument.create(document.uri, document.languageId, document.version, text));
    cache.set(document.uri, analysis);
    return analysis;
  }

  /** Runs a feature on the current analysis, checking for cancellation before and after the work. */
  function run<T>(document: TextDocument, token: Cancellation, feature: (analysis: Analysis) => T): T {
    throwIfCancelled(token);
    const analysis = analyse(document);
    throwIfCancelled(token);
    return feature(analysis);
  }

  const settings = (document: TextDocument) => options.config.get(document.uri);

  return Object.freeze({
    analyse,
    getDiagnostics: (doc, token = NEVER_CANCELLED) => run(doc, token, (a) => getDiagnostics(a, settings(doc))),
    getCompletions: (doc, pos, token = NEVER_CANCELLED) => run(doc, token, (a) => getCompletions(a, pos)),
    getHover: (doc, pos, token = NEVER_CANCELLED) => run(doc, token, (a) => getHover(a, pos)),
    getDefinition: (doc, pos, token = NEVER_CANCELLED) => run(doc, token, (a) => getDefinition(a, pos)),
    getReferences: (doc, pos, includeDeclaration, token = NEVER_CANCELLED) => run(doc, token, (a) => getReferences(a, pos, includeDeclaration)),
    prepareRename: (doc, pos, token = NEVER_CANCELLED) => run(doc, token, (a) => prepareRename(a, pos)),
    getRenameEdits: (doc, pos, newName, token = NEVER_CANCELLED) => run(doc, token, (a) => getRenameEdits(a, pos, newName)),
    getDocumentSymbols: (doc, token = NEVER_CANCELLED) => run(doc, token, (a) => getDocumentSymbols(a)),
    getCodeActions: (doc, range, only, token = NEVER_CANCELLED) => run(doc, token, (a) => getCodeActions(a, range, settings(doc), only)),
    getFixAllEdits: (doc, token = NEVER_CANCELLED) => run(doc, token, () => getFixAllEdits(doc, settings(doc))),
    forget: (uri) => { cache.delete(uri); },
  } satisfies CitationService);
}

export type { Analysis } from './analysis';
export type { CitewrightSettings } from './settings';
export { DEFAULT_SETTINGS, readSettings } from './settings';
export type { Cancellation } from './cancellation';
export { CancelledError } from './cancellation';
