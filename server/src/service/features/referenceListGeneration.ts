// "Generate reference list": writes the document's list from the works it cites, formatted in the user's
// style, or updates the list it has: the entries written there stay, cited works from the bibliography
// files that are missing join them, and all are sorted by author and year.
import type { TextEdit } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { formatEntry } from '../bibliography/cslConversion';
import type { ResolvedStyle } from '../bibliography/styleResolution';
import { compareEntries } from '../entryOrder';
import type { ReferenceEntry } from '../model';
import { resolvedEntry } from '../resolve/resolver';
import { workKey } from '../resolve/workKey';
import { majorityMarker, markerText } from '../rules/listEdits';

export function generateReferenceList(analysis: Analysis, style: ResolvedStyle): TextEdit | null {
  if (analysis.model.kind === 'latex' || 'error' in style) return null;
  const doc = analysis.document;
  const list = analysis.model.lists[analysis.model.lists.length - 1];
  const written: ReferenceEntry[] = list ? [...list.entries] : [];
  const present = new Set(written.map(workKey));
  const cited = new Map<string, ReferenceEntry>();
  for (const { resolution } of analysis.items) {
    const entry = resolvedEntry(resolution);
    if (entry && entry.source !== 'document' && !present.has(workKey(entry))) cited.set(entry.id, entry);
  }
  const entries = [...written, ...cited.values()].sort(compareEntries);
  if (entries.length === 0) return null;
  const marker = list ? majorityMarker(list) : '';
  const eol = doc.getText().includes('\r\n') ? '\r\n' : '\n';
  const separator = marker === '' ? eol + eol : eol;
  const body = entries
    .map((entry, i) => markerText(marker, i) + (entry.source === 'document' ? entry.text : formatEntry(entry, style.style).markdown))
    .join(separator);
  if (list && list.entries.length > 0) {
    const first = list.entries[0];
    const last = list.entries[list.entries.length - 1];
    return { range: { start: doc.positionAt(first.shape.markerStart), end: doc.positionAt(last.end) }, newText: body };
  }
  if (list) return { range: { start: list.headingRange.end, end: list.headingRange.end }, newText: eol + eol + body };
  const end = doc.positionAt(doc.getText().length);
  const text = doc.getText();
  const lead = text.endsWith(eol + eol) || text === '' ? '' : text.endsWith(eol) ? eol : eol + eol;
  return { range: { start: end, end }, newText: `${lead}## References${eol}${eol}${body}${eol}` };
}
