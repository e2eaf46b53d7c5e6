// Matching what the writer typed against entries: key, author surnames, year and title words.
import type { ReferenceEntry } from '../model';
import { foldedKey } from '../resolve/surname';

/** ` key surname surname year title words ` in lower case, diacritics folded: matched by word prefix. */
export function searchText(entry: ReferenceEntry): string {
  const words = [entry.key ?? '', ...entry.authors.map(foldedKey), entry.year ?? '', ...(entry.title ?? '').split(/[^\p{L}\p{N}]+/u)];
  return ` ${words.map((w) => foldedKey(w)).filter((w) => w.length > 0).join(' ')} `;
}

const searchTexts = new WeakMap<ReferenceEntry, string>();

function cachedSearchText(entry: ReferenceEntry): string {
  let text = searchTexts.get(entry);
  if (text === undefined) {
    text = searchText(entry);
    searchTexts.set(entry, text);
  }
  return text;
}

/** The words of a query, folded like the search text. */
export function queryWords(typed: string): string[] {
  return typed.split(/[\s,;:&]+/).map(foldedKey).filter((w) => w.length > 0 && w !== 'and' && w !== 'et' && w !== 'al');
}

/**
 * How well an entry matches: null for no match, else lower is better — a key that starts with the query
 * first, then a surname, a year, a title word.
 */
export function matchRank(entry: ReferenceEntry, words: readonly string[]): number | null {
  if (words.length === 0) return 0;
  const text = cachedSearchText(entry);
  let rank = 0;
  for (const word of words) {
    const at = text.indexOf(` ${word}`);
    if (at < 0) return null;
    if (entry.key !== null && foldedKey(entry.key).startsWith(word)) continue;
    rank += entry.authors.some((a) => foldedKey(a).startsWith(word)) ? 1 : entry.year?.startsWith(word) ? 2 : 3;
  }
  return rank;
}
