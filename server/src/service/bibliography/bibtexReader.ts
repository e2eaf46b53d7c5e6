// `.bib` files to ReferenceEntry objects: the scan, then `crossref`/`xdata` inheritance, names, year,
// title and pages for each entry. Nothing here loads citation-js.
import type { EntryKind, PageRange, ReferenceEntry } from '../model';
import type { BibFieldTable } from './bibFieldTable';
import type { BibEntryRecord, ScanOptions } from './bibScanner';
import { scanBibtex } from './bibScanner';
import { initialsOf, parseBibNames } from './bibNames';
import type { BibNameList } from './bibNames';
import { bibliographySource, entryId } from './bibliographyEntry';
import type { BibliographyEntry, BibliographyReadResult, BibtexSource, ReadOptions } from './bibliographyEntry';
import { latexToUnicode } from './latexText';
import { LineIndex } from './lineIndex';
import { ScannedText } from './scannedText';
import { entryLabel, pageRangeIn, yearIn } from './referenceFacts';
import type { LabelName } from './referenceFacts';
import type { Range } from 'vscode-languageserver-types';

const ENTRY_KINDS: ReadonlyMap<string, EntryKind> = new Map([
  ['article', 'article'], ['suppperiodical', 'article'],
  ['book', 'book'], ['mvbook', 'book'], ['collection', 'book'], ['mvcollection', 'book'],
  ['proceedings', 'book'], ['mvproceedings', 'book'], ['reference', 'book'], ['mvreference', 'book'],
  ['booklet', 'book'],
  ['incollection', 'chapter'], ['inbook', 'chapter'], ['bookinbook', 'chapter'], ['suppbook', 'chapter'],
  ['suppcollection', 'chapter'], ['inproceedings', 'chapter'], ['conference', 'chapter'], ['inreference', 'chapter'],
  ['online', 'web'], ['electronic', 'web'], ['www', 'web'],
]);

/** Fields a child never takes from its `crossref` parent (biblatex's defaults). */
const NOT_INHERITED: ReadonlySet<string> = new Set([
  'ids', 'crossref', 'xref', 'xdata', 'entryset', 'entrysubtype', 'execute', 'label', 'options', 'presort',
  'related', 'relatedoptions', 'relatedstring', 'relatedtype', 'shorthand', 'shorthandintro', 'sortkey',
]);

const MULTIVOLUME_PARENTS: ReadonlySet<string> = new Set(['mvbook', 'mvcollection', 'mvreference', 'mvproceedings']);
const MULTIVOLUME_CHILDREN: ReadonlySet<string> = new Set([
  'book', 'inbook', 'bookinbook', 'suppbook', 'collection', 'reference', 'incollection', 'inreference',
  'suppcollection', 'proceedings', 'inproceedings',
]);
const VOLUME_PARENTS: ReadonlySet<string> = new Set(['book', 'collection', 'reference', 'proceedings']);
const PART_CHILDREN: ReadonlySet<string> = new Set([
  'inbook', 'bookinbook', 'suppbook', 'incollection', 'suppcollection', 'inreference', 'inproceedings',
]);
const TITLE_FIELDS: ReadonlySet<string> = new Set(['shorttitle', 'sorttitle', 'indextitle', 'indexsorttitle']);

/** Names a parent's field takes in a `crossref` child, following biblatex's default inheritance rules. */
function inheritedNames(parentType: string, childType: string, field: string): readonly string[] {
  if (NOT_INHERITED.has(field)) return [];
  let prefix: string | null = null;
  if (MULTIVOLUME_PARENTS.has(parentType) && MULTIVOLUME_CHILDREN.has(childType)) prefix = 'main';
  else if (VOLUME_PARENTS.has(parentType) && PART_CHILDREN.has(childType)) prefix = 'book';
  else if (parentType === 'periodical' && (childType === 'article' || childType === 'suppperiodical')) prefix = 'journal';
  if (prefix !== null) {
    if (field === 'title' || field === 'subtitle' || field === 'titleaddon') return [prefix + field];
    if (TITLE_FIELDS.has(field)) return [];
  }
  if (field === 'author' && parentType === 'book' && (childType === 'inbook' || childType === 'bookinbook' || childType === 'suppbook')) {
    return ['author', 'bookauthor'];
  }
  return [field];
}

/** Rows of a record's own fields, first occurrence of each name only. */
function ownRows(table: BibFieldTable, record: BibEntryRecord): Map<string, number> {
  const rows = new Map<string, number>();
  for (let row = record.firstField; row < record.firstField + record.fieldCount; row++) {
    const name = table.nameOf(row);
    if (!rows.has(name)) rows.set(name, row);
  }
  return rows;
}

