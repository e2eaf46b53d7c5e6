// The analysis of one document version: its model plus how every citation item resolves.
// Computed once per version and shared by every rule and feature.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Citation, CitationItem, DocumentModel, ReferenceEntry } from './model';
import { buildDocumentModel } from './documentModel';
import { indexEntries, intendedEntries, resolveAuthorDateItem, type ItemResolution } from './resolve/resolver';

export interface CitedItem {
  readonly citation: Citation;
  readonly item: CitationItem;
  readonly resolution: ItemResolution;
}

export interface Analysis {
  readonly document: TextDocument;
  readonly model: DocumentModel;
  /** Every citation item with its resolution, in document order. */
  readonly items: readonly CitedItem[];
  /** Entry id -> the items that cite it or most likely meant it. */
  readonly citedBy: ReadonlyMap<string, readonly CitedItem[]>;
  readonly entriesById: ReadonlyMap<string, ReferenceEntry>;
}


export function analyseDocument(document: TextDocument): Analysis {
  const model = buildDocumentModel(document);
  const items: CitedItem[] = [];
  const citedBy = new Map<string, CitedItem[]>();
  const indexes = model.lists.map((list) => indexEntries(list.entries));
  for (const citation of model.citations) {
    const index = indexes[citation.listIndex] ?? null;
    for (const item of citation.items) {
      const cited: CitedItem = { citation, item, resolution: resolveAuthorDateItem(item, index) };
      items.push(cited);
      for (const entry of intendedEntries(cited.resolution)) {
        const list = citedBy.get(entry.id);
        if (list) list.push(cited);
        else citedBy.set(entry.id, [cited]);
      }
    }
  }
  return { document, model, items, citedBy, entriesById: new Map(model.entries.map((e) => [e.id, e])) };
}
