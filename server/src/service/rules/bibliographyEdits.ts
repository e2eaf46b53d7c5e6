// Edits to bibliography files: removing an entry with its whole lines.
import type { ReferenceEntry } from '../model';
import type { FileEdit } from './rule';

export function removeBibliographyEntryEdit(uri: string, entry: ReferenceEntry): FileEdit {
  return { uri, range: { start: { line: entry.range.start.line, character: 0 }, end: { line: entry.range.end.line + 1, character: 0 } }, newText: '' };
}
