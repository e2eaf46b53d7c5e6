// Builds the document model from one version of a document: masking, reference lists, citations.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import type { Citation, DocumentKind, DocumentModel, ReferenceList } from './model';
import { surnameKey } from './resolve/surname';
import { scanAuthorDate } from './syntax/authorDateScanner';
import { maskLatex, maskMarkdown } from './syntax/mask';
import { readReferenceLists } from './syntax/referenceList';

export function documentKind(languageId: string, uri: string): DocumentKind {
  if (languageId === 'latex' || languageId === 'tex' || /\.tex$/i.test(uri)) return 'latex';
  return 'author-date';
}

/** Blanks the reference lists so that `Breslauer, G. W. (1980)` in an entry is not read as a citation. */
function blankLists(masked: string, lists: readonly ReferenceList[]): string {
  let result = masked;
  for (const list of lists) {
    const blanked = result.slice(list.start, list.end).replace(/[^\r\n]/g, ' ');
    result = result.slice(0, list.start) + blanked + result.slice(list.end);
  }
  return result;
}

/**
 * The list that serves a citation: the first list after it (each list serves the text between the previous
 * list and itself); text after the last list is served by the last one.
 */
function servingList(citation: Citation, lists: readonly ReferenceList[]): number {
  for (const list of lists) if (list.start > citation.outerStart) return list.index;
  return lists.length - 1;
}

export function buildDocumentModel(document: TextDocument): DocumentModel {
  const text = document.getText();
  const kind = documentKind(document.languageId, document.uri);
  const toRange = (start: number, end: number): Range => ({ start: document.positionAt(start), end: document.positionAt(end) });
  const masked = kind === 'latex' ? maskLatex(text).text : maskMarkdown(text).text;
  const lists = kind === 'latex' ? [] : readReferenceLists(text, masked, toRange);
  const knownNames = new Set<string>();
  for (const list of lists) for (const entry of list.entries) {
    for (const author of entry.authors) knownNames.add(surnameKey(author));
  }
  const citations = kind === 'latex'
    ? []
    : scanAuthorDate({ text, masked: blankLists(masked, lists), toRange, knownNames }).map((c) => ({ ...c, listIndex: servingList(c, lists) }));
  return {
    uri: document.uri,
    version: document.version,
    kind,
    citations,
    lists,
    entries: lists.flatMap((l) => l.entries),
    bibliographyLinks: [],
    masked,
  };
}
