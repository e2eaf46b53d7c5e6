// "Insert Citation": every work the document can cite — its reference list and its bibliography files —
// with the edits that insert a citation of it at the cursor in the document's own syntax and style.
import type { Position, TextEdit } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { formatEntry } from '../bibliography/cslConversion';
import type { ResolvedStyle } from '../bibliography/styleResolution';
import { citationStyleOf, citedAuthors } from '../citationStyle';
import { compareEntries } from '../entryOrder';
import type { ReferenceEntry, ReferenceList } from '../model';
import { foldedKey } from '../resolve/surname';
import { insertEntryEdit } from '../rules/listEdits';

export interface InsertableCitation {
  /** `Jacobs 1961` or the key. */
  readonly label: string;
  /** Authors and year, for keyed entries. */
  readonly description: string;
  /** The title. */
  readonly detail: string;
  /** Asked for with `getInsertCitationEdits` once chosen: formatting a library entry costs milliseconds. */
  readonly entryId: string;
}

function citationText(analysis: Analysis, entry: ReferenceEntry): string {
  if (entry.key !== null && analysis.model.kind === 'latex') return `\\cite{${entry.key}}`;
  if (entry.key !== null && analysis.model.kind === 'pandoc') return `[@${entry.key}]`;
  const style = citationStyleOf(analysis);
  return `(${citedAuthors(entry, style.and)}${style.yearSeparator}${entry.year ?? 'n.d.'})`;
}

/** The list a citation at `offset` goes to: the first after it, or the last. */
function listAt(analysis: Analysis, offset: number): ReferenceList | undefined {
  return analysis.model.lists.find((l) => l.start > offset) ?? analysis.model.lists[analysis.model.lists.length - 1];
}

const workOf = (e: ReferenceEntry) => `${foldedKey(e.authors[0] ?? '')}\u0000${e.year ?? ''}`;

/** The entries the document can cite at `offset`: keyed entries, or the list and the library works it lacks. */
function citableEntries(analysis: Analysis, offset: number): ReferenceEntry[] {
  const keyed = analysis.model.kind !== 'author-date';
  const list = listAt(analysis, offset);
  const listed = new Set((list?.entries ?? []).map(workOf));
  const fromFiles = analysis.bibliographies.flatMap((b) => b.library?.entries ?? []).filter((e) => keyed || !listed.has(workOf(e)));
  return [...(keyed ? analysis.model.keyedEntries : list?.entries ?? []), ...fromFiles].sort(compareEntries);
}

export function getInsertableCitations(analysis: Analysis, position: Position): InsertableCitation[] {
  const keyed = analysis.model.kind !== 'author-date';
  return citableEntries(analysis, analysis.document.offsetAt(position)).map((entry) => {
    const authors = entry.authors.length > 2 ? `${entry.authors[0]} et al.` : entry.authors.join(' & ');
    return {
      label: keyed && entry.key ? entry.key : `${citedAuthors(entry, '&')} ${entry.year ?? 'n.d.'}`,
      description: keyed ? `${authors} ${entry.year ?? ''}`.trim() : entry.source === 'document' ? '' : `from ${entry.source}`,
      detail: entry.title ?? '',
      entryId: entry.id,
    };
  });
}

/** The citation at the cursor, and for a library work in an author-date essay its new list entry. */
export function getInsertCitationEdits(analysis: Analysis, position: Position, entryId: string, style: ResolvedStyle): TextEdit[] {
  const offset = analysis.document.offsetAt(position);
  const entry = citableEntries(analysis, offset).find((e) => e.id === entryId);
  if (!entry) return [];
  const edits: TextEdit[] = [{ range: { start: position, end: position }, newText: citationText(analysis, entry) }];
  const list = listAt(analysis, offset);
  if (analysis.model.kind === 'author-date' && list && entry.source !== 'document' && !('error' in style)) {
    const added = insertEntryEdit(analysis, list, formatEntry(entry, style.style).markdown, entry);
    edits.push({ range: added.range, newText: added.newText });
  }
  return edits;
}
