// Rename of an author's surname across the list entries and every citation that names it.
import type { Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { sameAuthor } from '../resolve/surname';
import { authorNameAt } from './locate';

export function prepareRename(analysis: Analysis, position: Position): { range: Range; placeholder: string } | null {
  const name = authorNameAt(analysis, position);
  return name ? { range: name.range, placeholder: name.name } : null;
}

export function getRenameEdits(analysis: Analysis, position: Position, newName: string): WorkspaceEdit | null {
  const name = authorNameAt(analysis, position);
  if (!name) return null;
  const ranges: Range[] = [];
  for (const entry of analysis.model.entries) {
    entry.authors.forEach((author, i) => { if (sameAuthor(author, name.name)) ranges.push(entry.authorRanges[i]); });
  }
  for (const { item } of analysis.items) {
    item.authors.forEach((author, i) => { if (sameAuthor(author, name.name)) ranges.push(item.authorRanges[i]); });
  }
  return { changes: { [analysis.document.uri]: ranges.map((range) => ({ range, newText: newName })) } };
}
