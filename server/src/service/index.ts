// The language service: pure and editor-independent. Hosts (the LSP server, the CLI) pass documents and
// settings in and get plain LSP-shaped results back. No vscode, no connection, no fs, no net.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction, CodeLens, CompletionItem, CompletionList, Diagnostic, DocumentSymbol, Hover, Location, Position, Range, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-types';
import { analyseDocument, type Analysis, type LoadedBibliography } from './analysis';
import { findBibliographies } from './bibliography/discovery';
import { LibraryCache } from './bibliography/library';
import { DocumentSnapshot } from './documentSnapshot';
import { buildDocumentModel, createModelCaches, type ModelCaches } from './documentModel';
import type { DocumentModel } from './model';
import { NEVER_CANCELLED, throwIfCancelled, type Cancellation } from './cancellation';
import { getCodeActions } from './features/codeActions';
import { getCompletions } from './features/completion';
import { resolveCompletionItem } from './features/completionResolve';
import { getKeyCompletions } from './features/keyCompletion';
import { generateReferenceList } from './features/referenceListGeneration';
import { getCodeLenses } from './features/codeLens';
import { getInsertableCitations, getInsertCitationEdits, type InsertableCitation } from './features/insertCitation';
import { citedInSummary, keyReferences, keyRenameEdit, keyTargetInBibliography, keyTargetInDocument, type KeyTarget } from './features/workspaceKeys';
import { baseName } from './bibliography/uris';
import { resolveStyle, type ResolvedStyle } from './bibliography/styleResolution';
import { bibliographyFindings, findingsOf, getDiagnostics, severityOf, toDiagnostic } from './features/diagnostics';
import type { Finding, RuleCode } from './rules/rule';
import { getDocumentSymbols } from './features/documentSymbols';
import { getFixAllEdits } from './features/fixAll';
import { getHover, prepareHovers } from './features/hover';
import { getDefinition, getReferences } from './features/navigation';
import { getRenameEdits, prepareRename } from './features/rename';
import type { CitewrightSettings } from './settings';
import { EMPTY_WORKSPACE, type CitationWorkspace, type FileSnapshot } from './workspace';

export interface Logger {
  log(message: string): void;
}

export interface CitationServiceOptions {
  /** The settings that apply to a document. */
  readonly config: { get(uri: string): CitewrightSettings };
  /** Where bibliography files are read from; without one, documents are checked against themselves. */
  readonly workspace?: CitationWorkspace;
  /** Folders (URIs ending in `/`) where named CSL styles are looked for: the Zotero styles folder, Debian's styles. */
  readonly styleFolders?: readonly string[];
  readonly logger?: Logger;
}

export interface CitationService {
  /** The analysis of this document version (cached until the version changes). */
  analyse(document: TextDocument): Analysis;
  getDiagnostics(document: TextDocument, token?: Cancellation): Diagnostic[];
  getCompletions(document: TextDocument, position: Position, token?: Cancellation): CompletionList | null;
  /** Fills in a completion item's documentation and, for a library work, the new reference-list entry. */
  resolveCompletion(item: CompletionItem, token?: Cancellation): CompletionItem;
  getHover(document: TextDocument, position: Position, token?: Cancellation): Hover | null;
  /**
   * Work a request would otherwise wait for, done a step at a time while `more()` allows, for a host to call
   * when idle: the search texts of the document's bibliography files (a 50,000-entry library takes about a
   * second), then the cited entries formatted as hovers show them. True when all of it is ready.
   */
  prepareAhead(document: TextDocument, more: () => boolean): boolean;
  getDefinition(document: TextDocument, position: Position, token?: Cancellation): Location[];
  getReferences(document: TextDocument, position: Position, includeDeclaration: boolean, token?: Cancellation): Location[];
  prepareRename(document: TextDocument, position: Position, token?: Cancellation): { range: Range; placeholder: string } | null;
  getRenameEdits(document: TextDocument, position: Position, newName: string, token?: Cancellation): WorkspaceEdit | null;
  getDocumentSymbols(document: TextDocument, token?: Cancellation): DocumentSymbol[];
  getCodeActions(document: TextDocument, range: Range, only?: readonly string[], token?: Cancellation): CodeAction[];
  getFixAllEdits(document: TextDocument, token?: Cancellation): TextEdit[];
  /**
   * Findings in a bibliography file: entries that cannot be read, duplicates, and entries that none of the
   * analysed documents using the file cites. `snapshot` is the file's text when it is open in an editor;
   * `codes`, when given, the rules to run (the others are not run at all).
   */
  getBibliographyFindings(uri: string, snapshot?: FileSnapshot, codes?: ReadonlySet<RuleCode>): Finding[];
  /** Whether a document is a bibliography file (a .bib or .ris, or a file an analysed document uses as one). */
  isBibliography(document: TextDocument): boolean;
  /** The edit that writes or updates the document's reference list from the works it cites, or null. */
  getGeneratedReferenceList(document: TextDocument, token?: Cancellation): TextEdit | null;
  /** The edits that sort the document's reference lists (none when they are in order). */
  getSortEdits(document: TextDocument, token?: Cancellation): TextEdit[];
  getCodeLenses(document: TextDocument, token?: Cancellation): CodeLens[];
  /** How many citations the document has and how many problems it shows (for the status bar). */
  getStatistics(document: TextDocument, token?: Cancellation): { citations: number; problems: number };
  /** Works that can be cited at a position (for "Insert Citation"). */
  getInsertableCitations(document: TextDocument, position: Position, token?: Cancellation): InsertableCitation[];
  getInsertCitationEdits(document: TextDocument, position: Position, entryId: string, token?: Cancellation): TextEdit[];
  /** Diagnostics of every document of the workspace (open ones as they stand). */
  checkWorkspace(token?: Cancellation): Array<{ uri: string; diagnostics: Diagnostic[] }>;
  /** Drops what is cached for a closed document. */
  forget(uri: string): void;
}

