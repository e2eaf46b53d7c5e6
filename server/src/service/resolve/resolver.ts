// Matches each citation item to the entries that serve it, and says how it fails when it does not match.
import type { CitationItem, ReferenceEntry } from '../model';
import { acronym, editDistance, foldedKey, isNearMiss, sameAuthor, surnameKey } from './surname';
import { workKey } from './workKey';

export type ItemResolution =
  /** Exactly one entry has these authors and this year. */
  | { readonly status: 'resolved'; readonly entry: ReferenceEntry }
  /** The first author and year match one entry, but the rest of the author list does not. */
  | { readonly status: 'author-list-mismatch'; readonly entry: ReferenceEntry }
  /** An entry of the same year has a surname a small edit away; `names` pairs each wrong surname with the right one. */
  | { readonly status: 'misspelled-author'; readonly entry: ReferenceEntry; readonly names: readonly MisspelledName[] }
  /** The authors match entries, but none of this year. */
  | { readonly status: 'year-mismatch'; readonly candidates: readonly ReferenceEntry[] }
  /** Several entries share these authors and this year. */
  | { readonly status: 'ambiguous'; readonly candidates: readonly ReferenceEntry[] }
  | { readonly status: 'unresolved'; readonly suggestions: readonly ReferenceEntry[] }
  /** No reference list or bibliography serves the citation: nothing to check against. */
  | { readonly status: 'unchecked' };

export interface MisspelledName {
  /** Index into the item's `authors`. */
  readonly index: number;
  readonly written: string;
  readonly intended: string;
}

/** The same resolution with each entry replaced by `current(entry)`: the entry at its place in a later version. */
export function withCurrentEntries(resolution: ItemResolution, current: (entry: ReferenceEntry) => ReferenceEntry): ItemResolution {
  switch (resolution.status) {
    case 'resolved':
    case 'author-list-mismatch':
    case 'misspelled-author':
      return { ...resolution, entry: current(resolution.entry) };
    case 'year-mismatch':
    case 'ambiguous':
      return { ...resolution, candidates: resolution.candidates.map(current) };
    case 'unresolved':
      return { ...resolution, suggestions: resolution.suggestions.map(current) };
    case 'unchecked':
      return resolution;
  }
}

/** The entry a citation item points at, if it identifies one (a warning, not an error, may still be attached). */
export function resolvedEntry(resolution: ItemResolution): ReferenceEntry | null {
  return resolution.status === 'resolved' || resolution.status === 'author-list-mismatch' ? resolution.entry : null;
}

/** The entries the writer most likely meant, whether or not the citation resolves: used for "unused" and hovers. */
export function intendedEntries(resolution: ItemResolution): readonly ReferenceEntry[] {
  switch (resolution.status) {
    case 'resolved':
    case 'author-list-mismatch':
    case 'misspelled-author':
      return [resolution.entry];
    case 'year-mismatch':
      return resolution.candidates.length === 1 ? resolution.candidates : [];
    case 'ambiguous':
      return resolution.candidates;
    case 'unresolved':
      return resolution.suggestions.length === 1 ? resolution.suggestions : [];
    default:
      return [];
  }
}

type NameTest = (cited: string, listed: string) => boolean;

/** Whether the item's author list (with et al.) agrees with the entry's, comparing names with `same`. */
function authorsAgree(item: CitationItem, entry: ReferenceEntry, same: NameTest): boolean {
  const cited = item.authors;
  const listed = entry.authors;
  if (item.etAl) {
    return listed.length >= 3 && listed.length > cited.length && cited.every((name, i) => same(name, listed[i]));
  }
  return cited.length === listed.length && cited.every((name, i) => same(name, listed[i]));
}

const baseYear = (year: string | null) => (year ?? '').replace(/[a-r]$/, '');

function nearOrSame(cited: string, listed: string): boolean {
  return sameAuthor(cited, listed) || isNearMiss(cited, listed);
}

function misspelledNames(item: CitationItem, entry: ReferenceEntry): MisspelledName[] {
  const names: MisspelledName[] = [];
  item.authors.forEach((written, index) => {
    const intended = entry.authors[index];
    if (!sameAuthor(written, intended)) names.push({ index, written, intended });
  });
  return names;
}

