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

export function keySuggestions(key: string, keys: ReadonlyMap<string, ReferenceEntry>): ReferenceEntry[] {
  const scored: Array<[number, ReferenceEntry]> = [];
  const max = key.length <= 4 ? 1 : 2;
  const yearless = withoutDigits(key);
  const { name, year } = keyParts(key);
  for (const [candidate, entry] of keys) {
    if (Math.abs(candidate.length - key.length) <= max) {
      const distance = editDistance(key.toLowerCase(), candidate.toLowerCase(), max);
      if (distance <= max) { scored.push([distance, entry]); continue; }
    }
    if (withoutDigits(candidate) === yearless) { scored.push([max + 1, entry]); continue; }
    const first = entry.authors[0];
    if (name.length >= 3 && year !== null && entry.year?.startsWith(year) && first !== undefined && foldedKey(first).startsWith(name)) {
      scored.push([max + 2, entry]);
    }
  }
  return scored.sort((a, b) => a[0] - b[0]).slice(0, MAX_SUGGESTIONS).map(([, e]) => e);
}

export function resolveKeyItem(item: CitationItem, keys: ReadonlyMap<string, ReferenceEntry> | null): ItemResolution {
  if (keys === null || item.key === null || item.key === '*') return { status: 'unchecked' };
  const entry = keys.get(item.key);
  if (entry) return { status: 'resolved', entry };
  return { status: 'unresolved', suggestions: keySuggestions(item.key, keys) };
}
