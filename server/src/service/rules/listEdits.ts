// Edits to a reference list written in the list's own style: inserting and removing entries, list markers.
import type { Analysis } from '../analysis';
import { compareEntries } from '../entryOrder';
import type { ListEntry, ReferenceEntry, ReferenceList } from '../model';
import type { FileEdit } from './rule';

/** The marker most entries of the list use (`''` for paragraphs); ties go to the first entry's. */
export function majorityMarker(list: ReferenceList): string {
  const counts = new Map<string, number>();
  for (const e of list.entries) counts.set(e.shape.marker, (counts.get(e.shape.marker) ?? 0) + 1);
  let best = list.entries[0]?.shape.marker ?? '';
  for (const [marker, count] of counts) if (count > (counts.get(best) ?? 0)) best = marker;
  return best;
}

/** The marker text for the entry at `position` (0-based): `- `, `3. `, or `''` for a paragraph. */
export function markerText(marker: string, position: number): string {
  if (marker === '') return '';
  if (marker === '1.' || marker === '1)') return `${position + 1}${marker.slice(1)} `;
  return `${marker} `;
}

/** The text between two entries: a blank line for paragraphs, a line break for list items. */
function separatorFor(marker: string, eol: string): string {
  return marker === '' ? eol + eol : eol;
}

function endOfLine(analysis: Analysis): string {
  return analysis.document.getText().includes('\r\n') ? '\r\n' : '\n';
}

/** Inserts `entryText` (without marker) at its alphabetical place in the list, shaped like its entries. */
export function insertEntryEdit(analysis: Analysis, list: ReferenceList, entryText: string, asEntry: ReferenceEntry): FileEdit {
  const doc = analysis.document;
  const eol = endOfLine(analysis);
  const marker = majorityMarker(list);
  const separator = separatorFor(marker, eol);
  const before = list.entries.findIndex((e) => compareEntries(asEntry, e) < 0);
  if (list.entries.length === 0) {
    const at = doc.positionAt(list.end);
    return { uri: doc.uri, range: { start: at, end: at }, newText: eol + eol + markerText(marker, 0) + entryText };
  }
  if (before < 0) {
    const last = list.entries[list.entries.length - 1];
    const at = doc.positionAt(last.end);
    return { uri: doc.uri, range: { start: at, end: at }, newText: separator + markerText(marker, list.entries.length) + entryText };
  }
  const next = list.entries[before];
  const at = doc.positionAt(next.shape.markerStart);
  // Paragraph entries written on consecutive lines (`Jones, J., 1900. …` then `Smith, J., 1900. …`): the new
  // one gets a paragraph of its own, or it would read as the end of the entry before it.
  const previous = list.entries[before - 1];
  const joined = marker === '' && previous !== undefined && !/\n[ \t]*\r?\n/.test(doc.getText().slice(previous.end, next.shape.markerStart));
  return { uri: doc.uri, range: { start: at, end: at }, newText: (joined ? eol : '') + markerText(marker, before) + entryText + separator };
}

/** Removes an entry and the separator after it (or before it, for the last entry). */
export function removeEntryEdit(analysis: Analysis, list: ReferenceList, entry: ListEntry): FileEdit {
  const doc = analysis.document;
  const index = list.entries.indexOf(entry);
  const next = list.entries[index + 1];
  const previous = list.entries[index - 1];
  const start = next || !previous ? entry.shape.markerStart : previous.end;
  const end = next ? next.shape.markerStart : entry.end;
  return { uri: doc.uri, range: { start: doc.positionAt(start), end: doc.positionAt(end) }, newText: '' };
}
