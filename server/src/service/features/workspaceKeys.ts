// A citation key across the workspace: every document that cites it from the same bibliography file,
// for find references, rename, and the hover on a key in a .bib file.
import type { Location, Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import type { Library } from '../bibliography/library';
import type { ReferenceEntry } from '../model';
import { resolvedEntry } from '../resolve/resolver';
import { entryLocation } from './entryLocation';
import { contains, itemAt } from './locate';

export interface KeyTarget {
  readonly key: string;
  /** The bibliography file the key is defined in. */
  readonly libraryUri: string;
  readonly entry: ReferenceEntry;
  /** The range of the key under the cursor. */
  readonly range: Range;
}

/** The key under the cursor in a citation that resolves to a bibliography file's entry. */
export function keyTargetInDocument(analysis: Analysis, position: Position): KeyTarget | null {
  const cited = itemAt(analysis, position);
  const entry = cited ? resolvedEntry(cited.resolution) : null;
  if (!cited?.item.key || !cited.item.keyRange || !entry || !contains(cited.item.keyRange, position)) return null;
  const location = entryLocation(analysis, entry);
  if (location.uri === analysis.document.uri) return null;
  return { key: cited.item.key, libraryUri: location.uri, entry, range: cited.item.keyRange };
}

/** The key under the cursor in a bibliography file. */
export function keyTargetInBibliography(library: Library, position: Position): KeyTarget | null {
  const entry = library.entries.find((e) => e.keyRange !== null && contains(e.keyRange, position));
  return entry?.key && entry.keyRange ? { key: entry.key, libraryUri: library.uri, entry, range: entry.keyRange } : null;
}

/** The key ranges of every citation of the target in the given analyses. */
export function keyCitations(target: KeyTarget, analyses: readonly Analysis[]): Location[] {
  const locations: Location[] = [];
  for (const analysis of analyses) {
    if (!analysis.bibliographies.some((b) => b.source.uri === target.libraryUri)) continue;
    for (const { item, resolution } of analysis.items) {
      const entry = resolvedEntry(resolution);
      if (item.key === target.key && item.keyRange && entry && entryLocation(analysis, entry).uri === target.libraryUri) {
        locations.push({ uri: analysis.document.uri, range: item.keyRange });
      }
    }
  }
  return locations;
}

export function keyReferences(target: KeyTarget, analyses: readonly Analysis[], includeDeclaration: boolean): Location[] {
  const declaration = target.entry.keyRange ? [{ uri: target.libraryUri, range: target.entry.keyRange }] : [];
  return [...(includeDeclaration ? declaration : []), ...keyCitations(target, analyses)];
}

export function keyRenameEdit(target: KeyTarget, analyses: readonly Analysis[], newKey: string): WorkspaceEdit {
  const changes: Record<string, { range: Range; newText: string }[]> = {};
  for (const location of keyReferences(target, analyses, true)) (changes[location.uri] ??= []).push({ range: location.range, newText: newKey });
  return { changes };
}

/** `Cited in paper.md (lines 6, 7) and thesis.tex (line 5)`, or `Not cited in the workspace`. */
export function citedInSummary(target: KeyTarget, analyses: readonly Analysis[], nameOf: (uri: string) => string): string {
  const byDocument = new Map<string, number[]>();
  for (const location of keyCitations(target, analyses)) {
    const lines = byDocument.get(location.uri) ?? [];
    if (!lines.includes(location.range.start.line + 1)) lines.push(location.range.start.line + 1);
    byDocument.set(location.uri, lines);
  }
  if (byDocument.size === 0) return 'Not cited in the workspace';
  const parts = [...byDocument].map(([uri, lines]) => `${nameOf(uri)} (line${lines.length === 1 ? '' : 's'} ${lines.join(', ')})`);
  return `Cited in ${parts.join(', ')}`;
}