/** Finds a record's own field by name id without building anything: entries have a dozen fields. */
function ownRow(table: BibFieldTable, record: BibEntryRecord, nameId: number): number {
  for (let row = record.firstField; row < record.firstField + record.fieldCount; row++) {
    if (table.nameIdOf(row) === nameId) return row;
  }
  return -1;
}

/** Resolves `crossref` and `xdata` once per entry, and only for entries that use them. */
class Inheritance {
  private readonly resolved = new Map<BibEntryRecord, ReadonlyMap<string, number> | null>();
  private readonly inProgress = new Set<BibEntryRecord>();
  /** Every field of a parent, kept: the children of one parent (a proceedings and its papers) each ask. */
  private readonly rowsOfParents = new Map<BibEntryRecord, ReadonlyMap<string, number>>();
  private readonly crossrefId: number;
  private readonly xdataId: number;

  constructor(
    private readonly table: BibFieldTable,
    /** Where in `records` the first entry of each key is: parents are found by key. */
    private readonly firstByKey: ReadonlyMap<string, number>,
    private readonly records: readonly BibEntryRecord[],
  ) {
    this.crossrefId = table.nameId('crossref');
    this.xdataId = table.nameId('xdata');
  }

  /** Fields a record takes from its parents, by the name they take in it; null when it has no parents. */
  inheritedBy(record: BibEntryRecord): ReadonlyMap<string, number> | null {
    const table = this.table;
    const crossrefRow = ownRow(table, record, this.crossrefId);
    const xdataRow = ownRow(table, record, this.xdataId);
    if (crossrefRow === -1 && xdataRow === -1) return null;
    const known = this.resolved.get(record);
    if (known !== undefined) return known;
    if (this.inProgress.has(record)) return null; // a cycle: stop inheriting
    this.inProgress.add(record);
    const own = ownRows(table, record);
    const inherited = new Map<string, number>();
    const take = (name: string, row: number): void => {
      if (!own.has(name) && !inherited.has(name)) inherited.set(name, row);
    };
    if (xdataRow !== -1) {
      for (const key of table.value(xdataRow).split(',')) {
        const parent = this.parent(key.trim());
        if (parent === undefined) continue;
        for (const [name, row] of this.allRows(parent)) if (!NOT_INHERITED.has(name)) take(name, row);
      }
    }
    const parent = crossrefRow === -1 ? undefined : this.parent(table.value(crossrefRow).trim());
    if (parent !== undefined) {
      for (const [name, row] of this.allRows(parent)) {
        for (const target of inheritedNames(parent.type, record.type, name)) take(target, row);
      }
    }
    this.inProgress.delete(record);
    const result = inherited.size === 0 ? null : inherited;
    this.resolved.set(record, result);
    return result;
  }

  private parent(key: string): BibEntryRecord | undefined {
    const at = this.firstByKey.get(key);
    return at === undefined ? undefined : this.records[at];
  }

  private allRows(record: BibEntryRecord): ReadonlyMap<string, number> {
    const known = this.rowsOfParents.get(record);
    if (known !== undefined) return known;
    const rows = ownRows(this.table, record);
    const inherited = this.inheritedBy(record);
    if (inherited !== null) for (const [name, row] of inherited) if (!rows.has(name)) rows.set(name, row);
    // A record in a crossref cycle is seen here without what it inherits: not kept.
    if (!this.inProgress.has(record)) this.rowsOfParents.set(record, rows);
    return rows;
  }
}

/** Ids of the fields every entry is asked for. */
interface FieldIds {
  readonly author: number;
  readonly editor: number;
  readonly title: number;
  readonly subtitle: number;
  readonly year: number;
  readonly date: number;
  readonly pages: number;
  readonly booktitle: number;
  readonly journaltitle: number;
  readonly journal: number;
}

function labelNames(list: BibNameList): LabelName[] {
  return list.names.map((name) => ({ surname: name.surname, initials: initialsOf(name.given) }));
}

/** What the entries of one file share: its text, lines, fields and inheritance, and how their ids are made. */
class EntryBuilder {
  private readonly ids: FieldIds;

  constructor(
    /** The file's path as the host names it: each entry's `source`. */
    readonly path: string,
    private readonly options: ReadOptions | undefined,
    private readonly scanned: ScannedText,
    private readonly lines: LineIndex,
    private readonly table: BibFieldTable,
    private readonly inheritance: Inheritance,
  ) {
    const id = (name: string): number => table.nameId(name);
    this.ids = {
      author: id('author'), editor: id('editor'), title: id('title'), subtitle: id('subtitle'), year: id('year'),
      date: id('date'), pages: id('pages'), booktitle: id('booktitle'), journaltitle: id('journaltitle'),
      journal: id('journal'),
    };
  }

