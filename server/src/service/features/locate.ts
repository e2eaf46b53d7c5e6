// What stands at a position: a citation item, a list entry, or an author name in either.
import type { Position, Range } from 'vscode-languageserver-types';
import type { Analysis, CitedItem } from '../analysis';
import type { ListEntry } from '../model';

export function contains(range: Range, position: Position): boolean {
  const afterStart = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

export function itemAt(analysis: Analysis, position: Position): CitedItem | null {
  return analysis.items.find((c) => contains(c.item.range, position)) ?? null;
}

export function entryAt(analysis: Analysis, position: Position): ListEntry | null {
  return analysis.model.entries.find((e) => contains(e.range, position)) ?? null;
}

export interface NameAt {
  readonly name: string;
  readonly range: Range;
}

/** The author surname under the cursor, in a citation or in a list entry. */
export function authorNameAt(analysis: Analysis, position: Position): NameAt | null {
  const cited = itemAt(analysis, position);
  if (cited) {
    const i = cited.item.authorRanges.findIndex((r) => contains(r, position));
    return i >= 0 ? { name: cited.item.authors[i], range: cited.item.authorRanges[i] } : null;
  }
  const entry = entryAt(analysis, position);
  if (entry) {
    const i = entry.authorRanges.findIndex((r) => contains(r, position));
    return i >= 0 ? { name: entry.authors[i], range: entry.authorRanges[i] } : null;
  }
  return null;
}
