// Matches keyed citations (`[@key]`, `\cite{key}`) to entries, with "did you mean" suggestions when a key
// is not found: keys a small edit away, a key that differs only in its year, the same author and year
// under another key.
import type { CitationItem, ReferenceEntry } from '../model';
import type { ItemResolution } from './resolver';
import { editDistance, foldedKey } from './surname';

const MAX_SUGGESTIONS = 3;

/** `smith2019`, `Smith_2019a`, `smithSleep2019`: the leading letters (a surname) and a four-digit year. */
function keyParts(key: string): { name: string; year: string | null } {
  const name = /^\p{L}+/u.exec(key)?.[0] ?? '';
  const year = /(1[5-9]\d\d|20\d\d)/.exec(key)?.[1] ?? null;
  return { name: foldedKey(name), year };
}

const withoutDigits = (key: string) => key.replace(/\d+/g, '#').toLowerCase();

/** The keys of a bibliography arranged for "did you mean": by length, without digits, by author and year. */
interface SuggestionIndex {
  readonly byLength: ReadonlyMap<number, ReadonlyArray<[string, ReferenceEntry]>>;
  readonly byYearless: ReadonlyMap<string, readonly ReferenceEntry[]>;
  /** First three letters of the first author (folded) and the year. */
  readonly byAuthorYear: ReadonlyMap<string, readonly ReferenceEntry[]>;
}

const suggestionIndexes = new WeakMap<ReadonlyMap<string, ReferenceEntry>, SuggestionIndex>();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function suggestionIndex(keys: ReadonlyMap<string, ReferenceEntry>): SuggestionIndex {
  let index = suggestionIndexes.get(keys);
  if (index) return index;
  const byLength = new Map<number, Array<[string, ReferenceEntry]>>();
  const byYearless = new Map<string, ReferenceEntry[]>();
  const byAuthorYear = new Map<string, ReferenceEntry[]>();
  for (const [key, entry] of keys) {
    push(byLength, key.length, [key.toLowerCase(), entry] as [string, ReferenceEntry]);
    push(byYearless, withoutDigits(key), entry);
    const first = entry.authors[0];
    if (first !== undefined && entry.year) push(byAuthorYear, `${foldedKey(first).slice(0, 3)}\u0000${entry.year.slice(0, 4)}`, entry);
  }
  index = { byLength, byYearless, byAuthorYear };
  suggestionIndexes.set(keys, index);
  return index;
}

export function keySuggestions(key: string, keys: ReadonlyMap<string, ReferenceEntry>): ReferenceEntry[] {
  const index = suggestionIndex(keys);
  const scored = new Map<ReferenceEntry, number>();
  const score = (entry: ReferenceEntry, value: number) => {
    if (entry.key !== key && (scored.get(entry) ?? Infinity) > value) scored.set(entry, value);
  };
  const max = key.length <= 4 ? 1 : 2;
  const lower = key.toLowerCase();
  for (let length = key.length - max; length <= key.length + max; length++) {
    for (const [candidate, entry] of index.byLength.get(length) ?? []) {
      const distance = editDistance(lower, candidate, max);
      if (distance <= max) score(entry, distance);
    }
  }
  for (const entry of index.byYearless.get(withoutDigits(key)) ?? []) score(entry, max + 1);
  const { name, year } = keyParts(key);
  if (name.length >= 3 && year !== null) {
    for (const entry of index.byAuthorYear.get(`${name.slice(0, 3)}\u0000${year}`) ?? []) {
      // `smit2019` (cut short) or `smithSleep2019` (name and title word) for Smith.
      const author = foldedKey(entry.authors[0]);
      if (author.startsWith(name) || name.startsWith(author)) score(entry, max + 2);
    }
  }
  return [...scored].sort((a, b) => a[1] - b[1]).slice(0, MAX_SUGGESTIONS).map(([e]) => e);
}

export function resolveKeyItem(item: CitationItem, keys: ReadonlyMap<string, ReferenceEntry> | null): ItemResolution {
  if (keys === null || item.key === null || item.key === '*') return { status: 'unchecked' };
  const entry = keys.get(item.key);
  if (entry) return { status: 'resolved', entry };
  return { status: 'unresolved', suggestions: keySuggestions(item.key, keys) };
}
