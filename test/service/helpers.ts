// Shared by the service tests: documents from strings, cursor markers kept out of the parsed text, edits applied.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { createCitationService, DEFAULT_SETTINGS, type CitationService, type CitewrightSettings } from '../../server/src/service';
import type { Analysis } from '../../server/src/service/analysis';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const ESSAY_PATH = join(REPO_ROOT, '..', 'shared', 'corpus', 'khrushchev-essay.md');

export function fixture(name: string): string {
  return readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'service', name), 'utf8');
}

export function doc(text: string, languageId = 'markdown', uri = 'file:///test/doc.md'): TextDocument {
  return TextDocument.create(uri, languageId, 1, text);
}

export function service(settings: Partial<CitewrightSettings> = {}): CitationService {
  const merged: CitewrightSettings = { ...DEFAULT_SETTINGS, ...settings };
  return createCitationService({ config: { get: () => merged } });
}

export function analyse(text: string, languageId = 'markdown'): Analysis {
  return service().analyse(doc(text, languageId));
}

/** Splits `text` at the `|` marker: the document without it, and the marker's position. */
export function withCursor(marked: string, marker = '|'): { document: TextDocument; position: Position } {
  const at = marked.indexOf(marker);
  if (at < 0) throw new Error('no cursor marker');
  const document = doc(marked.slice(0, at) + marked.slice(at + marker.length));
  return { document, position: document.positionAt(at) };
}

export function applyEdits(document: TextDocument, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(document, [...edits]);
}

export function applyWorkspaceEdit(document: TextDocument, edit: WorkspaceEdit): string {
  return applyEdits(document, edit.changes?.[document.uri] ?? []);
}

/** `code@line` (1-based) for each diagnostic, sorted: compact and exact. */
export function codesAndLines(document: TextDocument, svc = service()): string[] {
  return svc.getDiagnostics(document).map((d) => `${d.code}@${d.range.start.line + 1}`).sort();
}

/** The text a range covers. */
export function textOf(document: TextDocument, range: { start: Position; end: Position }): string {
  return document.getText(range);
}
