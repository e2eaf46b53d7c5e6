// The analysis of one document version against its bibliographies: how every citation item resolves.
// Computed once per document version and bibliography versions, and shared by every rule and feature.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { BibliographySource } from './bibliography/discovery';
import type { Library } from './bibliography/library';
import type { Citation, CitationItem, DocumentModel, ReferenceEntry, ReferenceList } from './model';
import { resolveKeyItem } from './resolve/keyResolver';
import { indexEntries, intendedEntries, resolveAuthorDateItem, withCurrentEntries, type EntryIndex, type ItemResolution } from './resolve/resolver';

export interface CitedItem {
  readonly citation: Citation;
  readonly item: CitationItem;
  readonly resolution: ItemResolution;
}

export interface LoadedBibliography {
  readonly source: BibliographySource;
  /** Null when the file does not exist (or may not be read). */
  readonly library: Library | null;
  /** Why the host refused to read the file (see `CitationWorkspace.refusal`). */
  readonly refusal?: string;
}

export interface Analysis {
  readonly document: TextDocument;
  readonly model: DocumentModel;
  readonly bibliographies: readonly LoadedBibliography[];
  /** Every citation item with its resolution, in document order. */
  readonly items: readonly CitedItem[];
  /** Entry id -> the items that cite it or most likely meant it. */
  readonly citedBy: ReadonlyMap<string, readonly CitedItem[]>;
  /** Keyed entries of the document and its bibliographies; the first of a key wins. Null when there are none to check against. */
  readonly keys: ReadonlyMap<string, ReferenceEntry> | null;
  /** What the next version's analysis may take over. */
  readonly resolutions: AuthorDateResolutions;
}

/**
 * The author-date resolutions of an analysis, by item signature, with what they were worked out against. An edit
 * that leaves the reference lists and libraries as they read (lists moved with the text keep their entries' text
 * and ids) leaves them as they are, but for where the entries now stand.
 */
export interface AuthorDateResolutions {
  readonly lists: readonly ReferenceList[];
  readonly libraries: readonly Library[];
  readonly bySignature: ReadonlyMap<string, ItemResolution>;
}

/** Whether two versions' lists hold the same entries, read from the same text (moved at most). */
function sameEntries(previous: readonly ReferenceList[], lists: readonly ReferenceList[]): boolean {
  if (previous.length !== lists.length) return false;
  return lists.every((list, i) => {
    const before = previous[i].entries;
    return before.length === list.entries.length && list.entries.every((entry, k) => entry.id === before[k].id && entry.text === before[k].text);
  });
}

function sameLibraries(previous: readonly Library[], libraries: readonly Library[]): boolean {
  return previous.length === libraries.length && libraries.every((library, i) => library === previous[i]);
}

function keyMap(model: DocumentModel, libraries: readonly Library[]): ReadonlyMap<string, ReferenceEntry> | null {
  if (model.keyedEntries.length === 0 && libraries.length === 0) return null;
  // The common case, one bibliography file: its own map, not a copy per keystroke.
  if (model.keyedEntries.length === 0 && libraries.length === 1) return libraries[0].byKey;
  const keys = new Map<string, ReferenceEntry>();
  for (const entry of model.keyedEntries) if (entry.key !== null && !keys.has(entry.key)) keys.set(entry.key, entry);
  for (const library of libraries) for (const [key, entry] of library.byKey) if (!keys.has(key)) keys.set(key, entry);
  return keys;
}

/** Author-date citations outside any in-document list are checked against the bibliography files, if any. */
function libraryAuthorIndex(libraries: readonly Library[]): EntryIndex | null {
  if (libraries.length === 0) return null;
  if (libraries.length === 1) return libraries[0].authorIndex();
  return indexEntries(libraries.flatMap((l) => l.entries));
}

/** Items kept from one version to the next keep their signature: a thesis has 1,500 of them. */
const signatures = new WeakMap<CitationItem, { listIndex: number; signature: string }>();

/** What resolving an item depends on: items with the same signature resolve alike. */
function signatureOf(citation: Citation, item: CitationItem): string {
  if (item.key !== null) return `@${item.key}`;
  const known = signatures.get(item);
  if (known?.listIndex === citation.listIndex) return known.signature;
  const signature = `${citation.listIndex}\u0000${item.authors.join('\u0001')}\u0000${item.year}\u0000${item.etAl}`;
  signatures.set(item, { listIndex: citation.listIndex, signature });
  return signature;
}

/** `previous`: the resolutions of the document's last analysis, taken over where they still hold. */
export function analyseDocument(document: TextDocument, model: DocumentModel, bibliographies: readonly LoadedBibliography[], previous?: AuthorDateResolutions): Analysis {
  const libraries = bibliographies.flatMap((b) => (b.library ? [b.library] : []));
  const keys = keyMap(model, libraries);
  let listIndexes: EntryIndex[] | undefined;
  const kept = previous && sameLibraries(previous.libraries, libraries) && sameEntries(previous.lists, model.lists) ? previous.bySignature : null;
  const entryById = kept && new Map(model.entries.map((entry) => [entry.id, entry]));
  const current = (entry: ReferenceEntry) => entryById?.get(entry.id) ?? entry;
  const authorDate = new Map<string, ItemResolution>();
  let outsideLists: EntryIndex | null | undefined;
  const items: CitedItem[] = [];
  const citedBy = new Map<string, CitedItem[]>();
  // A work is usually cited many times: each distinct citation is resolved once.
  const resolved = new Map<string, ItemResolution>();
  for (const citation of model.citations) {
    if (citation.nocite) continue;
    for (const item of citation.items) {
      const signature = signatureOf(citation, item);
      let resolution = resolved.get(signature);
      if (resolution === undefined) {
        if (item.key !== null) resolution = resolveKeyItem(item, keys);
        else {
          const before = kept?.get(signature);
          if (before !== undefined) resolution = withCurrentEntries(before, current);
          else {
            listIndexes ??= model.lists.map((list) => indexEntries(list.entries));
            const index = listIndexes[citation.listIndex] ?? (outsideLists === undefined ? (outsideLists = libraryAuthorIndex(libraries)) : outsideLists);
            resolution = resolveAuthorDateItem(item, index);
          }
          authorDate.set(signature, resolution);
        }
        resolved.set(signature, resolution);
      }
      const cited: CitedItem = { citation, item, resolution };
      items.push(cited);
      for (const entry of intendedEntries(resolution)) {
        const list = citedBy.get(entry.id);
        if (list) list.push(cited);
        else citedBy.set(entry.id, [cited]);
      }
    }
  }
  return { document, model, bibliographies, items, citedBy, keys, resolutions: { lists: model.lists, libraries, bySignature: authorDate } };
}
