// Completion of citation keys: after `[@`, `@` and `; @` in Markdown, and inside `\cite{...}` (any variant,
// also after a comma). Offers every entry of the document's bibliographies that matches the typed text on
// key, author, year or title words; a long list is cut on the server and marked incomplete, so that VS Code
// asks again as the writer narrows it and no match they type towards is ever dropped.
import { CompletionItemKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { buildSearchIndex, searchEntries, type SearchIndex } from './entrySearch';

export const MAX_KEY_ITEMS = 200;

const PANDOC_KEY_BEFORE = /(?:^|[\s[;(])-?@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&+?<>~/-]*)?$/u;
const LATEX_KEYS_BEFORE = /\\[A-Za-z]*cite[A-Za-z]*\*?(?:\s*\[[^\]\n]*\]){0,2}\s*\{([^{}]*)$/;

/** The typed key and where it starts, when the cursor is where a key is written. */
function keyContext(analysis: Analysis, offset: number): { start: number; typed: string } | null {
  const masked = analysis.model.masked;
  const before = masked.slice(Math.max(0, offset - 300), offset);
  if (analysis.model.kind === 'latex') {
    const m = LATEX_KEYS_BEFORE.exec(before);
    if (!m) return null;
    // The key being typed: what follows the last comma or space (keys have none), on the cursor's line.
    const typed = /[^,\s]*$/.exec(m[1])![0];
    return { start: offset - typed.length, typed };
  }
  const m = PANDOC_KEY_BEFORE.exec(before);
  if (!m) return null;
  const typed = m[1] ?? '';
  return { start: offset - typed.length, typed };
}

export function getKeyCompletions(analysis: Analysis, position: Position): CompletionList | null {
  const doc = analysis.document;
  const offset = doc.offsetAt(position);
  const context = keyContext(analysis, offset);
  if (!context || !analysis.keys) return null;
  // Each key once: the document's own entries and the first bibliography that has it win, as in resolution.
  const found = searchEntries(keyedIndexes(analysis), context.typed, MAX_KEY_ITEMS, (e) => e.key !== null && analysis.keys!.get(e.key) === e);
  const range = { start: doc.positionAt(context.start), end: position };
  const items: CompletionItem[] = found.entries.map((entry, i) => ({
    label: entry.key ?? '',
    kind: CompletionItemKind.Reference,
    // No detail: it reads the entry's fields (about 0.2 ms each when a list of 200 is the first thing a large
    // library is asked for); VS Code shows the detail of the item it resolves (completionResolve).
    // VS Code filters again on the client: let it match what the server matched on.
    filterText: `${context.typed} ${entry.key ?? ''}`,
    sortText: String(i).padStart(6, '0'),
    textEdit: { range, newText: entry.key ?? '' },
    data: { uri: doc.uri, entry: entry.id },
  }));
  return { isIncomplete: found.incomplete, items };
}

/** The document's keyed entries, then each bibliography's, as search indexes. */
export function keyedIndexes(analysis: Analysis): SearchIndex[] {
  const own = analysis.model.keyedEntries.length > 0 ? [buildSearchIndex(analysis.model.keyedEntries)] : [];
  return [...own, ...analysis.bibliographies.flatMap((b) => (b.library ? [b.library.searchIndex()] : []))];
}
