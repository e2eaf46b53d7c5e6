// What every bibliography reader returns: ReferenceEntry objects that also carry, under a symbol, what the
// reader knew about them (BibTeX fields, the CSL item, the RIS record). A symbol keeps that data out of
// JSON output and out of the model's type, yet object spread (`{ ...entry, id }`) still copies it, but for
// a `.bib` entry, whose properties are getters worked out on first use (pass such entries on as they are).
import type { Range } from 'vscode-languageserver-types';
import type { ReferenceEntry } from '../model';
import type { BibField, BibFieldTable } from './bibFieldTable';
import type { BibEntryRecord } from './bibScanner';
import type { LineIndex } from './lineIndex';

export type BibliographyFormat = 'bibtex' | 'csl-json' | 'csl-yaml' | 'ris';

/** A CSL-JSON item as found in a file; open-ended, like the format. */
export type CslItem = Readonly<Record<string, unknown>>;

export interface BibtexSource {
  readonly format: 'bibtex';
  /** Entry type in lower case (`article`, `incollection`). */
  readonly type: string;
  readonly record: BibEntryRecord;
  /** Fields taken from `crossref`/`xdata` parents (by the name they take here), or null when none. */
  readonly inherited: ReadonlyMap<string, number> | null;
  readonly table: BibFieldTable;
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
  /** The first entry of each key, when the reader has it without building it (else the caller builds it). */
  readonly byKey?: ReadonlyMap<string, BibliographyEntry>;
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
 * The fields of an entry read from a `.bib` file, after `@string` expansion and `crossref`/`xdata`
 * inheritance (an inherited field's offsets point into its parent); null for entries from other sources.
 * Values are LaTeX as written: `latexToUnicode` turns one into text.
 */
export function bibFieldDetails(entry: ReferenceEntry): ReadonlyMap<string, BibField> | null {
  const source = entrySource(entry);
  if (source?.format !== 'bibtex') return null;
  const fields = new Map<string, BibField>();
  for (const [name, row] of fieldRows(source)) fields.set(name, source.table.field(row, name));
  return fields;
}

/** The table rows of an entry's fields by name: its own, then inherited ones. */
function fieldRows({ record, table, inherited }: BibtexSource): Map<string, number> {
  const rows = new Map<string, number>();
  for (let row = record.firstField; row < record.firstField + record.fieldCount; row++) {
    const name = table.nameOf(row);
    // Like BibTeX, the first of two fields with the same name counts.
    if (!rows.has(name)) rows.set(name, row);
  }
  if (inherited !== null) {
    for (const [name, row] of inherited) if (!rows.has(name)) rows.set(name, row);
  }
  return rows;
}

/** Field values of a `.bib` entry by name, as `bibFieldDetails` gives them; null for other entries. */
export function bibFields(entry: ReferenceEntry): ReadonlyMap<string, string> | null {
  const details = bibFieldDetails(entry);
  if (details === null) return null;
  const values = new Map<string, string>();
  for (const [name, field] of details) values.set(name, field.value);
  return values;
}

/** Range of a field's value in the `.bib` file (in the parent entry for an inherited field). */
export function bibFieldRange(entry: ReferenceEntry, name: string): Range | null {
  const source = entrySource(entry);
  if (source?.format !== 'bibtex') return null;
  const row = fieldRows(source).get(name.toLowerCase());
  return row === undefined ? null : source.lines.range(source.table.valueStart(row), source.table.valueEnd(row));
}

/** The `.bib` entry type in lower case, or null for entries from other sources. */
export function bibEntryType(entry: ReferenceEntry): string | null {
  const source = entrySource(entry);
  return source?.format === 'bibtex' ? source.type : null;
}
