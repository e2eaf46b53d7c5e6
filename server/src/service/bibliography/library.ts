// A bibliography file read once per version and shared by every document that names it.
import type { ReferenceEntry } from '../model';
import { indexEntries, type EntryIndex } from '../resolve/resolver';
import { buildKeyOrderedIndex, type SearchIndex } from '../features/entrySearch';
import type { FileSnapshot } from '../workspace';
import { readBibliography } from './bibliographyFile';
import type { BibliographyEntry, BibliographyProblem } from './bibliographyEntry';
import { baseName } from './uris';

export interface Library {
  readonly uri: string;
  readonly version: string;
  readonly entries: readonly BibliographyEntry[];
  readonly problems: readonly BibliographyProblem[];
  /** The first entry of each key (a duplicate key is a problem of the file). */
  readonly byKey: ReadonlyMap<string, ReferenceEntry>;
  /** Entries by first author, for author-date documents that cite library works. Built on first use. */
  authorIndex(): EntryIndex;
  /** Search texts for completion and "Insert Citation". Built on first use. */
  searchIndex(): SearchIndex;
}

function firstEntryByKey(entries: readonly ReferenceEntry[]): ReadonlyMap<string, ReferenceEntry> {
  const byKey = new Map<string, ReferenceEntry>();
  for (const entry of entries) if (entry.key !== null && !byKey.has(entry.key)) byKey.set(entry.key, entry);
  return byKey;
}

export function readLibrary(uri: string, snapshot: FileSnapshot): Library {
  const name = baseName(uri);
  const { entries, problems, byKey = firstEntryByKey(entries) } = readBibliography(name, snapshot, { idPrefix: `${name}#` });
  let index: EntryIndex | undefined;
  let search: SearchIndex | undefined;
  return {
    uri,
    version: snapshot.version,
    entries,
    problems,
    byKey,
    authorIndex: () => (index ??= indexEntries(entries)),
    searchIndex: () => (search ??= buildKeyOrderedIndex(entries)),
  };
}

/** Keeps one read of each bibliography file per version. */
export class LibraryCache {
  private readonly libraries = new Map<string, Library>();

  get(uri: string, snapshot: FileSnapshot): Library {
    const cached = this.libraries.get(uri);
    if (cached && cached.version === snapshot.version) return cached;
    const library = readLibrary(uri, snapshot);
    this.libraries.set(uri, library);
    return library;
  }

  forget(uri: string): void {
    this.libraries.delete(uri);
  }
}