  /**
   * Ranges of spans (in order) inside a field's value (`value`, of row `row`) when the value is the file's
   * text, else each the range of the whole value.
   */
  private rangesIn(row: number, value: string, spans: readonly { readonly start: number; readonly end: number }[]): Range[] {
    if (spans.length === 0) return [];
    const contentStart = this.table.contentStart(row);
    if (contentStart < 0) return spans.map(() => this.lines.range(this.table.valueStart(row), this.table.valueEnd(row)));
    const positions = this.lines.positionsIn(contentStart, value, spans.flatMap((span) => [span.start, span.end]));
    return spans.map((_, i) => ({ start: positions[2 * i], end: positions[2 * i + 1] }));
  }

  private names(row: number): BibNameList {
    return row === -1 ? NO_NAMES : parseBibNames(this.table.value(row));
  }

  private yearRow(record: BibEntryRecord, inherited: ReadonlyMap<string, number> | null): number {
    const own = this.row(record, inherited, this.ids.year, 'year');
    return own !== -1 ? own : this.row(record, inherited, this.ids.date, 'date');
  }

  private pages(row: number): PageRange | null {
    if (row === -1) return null;
    const value = this.table.value(row);
    const written = pageRangeIn(value);
    if (written !== null) {
      return { text: value.trim(), first: written.first, last: written.last, range: this.rangesIn(row, value, [written])[0] };
    }
    // `50\,--\,70` and the like: read the decoded text, point at the whole value.
    const decoded = pageRangeIn(latexToUnicode(value));
    if (decoded === null) return null;
    const range = this.lines.range(this.table.valueStart(row), this.table.valueEnd(row));
    return { text: value.trim(), first: decoded.first, last: decoded.last, range };
  }

  private decoded(row: number): string | null {
    if (row === -1) return null;
    const text = latexToUnicode(this.table.value(row));
    return text === '' ? null : text;
  }

  /** `Title: Subtitle` (no colon after a title that ends in punctuation). */
  private title(record: BibEntryRecord, inherited: ReadonlyMap<string, number> | null): string | null {
    const title = this.decoded(this.row(record, inherited, this.ids.title, 'title'));
    const subtitle = this.decoded(this.row(record, inherited, this.ids.subtitle, 'subtitle'));
    if (title === null || subtitle === null) return title;
    return /[.?!:]$/.test(title) ? `${title} ${subtitle}` : `${title}: ${subtitle}`;
  }

  /** The row of a field of an entry: its own first, then an inherited one; -1 when it has none. */
  private row(record: BibEntryRecord, inherited: ReadonlyMap<string, number> | null, nameId: number, name: string): number {
    const own = ownRow(this.table, record, nameId);
    return own !== -1 || inherited === null ? own : inherited.get(name) ?? -1;
  }

  /** What searching and matching an entry needs: surnames, year, title, container. */
  core(record: BibEntryRecord, inherited: ReadonlyMap<string, number> | null): BibtexCore {
    const { ids } = this;
    const yearRow = this.yearRow(record, inherited);
    return {
      authors: surnames(this.names(this.row(record, inherited, ids.author, 'author'))),
      editors: surnames(this.names(this.row(record, inherited, ids.editor, 'editor'))),
      year: yearRow === -1 ? null : yearIn(this.table.value(yearRow))?.value ?? null,
      title: this.title(record, inherited),
      container: this.decoded(this.row(record, inherited, ids.booktitle, 'booktitle')) ??
        this.decoded(this.row(record, inherited, ids.journaltitle, 'journaltitle')) ??
        this.decoded(this.row(record, inherited, ids.journal, 'journal')),
    };
  }

  /** Where an entry's surnames, year and pages are written. */
  locations(record: BibEntryRecord, inherited: ReadonlyMap<string, number> | null): BibtexLocations {
    const authorRow = this.row(record, inherited, this.ids.author, 'author');
    const authors = authorRow === -1 ? '' : this.table.value(authorRow);
    const yearRow = this.yearRow(record, inherited);
    const yearValue = yearRow === -1 ? '' : this.table.value(yearRow);
    const year = yearRow === -1 ? null : yearIn(yearValue);
    return {
      authorRanges: this.rangesIn(authorRow, authors, this.names(authorRow).names.map((name) => ({ start: name.surnameStart, end: name.surnameEnd }))),
      yearRange: year === null ? null : this.rangesIn(yearRow, yearValue, [year])[0],
      pages: this.pages(this.row(record, inherited, this.ids.pages, 'pages')),
    };
  }

