// Matches keyed citations (`[@key]`, `\cite{key}`) to entries, with "did you mean" suggestions when a key
// is not found: keys a small edit away, a key that differs only in its year, the same author and year
// under another key.
import type { CitationItem, ReferenceEntry } from '../model';
import type { ItemResolution } from './resolver';
import { detached } from '../detachedString';
import { distancesFrom, foldedKey } from './surname';

const MAX_SUGGESTIONS = 3;

/** `smith2019`, `Smith_2019a`, `smithSleep2019`: the leading letters (a surname) and a four-digit year. */
function keyParts(key: string): { name: string; year: string | null } {
  const name = /^\p{L}+/u.exec(key)?.[0] ?? '';
  const year = /(1[5-9]\d\d|20\d\d)/.exec(key)?.[1] ?? null;
  return { name: foldedKey(name), year };
}

const withoutDigits = (key: string) => key.replace(/\d+/g, '#').toLowerCase();

const HASH = 35;

/** The character an ASCII character of a key is in `withoutDigits(key)` (a digit becomes `#`); -1 for any other. */
function yearlessCode(code: number): number {
  if (!(code < 128)) return -1; // lower case outside ASCII is not one character for one (and past the end)
  if (code >= 48 && code <= 57) return HASH;
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** A number for the first and last characters of `withoutDigits(key)` when both are known from ASCII; else -1. */
function edgesOf(key: string, codeOf: (code: number) => number): number {
  const first = codeOf(key.charCodeAt(0));
  const last = codeOf(key.charCodeAt(key.length - 1));
  return first === -1 || last === -1 ? -1 : first * 128 + last;
}

/** A bibliography's keys numbered in library order, in columns: no object per key of a large library. */
interface KeyColumns {
  readonly keys: readonly string[];
  readonly entries: readonly ReferenceEntry[];
}

/** The keys of a bibliography arranged for "did you mean": in columns, by author and year. */
class SuggestionIndex {
  /** Suggestions already worked out, by unknown key: each keystroke in a key being typed asks again. */
  readonly answers = new Map<string, ReferenceEntry[]>();
  #columns?: KeyColumns;
  #byAuthorYear?: Map<string, ReferenceEntry[]>;

  constructor(private readonly keys: ReadonlyMap<string, ReferenceEntry>) {}

  get columns(): KeyColumns {
    if (this.#columns) return this.#columns;
    const keys: string[] = [];
    const entries: ReferenceEntry[] = [];
    this.keys.forEach((entry, key) => {
      keys.push(key);
      entries.push(entry);
    });
    return (this.#columns = { keys, entries });
  }

  /** First three letters of the first author (folded) and the year. Reads every entry's authors, so only
   * built when a key with a name and a year is not found. */
  get byAuthorYear(): ReadonlyMap<string, readonly ReferenceEntry[]> {
    if (this.#byAuthorYear) return this.#byAuthorYear;
    const map = new Map<string, ReferenceEntry[]>();
    for (const entry of this.keys.values()) {
      const first = entry.authors[0];
      if (first !== undefined && entry.year) push(map, `${foldedKey(first).slice(0, 3)}\u0000${entry.year.slice(0, 4)}`, entry);
    }
    return (this.#byAuthorYear = map);
  }
}

const suggestionIndexes = new WeakMap<ReadonlyMap<string, ReferenceEntry>, SuggestionIndex>();
/** Unknown keys whose suggestions are kept per bibliography; the oldest go first. */
const MAX_REMEMBERED = 1000;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function suggestionIndex(keys: ReadonlyMap<string, ReferenceEntry>): SuggestionIndex {
  let index = suggestionIndexes.get(keys);
  if (!index) suggestionIndexes.set(keys, (index = new SuggestionIndex(keys)));
  return index;
}

export function keySuggestions(key: string, keys: ReadonlyMap<string, ReferenceEntry>): ReferenceEntry[] {
  const index = suggestionIndex(keys);
  const known = index.answers.get(key);
  if (known) return known;
  const scored = new Map<ReferenceEntry, number>();
  const score = (entry: ReferenceEntry, value: number) => {
    if (entry.key !== key && (scored.get(entry) ?? Infinity) > value) scored.set(entry, value);
  };
  const max = key.length <= 4 ? 1 : 2;
  const lower = key.toLowerCase();
  const { keys: allKeys, entries } = index.columns;
  const distanceTo = distancesFrom(lower, max, true);
  const yearless = withoutDigits(key);
  const edges = edgesOf(yearless, (code) => (code < 128 ? code : -1));
  // One pass over the keys, indexed (often before the JIT has optimised it, when an iterator costs): keys a small
  // edit away, and keys that differ only in their digits (another year). Only keys whose first and last characters
  // fit (or are not ASCII) are compared whole for digits: that makes a string.
  const near: { at: number; distance: number }[] = [];
  const otherYears: number[] = [];
  for (let i = 0; i < allKeys.length; i++) {
    const candidate = allKeys[i];
    const lengthGap = candidate.length - key.length;
    if (lengthGap >= -max && lengthGap <= max) {
      const distance = distanceTo(candidate);
      if (distance <= max) near.push({ at: i, distance });
    }
    const candidateEdges = edgesOf(candidate, yearlessCode);
    if ((candidateEdges === -1 || (edges !== -1 && candidateEdges === edges)) && withoutDigits(candidate) === yearless) otherYears.push(i);
  }
  // Near keys by length, then in library order (as ties are listed), then other years in library order.
  near.sort((a, b) => allKeys[a.at].length - allKeys[b.at].length || a.at - b.at);
  for (const { at, distance } of near) score(entries[at], distance);
  for (const i of otherYears) score(entries[i], max + 1);
  const { name, year } = keyParts(key);
  if (name.length >= 3 && year !== null) {
    for (const entry of index.byAuthorYear.get(`${name.slice(0, 3)}\u0000${year}`) ?? []) {
      // `smit2019` (cut short) or `smithSleep2019` (name and title word) for Smith.
      const author = foldedKey(entry.authors[0]);
      if (author.startsWith(name) || name.startsWith(author)) score(entry, max + 2);
    }
  }
  const suggestions = [...scored].sort((a, b) => a[1] - b[1]).slice(0, MAX_SUGGESTIONS).map(([e]) => e);
  if (index.answers.size >= MAX_REMEMBERED) index.answers.delete(index.answers.keys().next().value as string); // the map is not empty
  index.answers.set(detached(key), suggestions);
  return suggestions;
}

export function resolveKeyItem(item: CitationItem, keys: ReadonlyMap<string, ReferenceEntry> | null): ItemResolution {
  if (keys === null || item.key === null || item.key === '*') return { status: 'unchecked' };
  const entry = keys.get(item.key);
  if (entry) return { status: 'resolved', entry };
  return { status: 'unresolved', suggestions: keySuggestions(item.key, keys) };
}
