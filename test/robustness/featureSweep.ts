// Runs every feature of the language service over one document, at the positions where something can happen,
// and checks what an editor relies on: every range inside the document, completion edits on the cursor's line and
// around it, selection ranges inside symbol ranges, edits that can be applied together, and Markdown shown to the
// user passed to `inspectMarkdown` (the escaping check).
import assert from 'node:assert/strict';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  type CompletionItem, type Diagnostic, type DocumentSymbol, type Hover, type Location, type MarkupContent, type Position, type Range,
  type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { CitationService } from '../../server/src/service';
import { snapOffset } from './generators';
import { assertRangeInside, checkedEdits, rangeContains, shapeOf, type DocumentShape } from './ranges';

export interface SweepOptions {
  /** Called with every Markdown string a hover or completion would show. */
  readonly inspectMarkdown?: (value: string, what: string) => void;
  /** At most this many probe positions (default 40). */
  readonly maxPositions?: number;
}

/** How much one sweep exercised, added up over a property's cases for the closing figures. */
export class SweepTally {
  documents = 0;
  diagnostics = 0;
  completionItems = 0;
  hovers = 0;
  codeActions = 0;
  renames = 0;
  positions = 0;

  add(other: SweepTally): void {
    this.documents += other.documents;
    this.diagnostics += other.diagnostics;
    this.completionItems += other.completionItems;
    this.hovers += other.hovers;
    this.codeActions += other.codeActions;
    this.renames += other.renames;
    this.positions += other.positions;
  }

  toString(): string {
    return `${this.documents} documents, ${this.positions} probe positions, ${this.diagnostics} diagnostics, ${this.completionItems} completion items, ${this.hovers} hovers, ${this.codeActions} code actions, ${this.renames} renames`;
  }
}

function within(shape: DocumentShape, range: Range | undefined | null, what: string): void {
  assertRangeInside(shape, range, what);
}