function closeness(item: CitationItem, entry: ReferenceEntry): number {
  let total = 0;
  item.authors.forEach((name, i) => {
    total += editDistance(foldedKey(name), foldedKey(entry.authors[i] ?? ''), 4);
  });
  return total;
}

function distinctWorks(entries: readonly ReferenceEntry[]): ReferenceEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const key = workKey(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The entries of one list, indexed by first author so that resolving a citation does not scan them all. */
export interface EntryIndex {
  readonly entries: readonly ReferenceEntry[];
  /** First author's surnameKey, and its acronym for organisations (`WHO`), to the entries. */
  readonly byFirstAuthor: ReadonlyMap<string, readonly ReferenceEntry[]>;
  /** Entries by year (`2001a` as written, '' for none): where a misspelt name is looked for. */
  readonly byYear: ReadonlyMap<string, readonly ReferenceEntry[]>;
}

export function indexEntries(entries: readonly ReferenceEntry[]): EntryIndex {
  const byFirstAuthor = new Map<string, ReferenceEntry[]>();
  const byYear = new Map<string, ReferenceEntry[]>();
  const add = (map: Map<string, ReferenceEntry[]>, key: string, entry: ReferenceEntry) => {
    const list = map.get(key);
    if (list) list.push(entry);
    else map.set(key, [entry]);
  };
  for (const entry of entries) {
    add(byYear, entry.year ?? '', entry);
    const first = entry.authors[0];
    if (first === undefined) continue;
    add(byFirstAuthor, surnameKey(first), entry);
    if (/\s/.test(first)) add(byFirstAuthor, surnameKey(acronym(first)), entry);
  }
  return { entries, byFirstAuthor, byYear };
}

export function resolveAuthorDateItem(item: CitationItem, index: EntryIndex | null): ItemResolution {
  if (index === null) return { status: 'unchecked' };
  // Entries whose first author is the cited first author (or its acronym): all the cheap cases come from here.
  const sameFirstAuthor = (index.byFirstAuthor.get(surnameKey(item.authors[0] ?? '')) ?? []).filter((e) => sameAuthor(item.authors[0], e.authors[0]));
  const sameAuthors = sameFirstAuthor.filter((e) => authorsAgree(item, e, sameAuthor));
  // A work listed twice is the duplicate-reference rule's concern: cite the first listing.
  const exact = distinctWorks(sameAuthors.filter((e) => e.year === item.year));
  if (exact.length === 1) return { status: 'resolved', entry: exact[0] };
  if (exact.length > 1) return { status: 'ambiguous', candidates: exact };

  // `Lee 2001` when the list has `2001a` and `2001b`.
  if (item.year && baseYear(item.year) === item.year) {
    const suffixed = sameAuthors.filter((e) => e.year !== item.year && baseYear(e.year) === item.year);
    if (suffixed.length > 1) return { status: 'ambiguous', candidates: suffixed };
  }

  const near = (index.byYear.get(item.year ?? '') ?? []).filter((e) => authorsAgree(item, e, nearOrSame));
  if (near.length > 0) {
    const best = [...near].sort((a, b) => closeness(item, a) - closeness(item, b))[0];
    return { status: 'misspelled-author', entry: best, names: misspelledNames(item, best) };
  }

  // Same first author and year, but a co-author dropped, added or different, or et al. for fewer than three.
  const coAuthorsDiffer = sameFirstAuthor.filter((e) => e.year === item.year && !authorsAgree(item, e, sameAuthor));
  if (coAuthorsDiffer.length > 0) {
    const best = [...coAuthorsDiffer].sort((a, b) => Math.abs(a.authors.length - item.authors.length) - Math.abs(b.authors.length - item.authors.length))[0];
    return { status: 'author-list-mismatch', entry: best };
  }

  const otherYears = sameAuthors.length > 0 ? sameAuthors : sameFirstAuthor;
  if (otherYears.length > 0) return { status: 'year-mismatch', candidates: otherYears };

  const suggestions = index.entries.filter((e) => authorsAgree(item, e, nearOrSame));
  return { status: 'unresolved', suggestions };
}
