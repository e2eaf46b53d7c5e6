// The document model: what the scanners find in one version of one document.
// Every piece carries its range so that rules and features never re-scan text.
import type { Range } from 'vscode-languageserver-types';

export type CitationSyntax = 'author-date' | 'pandoc' | 'latex';
export type CitationForm = 'parenthetical' | 'narrative';

export type LocatorKind = 'page' | 'chapter' | 'section' | 'paragraph' | 'other';

export interface Locator {
  /** As written, e.g. `p.271-2`, `pp. 4–7`, `ch. 3`. */
  readonly text: string;
  readonly range: Range;
  readonly kind: LocatorKind;
  /** First and last number with abbreviated ends expanded (`271-2` gives 271 and 272); null when unreadable. */
  readonly first: number | null;
  readonly last: number | null;
  /** Why the locator cannot be read (reversed range, no number), or null. */
  readonly problem: string | null;
}

export interface CitationItem {
  /** Surnames as written (possessive removed), e.g. `['Medvedev', 'Medvedev']`; empty for keyed citations. */
  readonly authors: readonly string[];
  /** One range per surname, same order as `authors`. */
  readonly authorRanges: readonly Range[];
  readonly etAl: boolean;
  /** Full year as written with its suffix (`2001a`), `n.d.` or `forthcoming`; null for keyed citations. */
  readonly year: string | null;
  readonly yearRange: Range | null;
  /** Citation key for pandoc and LaTeX citations. */
  readonly key: string | null;
  readonly keyRange: Range | null;
  readonly prefix: string | null;
  readonly locator: Locator | null;
  /** Pandoc/LaTeX note text after the locator (`, emphasis added`), as written; absent or null when there is none. */
  readonly suffix?: string | null;
  /** `[-@key]`, `\citeyear`: the author is not printed. */
  readonly suppressAuthor?: boolean;
  /** From the first author (or key) to the end of the locator. */
  readonly range: Range;
}

export interface Citation {
  readonly syntax: CitationSyntax;
  readonly form: CitationForm;
  /** The text inside the brackets for parenthetical citations; name to closing bracket for narrative ones. */
  readonly text: string;
  readonly range: Range;
  /** Including the brackets, for edits that rewrite the whole citation. */
  readonly outerRange: Range;
  readonly outerStart: number;
  readonly outerEnd: number;
  readonly items: readonly CitationItem[];
  /** Index into `DocumentModel.lists` of the reference list that serves this citation, or -1. */
  readonly listIndex: number;
  /** LaTeX `\nocite`: adds entries to the bibliography without citing them in the text. */
  readonly nocite?: boolean;
}

export type EntryKind = 'book' | 'chapter' | 'article' | 'lecture' | 'web' | 'other';

export interface PageRange {
  readonly text: string;
  readonly first: number;
  readonly last: number;
  readonly range: Range;
}

export interface ReferenceEntry {
  /** `R1`, `R2`, ... in document order across all lists (and bibliography files after them). */
  readonly id: string;
  /** `document`, or the bibliography file's path as the host names it. */
  readonly source: string;
  readonly range: Range;
  readonly start: number;
  readonly end: number;
  /** The entry text as written, without its list marker. */
  readonly text: string;
  readonly key: string | null;
  readonly keyRange: Range | null;
  /** Surnames (or organisation names), in order. */
  readonly authors: readonly string[];
  readonly authorRanges: readonly Range[];
  /** Year with suffix (`2001a`), `n.d.`, `forthcoming`, or null. */
  readonly year: string | null;
  readonly yearRange: Range | null;
  readonly title: string | null;
  /** The book a chapter is in, or the journal an article is in. */
  readonly container: string | null;
  readonly editors: readonly string[];
  readonly pages: PageRange | null;
  readonly kind: EntryKind;
  /** The entry up to its year, e.g. `Breslauer, G. W. (1980)`: how messages name it. */
  readonly label: string;
}

/** How a list entry is written, for the reference-format rule. */
export interface EntryShape {
  /** `''` for a paragraph, `-`, `*`, `+`, or `1.` for numbered items. */
  readonly marker: string;
  /** Offset range of the marker and the space after it (empty for paragraphs). */
  readonly markerStart: number;
  readonly markerEnd: number;
  /** `(2019)` or `, 2019.` */
  readonly yearStyle: 'parenthesised' | 'bare' | 'none';
}

export interface ListEntry extends ReferenceEntry {
  readonly shape: EntryShape;
  readonly listIndex: number;
}

export interface ReferenceList {
  readonly index: number;
  readonly heading: string;
  readonly headingRange: Range;
  /** Offsets of the whole list, heading included. */
  readonly start: number;
  readonly end: number;
  readonly range: Range;
  readonly entries: readonly ListEntry[];
}

/** A bibliography file named by the document (front matter, `\bibliography`, ...). */
export interface BibliographyLink {
  readonly path: string;
  readonly range: Range;
}

export type DocumentKind = 'author-date' | 'pandoc' | 'latex';

export interface DocumentModel {
  readonly uri: string;
  readonly version: number;
  readonly kind: DocumentKind;
  readonly citations: readonly Citation[];
  readonly lists: readonly ReferenceList[];
  /** All list entries, in document order. */
  readonly entries: readonly ListEntry[];
  readonly bibliographyLinks: readonly BibliographyLink[];
  /** LaTeX: the main file named by a `% !TEX root = main.tex` comment, as written. */
  readonly texRoot: string | null;
  /** Keyed entries written in the document itself: LaTeX `thebibliography` items, front matter `references:`. */
  readonly keyedEntries: readonly ReferenceEntry[];
  /** Entries of the document's own `references:` that cannot be read. */
  readonly keyedEntryProblems: readonly { readonly message: string; readonly range: Range }[];
  /** The text with code, comments and front matter blanked: where a citation can be written. */
  readonly masked: string;
}