/** Offsets worth probing: around citations, entries and names, after openers, and evenly spread. */
export function probeOffsets(service: CitationService, document: TextDocument, max = 40): number[] {
  const text = document.getText();
  const analysis = service.analyse(document);
  const offsets: number[] = [];
  for (const citation of analysis.model.citations.slice(0, 8)) {
    offsets.push(citation.outerStart, citation.outerStart + 1, citation.outerEnd - 1, citation.outerEnd);
    for (const item of citation.items.slice(0, 2)) {
      offsets.push(document.offsetAt(item.range.start) + 1);
      for (const r of item.authorRanges.slice(0, 1)) offsets.push(document.offsetAt(r.start) + 1);
    }
  }
  for (const entry of analysis.model.entries.slice(0, 6)) {
    offsets.push(entry.start + 1);
    for (const r of entry.authorRanges.slice(0, 1)) offsets.push(document.offsetAt(r.start) + 1);
  }
  for (const opener of /[(;[@{]/g[Symbol.matchAll](text)) {
    if (offsets.length >= max - 10) break;
    offsets.push((opener.index ?? 0) + 1);
  }
  const spread = 10;
  for (let i = 0; i <= spread; i++) offsets.push(Math.floor((text.length * i) / spread));
  const editorOffsets = offsets.map((o) => snapOffset(text, o));
  return [...new Set(editorOffsets)].slice(0, max).sort((a, b) => a - b);
}

function markdownOf(contents: Hover['contents'] | CompletionItem['documentation']): string[] {
  if (contents === undefined) return [];
  if (typeof contents === 'string') return [contents];
  if (Array.isArray(contents)) return contents.map((c) => (typeof c === 'string' ? c : c.value));
  if ('kind' in contents) return (contents as MarkupContent).kind === 'markdown' ? [contents.value] : [];
  return [contents.value];
}

function checkSymbols(shape: DocumentShape, symbols: readonly DocumentSymbol[], what: string): void {
  symbols.forEach((symbol, i) => {
    const name = `${what}[${i}] '${symbol.name}'`;
    within(shape, symbol.range, `${name} range`);
    within(shape, symbol.selectionRange, `${name} selectionRange`);
    // VS Code rejects the whole outline when a selection range is not inside its symbol's range.
    assert.ok(rangeContains(symbol.range, symbol.selectionRange), `${name}: selectionRange is not inside range`);
    assert.ok(symbol.name.trim().length > 0, `${name}: an empty symbol name (VS Code rejects it)`);
    checkSymbols(shape, symbol.children ?? [], `${name} child`);
  });
}

function checkLocations(shape: DocumentShape, locations: readonly Location[], what: string): void {
  locations.forEach((location, i) => {
    assert.equal(typeof location.uri, 'string', `${what}[${i}] uri`);
    if (location.uri === shape.document.uri) within(shape, location.range, `${what}[${i}]`);
  });
}

function checkWorkspaceEdit(shape: DocumentShape, edit: WorkspaceEdit | null | undefined, what: string): void {
  if (!edit) return;
  assert.equal(edit.documentChanges, undefined, `${what}: documentChanges are not expected`);
  const mine = edit.changes?.[shape.document.uri];
  if (mine) checkedEdits(shape, mine, what);
}

function checkCompletion(shape: DocumentShape, position: Position, item: CompletionItem, what: string, options: SweepOptions): void {
  const edit = item.textEdit;
  if (edit) {
    const ranges = 'range' in edit ? [edit.range] : [edit.insert, edit.replace];
    for (const range of ranges) {
      within(shape, range, `${what} textEdit`);
      // VS Code ignores (and logs) a completion edit that spans lines or does not contain the cursor.
      assert.equal(range.start.line, position.line, `${what}: textEdit starts on another line than the cursor`);
      assert.equal(range.end.line, position.line, `${what}: textEdit ends on another line than the cursor`);
      assert.ok(range.start.character <= position.character && position.character <= range.end.character, `${what}: textEdit does not contain the cursor`);
    }
  }
  if (item.additionalTextEdits) checkedEdits(shape, item.additionalTextEdits as TextEdit[], `${what} additionalTextEdits`);
  assert.equal(typeof item.label, 'string');
  for (const value of markdownOf(item.documentation)) options.inspectMarkdown?.(value, `${what} documentation`);
}

/** Runs every feature on `document`; throws (an assertion error) at the first broken promise. */
export function sweepDocument(service: CitationService, document: TextDocument, options: SweepOptions = {}): SweepTally {
  const tally = new SweepTally();
  tally.documents = 1;
  const shape = shapeOf(document);
  const analysis = service.analyse(document);
  const model = analysis.model;
  model.citations.forEach((c, i) => {
    within(shape, c.range, `citation ${i} range`);
    within(shape, c.outerRange, `citation ${i} outerRange`);
    assert.ok(0 <= c.outerStart && c.outerStart <= c.outerEnd && c.outerEnd <= document.getText().length, `citation ${i} offsets`);
    c.items.forEach((item, j) => {
      const name = `citation ${i} item ${j}`;
      within(shape, item.range, `${name} range`);
      item.authorRanges.forEach((r, k) => within(shape, r, `${name} author ${k}`));
      assert.equal(item.authorRanges.length, item.authors.length, `${name}: one range per author`);
      if (item.yearRange) within(shape, item.yearRange, `${name} yearRange`);
      if (item.keyRange) within(shape, item.keyRange, `${name} keyRange`);
      if (item.locator) within(shape, item.locator.range, `${name} locator`);
    });
  });
  model.lists.forEach((list, i) => {
    within(shape, list.range, `list ${i} range`);
    within(shape, list.headingRange, `list ${i} headingRange`);
  });
  model.entries.forEach((entry, i) => {
    const name = `entry ${i} (${entry.id})`;
    within(shape, entry.range, `${name} range`);
    entry.authorRanges.forEach((r, k) => within(shape, r, `${name} author ${k}`));
    if (entry.yearRange) within(shape, entry.yearRange, `${name} yearRange`);
    if (entry.keyRange) within(shape, entry.keyRange, `${name} keyRange`);
    if (entry.pages) within(shape, entry.pages.range, `${name} pages`);
  });
  model.bibliographyLinks.forEach((link, i) => within(shape, link.range, `bibliography link ${i}`));

  const diagnostics: Diagnostic[] = service.getDiagnostics(document);
  tally.diagnostics = diagnostics.length;
  diagnostics.forEach((d, i) => {
    const name = `diagnostic ${i} (${String(d.code)})`;
    within(shape, d.range, name);
    assert.equal(d.source, 'citewright', `${name}: source`);
    assert.ok(typeof d.message === 'string' && d.message.length > 0, `${name}: message`);
    for (const related of d.relatedInformation ?? []) checkLocations(shape, [related.location], `${name} related`);
  });

  checkSymbols(shape, service.getDocumentSymbols(document), 'symbol');

  for (const offset of probeOffsets(service, document, options.maxPositions)) {
    tally.positions++;
    const position = document.positionAt(offset);
    const where = `at ${offset} (${position.line}:${position.character})`;
    const completions = service.getCompletions(document, position);
    for (const [i, item] of (completions?.items ?? []).entries()) {
      tally.completionItems++;
      checkCompletion(shape, position, item, `completion ${i} ${where}`, options);
    }
    const hover = service.getHover(document, position);
    if (hover) {
      tally.hovers++;
      if (hover.range) {
        within(shape, hover.range, `hover range ${where}`);
        assert.ok(rangeContains(hover.range, { start: position, end: position }), `hover range ${where} does not contain the position`);
      }
      for (const value of markdownOf(hover.contents)) options.inspectMarkdown?.(value, `hover ${where}`);
    }
    checkLocations(shape, service.getDefinition(document, position), `definition ${where}`);
    checkLocations(shape, service.getReferences(document, position, true), `references ${where}`);
    const prepared = service.prepareRename(document, position);
    if (prepared) {
      tally.renames++;
      within(shape, prepared.range, `prepareRename ${where}`);
      assert.ok(rangeContains(prepared.range, { start: position, end: position }), `prepareRename ${where}: range does not contain the position`);
      checkWorkspaceEdit(shape, service.getRenameEdits(document, position, 'Renamed'), `rename ${where}`);
    }
  }

  for (const [i, d] of diagnostics.entries()) {
    // Quick fixes per diagnostic; everything (as VS Code's lightbulb asks, fix-all included) once per document.
    for (const action of service.getCodeActions(document, d.range, i === 0 ? undefined : [CodeActionKind.QuickFix])) {
      tally.codeActions++;
      checkWorkspaceEdit(shape, action.edit, `code action '${action.title}' for diagnostic ${i}`);
    }
  }
  checkedEdits(shape, service.getFixAllEdits(document), 'fix-all');
  return tally;
}