/** What a document over the size limit shows instead of findings. */
function sizeNotice(length: number, limit: number): Diagnostic {
  const start = { line: 0, character: 0 };
  return {
    range: { start, end: start },
    severity: 3,
    source: 'citewright',
    message: `This document has ${(length / 1024 / 1024).toFixed(1)} MB of text, more than citewright.maxFileSize (${limit} MB): Citewright does not check it`,
  };
}

export function createCitationService(options: CitationServiceOptions): CitationService {
  const workspace = options.workspace ?? EMPTY_WORKSPACE;
  const models = new Map<string, { snapshot: DocumentSnapshot; model: DocumentModel; caches: ModelCaches }>();
  const analyses = new Map<string, { key: string; analysis: Analysis }>();
  const libraries = new LibraryCache();

  /** Whether a document is over the size limit: it is then checked as if it were empty, and says why. */
  function tooLarge(document: TextDocument): boolean {
    return document.getText().length > options.config.get(document.uri).maxFileSize * 1024 * 1024;
  }

  /** The model of this document version; hosts update documents in place (LSP's TextDocuments does), so it is built from an immutable snapshot. */
  function modelOf(document: TextDocument): { snapshot: DocumentSnapshot; model: DocumentModel; caches: ModelCaches } {
    const cached = models.get(document.uri);
    const text = document.getText();
    if (cached && cached.snapshot.version === document.version && cached.snapshot.getText() === text) return cached;
    const snapshot = cached
      ? DocumentSnapshot.after(cached.snapshot, document.languageId, document.version, text)
      : DocumentSnapshot.create(document.uri, document.languageId, document.version, text);
    const checked = tooLarge(snapshot) ? DocumentSnapshot.create(document.uri, document.languageId, document.version, '') : snapshot;
    // The paragraph caches carry over from the previous version: only changed paragraphs are scanned again.
    const caches = cached?.caches ?? createModelCaches();
    const built = { snapshot, model: buildDocumentModel(checked, caches), caches };
    models.set(document.uri, built);
    return built;
  }

  function loadBibliographies(model: DocumentModel, settings: CitewrightSettings): LoadedBibliography[] {
    const readLinks = (uri: string, text: string) => buildDocumentModel(TextDocument.create(uri, 'latex', 0, text)).bibliographyLinks;
    return findBibliographies(model, settings, workspace, readLinks).map((source) => {
      const file = workspace.readFile(source.uri);
      if (file) return { source, library: libraries.get(source.uri, file) };
      const refusal = workspace.refusal?.(source.uri);
      return refusal === undefined ? { source, library: null } : { source, library: null, refusal };
    });
  }

  function analyse(document: TextDocument): Analysis {
    const { snapshot, model } = modelOf(document);
    const bibliographies = loadBibliographies(model, options.config.get(document.uri));
    // The analysis holds while neither the document nor any of its bibliographies changes.
    const key = `${document.version}\u0000${bibliographies.map((b) => `${b.source.uri}@${b.library?.version ?? '-'}`).join('\u0000')}`;
    const cached = analyses.get(document.uri);
    if (cached && cached.key === key && cached.analysis.model === model) return cached.analysis;
    const analysis = analyseDocument(snapshot, model, bibliographies, cached?.analysis.resolutions);
    analyses.set(document.uri, { key, analysis });
    return analysis;
  }

  /** Runs a feature on the current analysis, checking for cancellation before and after the work. */
  function run<T>(document: TextDocument, token: Cancellation, feature: (analysis: Analysis) => T): T {
    throwIfCancelled(token);
    const analysis = analyse(document);
    throwIfCancelled(token);
    return feature(analysis);
  }

  /** An analysis of a text that is no open document's (fix-all's intermediate texts): not cached. */
  function analyseFresh(document: TextDocument): Analysis {
    const model = buildDocumentModel(document);
    return analyseDocument(document, model, loadBibliographies(model, options.config.get(document.uri)));
  }

  const settings = (document: TextDocument) => options.config.get(document.uri);
  const styles = new Map<string, ResolvedStyle>();

  /** The formatting style for a document, resolved once per setting value. */
  function styleFor(uri: string): ResolvedStyle {
    const setting = options.config.get(uri).style;
    const key = `${setting}\u0000${/\.csl$/i.test(setting) ? uri : ''}`;
    let style = styles.get(key);
    if (!style) {
      style = resolveStyle(setting, uri, workspace, options.styleFolders ?? []);
      styles.set(key, style);
    }
    return style;
  }

  function resolveCompletion(item: CompletionItem, token: Cancellation): CompletionItem {
    const data = item.data as { uri?: unknown; entry?: unknown; addToList?: unknown } | undefined;
    const cached = typeof data?.uri === 'string' ? analyses.get(data.uri)?.analysis : undefined;
    if (!cached || typeof data?.entry !== 'string') return item;
    throwIfCancelled(token);
    return resolveCompletionItem(cached, item, data.entry, typeof data.addToList === 'number' ? data.addToList : null, styleFor(cached.document.uri));
  }

  function usersOf(uri: string): Analysis[] {
    return [...analyses.values()].map((a) => a.analysis).filter((a) => a.bibliographies.some((b) => b.source.uri === uri));
  }

  function getBibliographyFindings(uri: string, snapshot?: FileSnapshot, codes?: ReadonlySet<RuleCode>): Finding[] {
    const file = snapshot ?? workspace.readFile(uri);
    if (!file) return [];
    // The users' analyses are brought up to date first: one made before the file changed would call its new entries unused.
    const users = usersOf(uri).map((user) => analyse(user.document));
    return bibliographyFindings({ library: libraries.get(uri, file), users }, options.config.get(uri), codes);
  }

  const fileAnalyses = new Map<string, { version: string; analysis: Analysis }>();
  const LANGUAGE_OF: Record<string, string> = { tex: 'latex', qmd: 'quarto', rmd: 'rmd' };

  /** Analyses of every document of the workspace: open ones as they stand, the others as read from disk. */
  function workspaceAnalyses(): Analysis[] {
    const found: Analysis[] = [];
    for (const uri of new Set([...analyses.keys(), ...workspace.listDocuments()])) {
      const open = analyses.get(uri);
      if (open) { found.push(open.analysis); continue; }
      const file = workspace.readFile(uri);
      if (!file) continue;
      const cached = fileAnalyses.get(uri);
      if (cached?.version === file.version) { found.push(cached.analysis); continue; }
      const extension = uri.slice(uri.lastIndexOf('.') + 1).toLowerCase();
      const analysis = analyseFresh(TextDocument.create(uri, LANGUAGE_OF[extension] ?? 'markdown', 0, file.text));
      fileAnalyses.set(uri, { version: file.version, analysis });
      found.push(analysis);
    }
    return found;
  }

  /** The key under the cursor, in a citation or in an open bibliography file. */
  function keyTarget(document: TextDocument, analysis: () => Analysis, position: Position): KeyTarget | null {
    if (isBibliography(document)) {
      return keyTargetInBibliography(libraries.get(document.uri, { text: document.getText(), version: `editor:${document.version}` }), position);
    }
    return keyTargetInDocument(analysis(), position);
  }

  function isBibliography(document: TextDocument): boolean {
    return document.languageId === 'bibtex' || /\.(?:bib|ris)$/i.test(document.uri) || usersOf(document.uri).length > 0;
  }

  return Object.freeze({
    analyse,
    getDiagnostics: (doc, token = NEVER_CANCELLED) => {
      throwIfCancelled(token);
      if (tooLarge(doc)) return [sizeNotice(doc.getText().length, settings(doc).maxFileSize)];
      if (!isBibliography(doc)) return run(doc, token, (a) => getDiagnostics(a, settings(doc)));
      const findings = getBibliographyFindings(doc.uri, { text: doc.getText(), version: `editor:${doc.version}` });
      return findings.map((f) => toDiagnostic(f, severityOf(f, settings(doc))!));
    },
    getCompletions: (doc, pos, token = NEVER_CANCELLED) => run(doc, token, (a) => getKeyCompletions(a, pos) ?? getCompletions(a, pos)),
    resolveCompletion: (item, token = NEVER_CANCELLED) => resolveCompletion(item, token),
    getHover: (doc, pos, token = NEVER_CANCELLED) => {
      throwIfCancelled(token);
      if (isBibliography(doc)) {
        const target = keyTarget(doc, () => analyse(doc), pos);
        return target ? { contents: { kind: 'markdown', value: citedInSummary(target, workspaceAnalyses(), baseName) }, range: target.range } : null;
      }
      return run(doc, token, (a) => getHover(a, pos, styleFor(doc.uri)));
    },
    prepareAhead: (doc, more) => isBibliography(doc) || tooLarge(doc) || run(doc, NEVER_CANCELLED, (a) =>
      a.bibliographies.every((b) => b.library === null || b.library.searchIndex().prepare(more)) && prepareHovers(a, styleFor(doc.uri), more)),
    getDefinition: (doc, pos, token = NEVER_CANCELLED) => (isBibliography(doc) ? [] : run(doc, token, (a) => getDefinition(a, pos))),
    getReferences: (doc, pos, includeDeclaration, token = NEVER_CANCELLED) => {
      throwIfCancelled(token);
      const target = keyTarget(doc, () => analyse(doc), pos);
      if (target) return keyReferences(target, workspaceAnalyses(), includeDeclaration);
      return isBibliography(doc) ? [] : run(doc, token, (a) => getReferences(a, pos, includeDeclaration));
    },
    prepareRename: (doc, pos, token = NEVER_CANCELLED) => {
      throwIfCancelled(token);
      const target = keyTarget(doc, () => analyse(doc), pos);
      if (target) return { range: target.range, placeholder: target.key };
      return isBibliography(doc) ? null : run(doc, token, (a) => prepareRename(a, pos));
    },
    getRenameEdits: (doc, pos, newName, token = NEVER_CANCELLED) => {
      throwIfCancelled(token);
      const target = keyTarget(doc, () => analyse(doc), pos);
      if (target) return keyRenameEdit(target, workspaceAnalyses(), newName);
      return isBibliography(doc) ? null : run(doc, token, (a) => getRenameEdits(a, pos, newName));
    },
    getDocumentSymbols: (doc, token = NEVER_CANCELLED) => run(doc, token, (a) => getDocumentSymbols(a)),
    getCodeActions: (doc, range, only, token = NEVER_CANCELLED) => run(doc, token, (a) => getCodeActions(a, range, settings(doc), analyseFresh, only)),
    getFixAllEdits: (doc, token = NEVER_CANCELLED) => run(doc, token, (a) => getFixAllEdits(a.document, settings(doc), analyseFresh)),
    getGeneratedReferenceList: (doc, token = NEVER_CANCELLED) => run(doc, token, (a) => generateReferenceList(a, styleFor(doc.uri))),
    getSortEdits: (doc, token = NEVER_CANCELLED) =>
      run(doc, token, (a) => findingsOf(a).filter((f) => f.code === 'reference-order').flatMap((f) => f.fixes[0]?.edits ?? []).map((e) => ({ range: e.range, newText: e.newText }))),
    getCodeLenses: (doc, token = NEVER_CANCELLED) => (isBibliography(doc) ? [] : run(doc, token, (a) => getCodeLenses(a))),
    getStatistics: (doc, token = NEVER_CANCELLED) => run(doc, token, (a) => ({
      citations: a.model.citations.filter((c) => !c.nocite).length,
      problems: getDiagnostics(a, settings(doc)).filter((d) => d.severity !== undefined && d.severity <= 2).length,
    })),
    getInsertableCitations: (doc, pos, token = NEVER_CANCELLED) => run(doc, token, (a) => getInsertableCitations(a, pos)),
    getInsertCitationEdits: (doc, pos, entryId, token = NEVER_CANCELLED) => run(doc, token, (a) => getInsertCitationEdits(a, pos, entryId, styleFor(doc.uri))),
    checkWorkspace: (token = NEVER_CANCELLED) => workspaceAnalyses().map((a) => {
      throwIfCancelled(token);
      return { uri: a.document.uri, diagnostics: getDiagnostics(a, options.config.get(a.document.uri)) };
    }),
    getBibliographyFindings,
    isBibliography,
    forget: (uri) => {
      fileAnalyses.delete(uri);
      models.delete(uri);
      analyses.delete(uri);
    },
  } satisfies CitationService);
}

export type { Analysis } from './analysis';
export type { CitewrightSettings } from './settings';
export { DEFAULT_SETTINGS, readSettings } from './settings';
export type { Cancellation } from './cancellation';
export type { CitationWorkspace, FileSnapshot } from './workspace';
export type { Finding, RuleCode } from './rules/rule';
export type { InsertableCitation } from './features/insertCitation';
export { CancelledError } from './cancellation';