  /** `Knuth, D. E. (1984)`: the names are read again for their initials, which nothing else keeps. */
  label(record: BibEntryRecord, inherited: ReadonlyMap<string, number> | null, core: BibtexCore): string {
    const authors = this.names(this.row(record, inherited, this.ids.author, 'author'));
    const editors = this.names(this.row(record, inherited, this.ids.editor, 'editor'));
    return entryLabel(labelNames(authors), labelNames(editors), core.year, core.title, record.key);
  }

  range(start: number, end: number): Range {
    return this.lines.range(start, end);
  }

  slice(start: number, end: number): string {
    return this.scanned.slice(start, end);
  }

  /** Offset in the decoded text of an offset of the scanned text. */
  textOffset(offset: number): number {
    return this.scanned.textOffset(offset);
  }

  source(record: BibEntryRecord): BibtexSource {
    return new BibtexEntrySource(record, this.table, this.lines, this.inheritance);
  }

  inheritedBy(record: BibEntryRecord): ReadonlyMap<string, number> | null {
    return this.inheritance.inheritedBy(record);
  }

  /** The id of the entry at `index` among the file's entries. */
  entryId(index: number): string {
    return entryId(this.options, index);
  }
}

/** What the reader knows of an entry; what it inherits is worked out when first asked for (its fields are read then). */
class BibtexEntrySource implements BibtexSource {
  readonly format = 'bibtex';
  readonly #inheritance: Inheritance;

  constructor(
    readonly record: BibEntryRecord,
    readonly table: BibFieldTable,
    readonly lines: LineIndex,
    inheritance: Inheritance,
  ) {
    this.#inheritance = inheritance;
  }

  get type(): string {
    return this.record.type;
  }

  get inherited(): ReadonlyMap<string, number> | null {
    return this.#inheritance.inheritedBy(this.record);
  }
}

/** The fields of ReferenceEntry that take work, in the groups they are worked out in. */
type BibtexCore = Pick<ReferenceEntry, 'authors' | 'editors' | 'year' | 'title' | 'container'>;
type BibtexLocations = Pick<ReferenceEntry, 'authorRanges' | 'yearRange' | 'pages'>;

const NO_NAMES: BibNameList = { names: [], others: false };
const NO_SURNAMES: readonly string[] = Object.freeze([]);

/** What an entry has worked out so far, kept in one object made on first need: most entries of a library never need one. */
interface WorkedOut {
  source?: BibtexSource;
  core?: BibtexCore;
  locations?: BibtexLocations;
  label?: string;
  range?: Range;
  keyRange?: Range;
}

function surnames(list: BibNameList): readonly string[] {
  return list.names.length === 0 ? NO_SURNAMES : list.names.map((name) => name.surname);
}

/**
 * An entry of a `.bib` file. Its fields are read, and its facts worked out, on first use, in three groups
 * (surnames, year and titles; ranges inside fields; the label), and kept: reading a 50,000-entry library
 * makes two small objects per entry (this one and the scan's record) instead of some thirty, and nobody pays
 * for what they never ask for. The properties (key, id and what the reader knew of it too) are getters, so
 * object spread (`{ ...entry }`) does not copy them: pass entries on as they are (ids are set by
 * ReadOptions); `JSON.stringify` gives every field.
 */
class BibtexEntry implements BibliographyEntry {
  // Private fields (#): not enumerable, so neither JSON nor a copy carries the builder and the file text.
  readonly #builder: EntryBuilder;
  readonly #record: BibEntryRecord;
  /** Position among the file's entries, for the id. */
  readonly #index: number;
  #id: string | null = null;
  #workedOut: WorkedOut | null = null;

  constructor(builder: EntryBuilder, record: BibEntryRecord, index: number) {
    this.#builder = builder;
    this.#record = record;
    this.#index = index;
  }

  get key(): string {
    return this.#record.key;
  }

