// Completion inside an author-date citation: after `(`, after `;`, while typing a name or year, and after
// a narrative `Name (`. Inserts the citation in the style this document already uses.
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList, type Position, type Range } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { citationStyleOf, citedAuthors, type CitationStyle } from '../citationStyle';
import { compareEntries } from '../entryOrder';
import { buildSearchIndex, searchEntries } from './entrySearch';
import { MAX_KEY_ITEMS } from './keyCompletion';
import type { ReferenceEntry, ReferenceList } from '../model';
import { foldedKey, isNearMiss, sameAuthor } from '../resolve/surname';
import { escapeMarkdownText } from './markdownText';

interface CitationContext {
  /** Offset where the replaced text starts (after `(` or `;`). */
  readonly start: number;
  /** What the writer has typed of this item. */
  readonly typed: string;
  /** The author written before a narrative `Name (`, or null in a parenthetical citation. */
  readonly narrativeAuthor: string | null;
  /** Whether a closing bracket already follows the cursor. */
  readonly closed: boolean;
}

/** The authors before a narrative `(`: `Adams (`, `Adams and Baker (`, `Adams, Baker & Cole (`, `Adams et al. (`; group 1 is the first. */
const NARRATIVE_AUTHORS = /(\p{Lu}[\p{L}\p{M}'’-]*)(?:(?:,\s*|\s+(?:and|&)\s+)\p{Lu}[\p{L}\p{M}'’-]*)*(?:'s|’s)?(?:\s+et al\.)?\s?$/u;

function citationContext(analysis: Analysis, offset: number): CitationContext | null {
  const masked = analysis.model.masked;
  const lineStart = masked.lastIndexOf('\n', offset - 1) + 1;
  const before = masked.slice(Math.max(lineStart, offset - 300), offset);
  const open = before.lastIndexOf('(');
  if (open < 0 || before.indexOf(')', open) >= 0) return null;
  const inside = before.slice(open + 1);
  const semicolon = inside.lastIndexOf(';');
  const part = semicolon >= 0 ? inside.slice(semicolon + 1) : inside;
  const typed = part.trimStart();
  const start = offset - typed.length;
  const after = masked.slice(offset, offset + 200);
  const closed = /^[^(\n]*\)/.test(after);
  const name = semicolon < 0 ? NARRATIVE_AUTHORS.exec(before.slice(0, open)) : null;
  const narrative = name && (typed === '' || /^\d/.test(typed)) ? name[1] : null;
  return { start, typed, narrativeAuthor: narrative, closed };
}

/** The list serving a position: the first list after it, or the last list. */
function listAt(analysis: Analysis, offset: number): ReferenceList | null {
  const lists = analysis.model.lists;
  return lists.find((l) => l.start > offset) ?? lists[lists.length - 1] ?? null;
}

export function getCompletions(analysis: Analysis, position: Position): CompletionList | null {
  const doc = analysis.document;
  const offset = doc.offsetAt(position);
  const context = citationContext(analysis, offset);
  if (!context) return null;
  const list = listAt(analysis, offset);
  if (!list || list.entries.length === 0) return null;
  const style = citationStyleOf(analysis);
  const range = { start: doc.positionAt(context.start), end: position };
  const close = context.closed ? '' : ')';
  // `Adams (` offers Adams's works and inserts the year; a word that is no listed author (`Parks (`) does not narrow.
  const byNarrativeAuthor = (entry: ReferenceEntry) =>
    context.narrativeAuthor !== null && entry.authors.length > 0 &&
    (sameAuthor(context.narrativeAuthor, entry.authors[0]) || isNearMiss(context.narrativeAuthor, entry.authors[0]));
  const narrativeEntries = list.entries.filter(byNarrativeAuthor);
  const narrative = narrativeEntries.length > 0 ? context.narrativeAuthor : null;
  const candidates = narrative ? narrativeOrder(narrativeEntries, narrative, context.typed) : list.entries;
  const found = searchEntries([buildSearchIndex(candidates)], narrative ? '' : context.typed, candidates.length);
  const items: CompletionItem[] = [];
  for (const [i, entry] of found.entries.entries()) {
    const authors = citedAuthors(entry, style.and);
    const year = entry.year ?? 'n.d.';
    const cited = narrative ? year : `${authors}${style.yearSeparator}${year}`;
    items.push({
      label: `${authors} ${year}`,
      kind: CompletionItemKind.Reference,
      detail: entry.title ?? undefined,
      documentation: { kind: MarkupKind.Markdown, value: escapeMarkdownText(entry.text) },
      filterText: narrative ? context.typed : `${entry.authors.join(' ')} ${year} ${entry.title ?? ''}`,
      sortText: `0-${String(i).padStart(6, '0')}`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: `${cited}${style.pagePrefix}\${1}${close}$0` },
      data: { entry: entry.id },
    });
  }
  const fromLibraries = narrative ? { isIncomplete: false, items: [] } : libraryWorks(analysis, list, context, range, style, close);
  return { isIncomplete: fromLibraries.isIncomplete, items: [...items, ...fromLibraries.items] };
}

/** `Adams (19`: Adams's own works before near spellings of the name, and those of the year begun before the rest. */
function narrativeOrder(entries: readonly ReferenceEntry[], author: string, typed: string): ReferenceEntry[] {
  const score = (entry: ReferenceEntry) => (sameAuthor(author, entry.authors[0]) ? 0 : 2) + (entry.year?.startsWith(typed) ? 0 : 1);
  return entries.map((entry) => ({ entry, score: score(entry) })).sort((a, b) => a.score - b.score).map((s) => s.entry);
}

/**
 * Works of the bibliography files that the reference list does not have yet: accepting one inserts the
 * citation, and resolving it adds the formatted entry to the list at its alphabetical place.
 */
function libraryWorks(
  analysis: Analysis,
  list: ReferenceList,
  context: CitationContext,
  range: Range,
  style: CitationStyle,
  close: string,
): CompletionList {
  const work = (e: ReferenceEntry) => `${foldedKey(e.authors[0] ?? '')}\u0000${e.year ?? ''}`;
  const listed = new Set(list.entries.map(work));
  const indexes = analysis.bibliographies.flatMap((b) => (b.library ? [b.library.searchIndex()] : []));
  // A bucket can hold `MAX_KEY_ITEMS` entries of a huge library: sorting that few by author is cheap.
  const found = searchEntries(indexes, context.typed, MAX_KEY_ITEMS, (e) => !listed.has(work(e)), compareEntries);
  const items = found.entries.map((entry, i): CompletionItem => {
    const authors = citedAuthors(entry, style.and);
    const year = entry.year ?? 'n.d.';
    return {
      label: `${authors} ${year}`,
      kind: CompletionItemKind.Reference,
      detail: `${entry.title ?? ''} — add from ${entry.source}`,
      filterText: `${context.typed} ${entry.authors.join(' ')} ${year}`,
      sortText: `9-${String(i).padStart(6, '0')}`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: `${authors}${style.yearSeparator}${year}${style.pagePrefix}\${1}${close}$0` },
      data: { uri: analysis.document.uri, entry: entry.id, addToList: list.index },
    };
  });
  return { isIncomplete: found.incomplete, items };
}
