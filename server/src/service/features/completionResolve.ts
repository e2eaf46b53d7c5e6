// Completion items are sent bare and filled in when VS Code shows one: formatting an entry with citeproc
// costs milliseconds, too much for every item of a long list.
import { MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { formatEntry } from '../bibliography/cslConversion';
import type { ResolvedStyle } from '../bibliography/styleResolution';
import type { ReferenceEntry } from '../model';
import { insertEntryEdit } from '../rules/listEdits';
import { entryMarkdown } from './entryMarkdown';

export function findEntry(analysis: Analysis, id: string): ReferenceEntry | undefined {
  const found = analysis.model.entries.find((e) => e.id === id) ?? analysis.model.keyedEntries.find((e) => e.id === id);
  if (found) return found;
  // Library by library: one array of every library's entries was a 50,000-entry copy per resolve.
  for (const bibliography of analysis.bibliographies) {
    const entry = bibliography.library?.entries.find((e) => e.id === id);
    if (entry) return entry;
  }
  return undefined;
}

/** `Jacobs (1961) The Death and Life of Great American Cities`: enough to choose by. */
function choosingDetail(entry: ReferenceEntry): string {
  const authors = entry.authors.length > 2 ? `${entry.authors[0]} et al.` : entry.authors.join(' & ');
  return `${authors} (${entry.year ?? 'n.d.'}) ${entry.title ?? ''}`.trim();
}

/** The item with the entry's formatted text as documentation, a detail if it had none (keys), and the edit that adds it to `listIndex`'s list. */
export function resolveCompletionItem(analysis: Analysis, item: CompletionItem, entryId: string, listIndex: number | null, style: ResolvedStyle): CompletionItem {
  const entry = findEntry(analysis, entryId);
  if (!entry) return item;
  const resolved: CompletionItem = { ...item, detail: item.detail ?? choosingDetail(entry), documentation: { kind: MarkupKind.Markdown, value: entryMarkdown(entry, style) } };
  const list = listIndex === null ? undefined : analysis.model.lists[listIndex];
  if (!list || 'error' in style) return resolved;
  const text = formatEntry(entry, style.style).markdown;
  return { ...resolved, additionalTextEdits: [insertEntryEdit(analysis, list, text, entry)].map((e) => ({ range: e.range, newText: e.newText })) };
}