  get kind(): EntryKind {
    return ENTRY_KINDS.get(this.#record.type) ?? 'other';
  }

  get id(): string {
    return (this.#id ??= this.#builder.entryId(this.#index));
  }

  get source(): string {
    return this.#builder.path;
  }

  get #kept(): WorkedOut {
    return (this.#workedOut ??= {});
  }

  get [bibliographySource](): BibtexSource {
    return (this.#kept.source ??= this.#builder.source(this.#record));
  }

  get #inherited(): ReadonlyMap<string, number> | null {
    return this.#builder.inheritedBy(this.#record);
  }

  get #known(): BibtexCore {
    return (this.#kept.core ??= this.#builder.core(this.#record, this.#inherited));
  }

  get #where(): BibtexLocations {
    return (this.#kept.locations ??= this.#builder.locations(this.#record, this.#inherited));
  }

  get start(): number {
    return this.#builder.textOffset(this.#record.start);
  }

  get end(): number {
    return this.#builder.textOffset(this.#record.end);
  }

  get range(): Range {
    return (this.#kept.range ??= this.#builder.range(this.#record.start, this.#record.end));
  }

  get text(): string {
    return this.#builder.slice(this.#record.start, this.#record.end);
  }

  get keyRange(): Range {
    return (this.#kept.keyRange ??= this.#builder.range(this.#record.keyStart, this.#record.keyEnd));
  }

  get authors(): readonly string[] {
    return this.#known.authors;
  }

  get authorRanges(): readonly Range[] {
    return this.#where.authorRanges;
  }

  get year(): string | null {
    return this.#known.year;
  }

  get yearRange(): Range | null {
    return this.#where.yearRange;
  }

  get title(): string | null {
    return this.#known.title;
  }

  get container(): string | null {
    return this.#known.container;
  }

  get editors(): readonly string[] {
    return this.#known.editors;
  }

  get pages(): PageRange | null {
    return this.#where.pages;
  }

  get label(): string {
    return (this.#kept.label ??= this.#builder.label(this.#record, this.#inherited, this.#known));
  }

  /** Every field of ReferenceEntry, as a plain object. */
  toJSON(): ReferenceEntry {
    return {
      id: this.id, source: this.source, range: this.range, start: this.start, end: this.end, text: this.text, key: this.key,
      keyRange: this.keyRange, authors: this.authors, authorRanges: this.authorRanges, year: this.year, yearRange: this.yearRange,
      title: this.title, container: this.container, editors: this.editors, pages: this.pages, label: this.label, kind: this.kind,
    };
  }
}

/**
 * Reads a `.bib` file, given as its text or as its UTF-8 bytes (a byte order mark allowed): either way the
 * entries, fields, problems and positions are the same, and from bytes only what is used is decoded. Every
 * readable entry is returned (both entries of a duplicate key too; `@xdata` containers are not, since they
 * cannot be cited); broken entries and duplicate keys are problems.
 */
export function readBibtex(path: string, content: string | Uint8Array, options?: ReadOptions, scanOptions?: ScanOptions): BibliographyReadResult {
  const source = typeof content === 'string' ? ScannedText.ofString(content) : ScannedText.ofBytes(content);
  const lines = new LineIndex(source.content, (start, end) => source.textLength(start, end));
  const scan = scanBibtex(source, lines, scanOptions);
  const inheritance = new Inheritance(scan.fields, scan.firstByKey, scan.entries);
  const builder = new EntryBuilder(path, options, source, lines, scan.fields, inheritance);
  const entries: BibliographyEntry[] = [];
  for (const record of scan.entries) {
    if (record.type === 'xdata') continue;
    entries.push(new BibtexEntry(builder, record, entries.length));
  }
  // Without @xdata containers the entries are the scan's one for one, and its index of keys serves as theirs.
  const byKey = entries.length === scan.entries.length ? new FirstEntryByKey(scan.firstByKey, entries) : undefined;
  return { entries, problems: [...scan.problems], byKey };
}

/** The first entry of each key, read through the scan's positions of keys: a large library makes one map of its keys, not two. */
class FirstEntryByKey implements ReadonlyMap<string, BibliographyEntry> {
  constructor(
    private readonly firstByKey: ReadonlyMap<string, number>,
    private readonly list: readonly BibliographyEntry[],
  ) {}

  get size(): number {
    return this.firstByKey.size;
  }

  get(key: string): BibliographyEntry | undefined {
    const at = this.firstByKey.get(key);
    return at === undefined ? undefined : this.list[at];
  }

  has(key: string): boolean {
    return this.firstByKey.has(key);
  }

  forEach(callback: (entry: BibliographyEntry, key: string, map: ReadonlyMap<string, BibliographyEntry>) => void, thisArg?: unknown): void {
    this.firstByKey.forEach((at, key) => callback.call(thisArg, this.list[at], key, this));
  }

  *entries(): MapIterator<[string, BibliographyEntry]> {
    for (const [key, at] of this.firstByKey) yield [key, this.list[at]];
  }

  keys(): MapIterator<string> {
    return this.firstByKey.keys();
  }

  *values(): MapIterator<BibliographyEntry> {
    for (const at of this.firstByKey.values()) yield this.list[at];
  }

  [Symbol.iterator](): MapIterator<[string, BibliographyEntry]> {
    return this.entries();
  }
}
