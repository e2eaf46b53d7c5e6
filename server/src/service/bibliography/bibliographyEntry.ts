// What every bibliography reader returns: ReferenceEntry objects that also carry, under a symbol, what the
// reader knew about them (BibTeX fields, the CSL item, the RIS record). A symbol keeps that data out of
// JSON output and out of the model's type, yet object spread (`{ ...entry, id }`) still copies it.
import type { Range } from 'vscode-languageserver-types';
import type { ReferenceEntry } from '../model';
import type { BibField } from './bibScanner';
import type { LineIndex } from './lineIndex';

export type BibliographyFormat = 'bibtex' | 'csl-json' | 'csl-yaml' | 'ris';

/** A CSL-JSON item as found in a file; open-ended, like the format. */
export type CslItem = Readonly<Record<string, unknown>>;

export interface BibtexSource {
  readonly format: 'bibtex';
  /** Entry type in lower case (`article`, `incollection`). */
  readonly type: string;
  /** Fields after `@string` expansion and `crossref`/`xdata` inheritance; inherited ones point into the parent. */
  readonly fields: ReadonlyMap<string, BibField>;
  readonly lines: LineIndex;
}

export interface CslSource {
  readonly format: 'csl-json' | 'csl-yaml';
  readonly item: CslItem;
}

export interface RisSource {
  readonly format: 'ris';
  /** The record from its `TY` line to its `ER` line. */
  readonly recordText: string;
}

export type EntrySource = BibtexSource | CslSource | RisSource;

export const bibliographySource: unique symbol = Symbol('citewright.bibliographySource');

export interface BibliographyEntry extends ReferenceEntry {
  readonly [bibliographySource]: EntrySource;
}

export type BibliographyProblemKind = 'syntax' | 'duplicate-key';

export interface BibliographyProblem {
  /** `syntax` for an entry that cannot be read (`bibliography-syntax`), `duplicate-key` for a key seen twice. */
  readonly kind: BibliographyProblemKind;
  readonly message: string;
  readonly range: Range;
  /** Where a duplicate key was first defined, or where reading a broken entry stopped. */
  readonly related: { readonly message: string; readonly range: Range } | null;
}

export interface BibliographyReadResult {
  readonly entries: BibliographyEntry[];
  readonly problems: BibliographyProblem[];
}

export interface ReadOptions {
  /** Entry ids are `idPrefix` followed by a running number (default `R`). */
  readonly idPrefix?: string;
  /** Number of the first entry's id (default 1). */
  readonly firstIdNumber?: number;
}

export function entryId(options: ReadOptions | undefined, index: number): string {
  return `${options?.idPrefix ?? 'R'}${(options?.firstIdNumber ?? 1) + index}`;
}

/** What the reader knew about an entry, or null for entries that do not come from a bibliography file. */
export function entrySource(entry: ReferenceEntry): EntrySource | null {
  return (entry as Partial<BibliographyEntry>)[bibliographySource] ?? null;
}

/**
 * The fields of an entry read from a `.bib` file, as written in LaTeX after `@string` expansion and
 * `crossref`/`xdata` inheritance (`latexToUnicode` turns a value into text); null for other entries.
 */
export function bibFields(entry: ReferenceEntry): ReadonlyMap<string, string> | null {
  const source = entrySource(entry);
  if (source?.format !== 'bibtex') return null;
  const values = new Map<string, string>();
  for (const [name, field] of source.fields) values.set(name, field.value);
  return values;
}

/** Range of a field's value in the `.bib` file (in the parent entry for an inherited field). */
export function bibFieldRange(entry: ReferenceEntry, name: string): Range | null {
  const source = entrySource(entry);
  if (source?.format !== 'bibtex') return null;
  const field = source.fields.get(name.toLowerCase());
  return field === undefined ? null : source.lines.range(field.valueStart, field.valueEnd);
}

/** The `.bib` entry type in lower case, or null for entries from other sources. */
export function bibEntryType(entry: ReferenceEntry): string | null {
  const source = entrySource(entry);
  return source?.format === 'bibtex' ? source.type : null;
}
