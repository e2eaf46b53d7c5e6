// `.bib` files to ReferenceEntry objects: the scan, then `crossref`/`xdata` inheritance, names, year,
// title and pages for each entry. Nothing here loads citation-js.
import type { EntryKind, PageRange } from '../model';
import type { BibEntryRecord, BibField } from './bibScanner';
import { scanBibtex } from './bibScanner';
import { initialsOf, parseBibNames } from './bibNames';
import type { BibNameList } from './bibNames';
import { bibliographySource, entryId } from './bibliographyEntry';
import type { BibliographyEntry, BibliographyReadResult, ReadOptions } from './bibliographyEntry';
import { latexToUnicode } from './latexText';
import { LineIndex } from './lineIndex';
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

/** Resolves `crossref` and `xdata` once per entry, and only for entries that use them. */
class Inheritance {
  private readonly byKey = new Map<string, BibEntryRecord>();
  private readonly resolved = new Map<BibEntryRecord, ReadonlyMap<string, BibField>>();
  private readonly inProgress = new Set<BibEntryRecord>();

  constructor(records: readonly BibEntryRecord[]) {
    for (const record of records) if (!this.byKey.has(record.key)) this.byKey.set(record.key, record);
  }

  fieldsOf(record: BibEntryRecord): ReadonlyMap<string, BibField> {
    const crossref = record.fields.get('crossref');
    const xdata = record.fields.get('xdata');
    if (crossref === undefined && xdata === undefined) return record.fields;
    const known = this.resolved.get(record);
    if (known !== undefined) return known;
    if (this.inProgress.has(record)) return record.fields; // a cycle: stop inheriting
    this.inProgress.add(record);
    const fields = new Map(record.fields);
    if (xdata !== undefined) {
      for (const key of xdata.value.split(',')) {
        const parent = this.byKey.get(key.trim());
        if (parent === undefined) continue;
        for (const [name, field] of this.fieldsOf(parent)) {
          if (!NOT_INHERITED.has(name) && !fields.has(name)) fields.set(name, field);
        }
      }
    }
    const parent = crossref === undefined ? undefined : this.byKey.get(crossref.value.trim());
    if (parent !== undefined) {
      for (const [name, field] of this.fieldsOf(parent)) {
        for (const target of inheritedNames(parent.type, record.type, name)) {
          if (!fields.has(target)) fields.set(target, target === name ? field : { ...field, name: target });
        }
      }
    }
    this.inProgress.delete(record);
    this.resolved.set(record, fields);
    return fields;
  }
}

function decodedField(fields: ReadonlyMap<string, BibField>, name: string): string | null {
  const field = fields.get(name);
  if (field === undefined) return null;
  const text = latexToUnicode(field.value);
  return text === '' ? null : text;
}

/** `Title: Subtitle` (no colon after a title that ends in punctuation). */
function titleOf(fields: ReadonlyMap<string, BibField>): string | null {
  const title = decodedField(fields, 'title');
  const subtitle = decodedField(fields, 'subtitle');
  if (title === null || subtitle === null) return title;
  return /[.?!:]$/.test(title) ? `${title} ${subtitle}` : `${title}: ${subtitle}`;
}

class EntryBuilder {
  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly path: string,
  ) {}

  /** Range of `[start, end)` inside a field's value when it maps back to the file, else of the whole value. */
  private rangeIn(field: BibField, start: number, end: number): Range {
    if (field.contentStart >= 0) return this.lines.range(field.contentStart + start, field.contentStart + end);
    return this.lines.range(field.valueStart, field.valueEnd);
  }

  private names(field: BibField | undefined): { list: BibNameList; ranges: Range[] } {
    if (field === undefined) return { list: { names: [], others: false }, ranges: [] };
    const list = parseBibNames(field.value);
    return { list, ranges: list.names.map((name) => this.rangeIn(field, name.surnameStart, name.surnameEnd)) };
  }

  private pages(field: BibField | undefined): PageRange | null {
    if (field === undefined) return null;
    const written = pageRangeIn(field.value);
    if (written !== null) {
      return { text: field.value.trim(), first: written.first, last: written.last, range: this.rangeIn(field, written.start, written.end) };
    }
    // `50\,--\,70` and the like: read the decoded text, point at the whole value.
    const decoded = pageRangeIn(latexToUnicode(field.value));
    if (decoded === null) return null;
    return { text: field.value.trim(), first: decoded.first, last: decoded.last, range: this.lines.range(field.valueStart, field.valueEnd) };
  }

  build(record: BibEntryRecord, fields: ReadonlyMap<string, BibField>, id: string): BibliographyEntry {
    const authors = this.names(fields.get('author'));
    const editors = this.names(fields.get('editor'));
    const yearField = fields.get('year') ?? fields.get('date');
    const year = yearField === undefined ? null : yearIn(yearField.value);
    const title = titleOf(fields);
    const labelNames = (list: BibNameList): LabelName[] =>
      list.names.map((name) => ({ surname: name.surname, initials: initialsOf(name.given) }));
    const yearText = year?.value ?? null;
    return {
      id,
      source: this.path,
      range: this.lines.range(record.start, record.end),
      start: record.start,
      end: record.end,
      text: this.text.slice(record.start, record.end),
      key: record.key,
      keyRange: this.lines.range(record.keyStart, record.keyStart + record.key.length),
      authors: authors.list.names.map((name) => name.surname),
      authorRanges: authors.ranges,
      year: yearText,
      yearRange: yearField === undefined || year === null ? null : this.rangeIn(yearField, year.start, year.end),
      title,
      container: decodedField(fields, 'booktitle') ?? decodedField(fields, 'journaltitle') ?? decodedField(fields, 'journal'),
      editors: editors.list.names.map((name) => name.surname),
      pages: this.pages(fields.get('pages')),
      kind: ENTRY_KINDS.get(record.type) ?? 'other',
      label: entryLabel(labelNames(authors.list), labelNames(editors.list), yearText, title, record.key),
      [bibliographySource]: { format: 'bibtex', type: record.type, fields, lines: this.lines },
    };
  }
}

/**
 * Reads a `.bib` file. Every readable entry is returned (both entries of a duplicate key too; `@xdata`
 * containers are not, since they cannot be cited); broken entries and duplicate keys are problems.
 */
export function readBibtex(path: string, text: string, options?: ReadOptions): BibliographyReadResult {
  const lines = new LineIndex(text);
  const scan = scanBibtex(text, lines);
  const inheritance = new Inheritance(scan.entries);
  const builder = new EntryBuilder(text, lines, path);
  const entries: BibliographyEntry[] = [];
  for (const record of scan.entries) {
    if (record.type === 'xdata') continue;
    entries.push(builder.build(record, inheritance.fieldsOf(record), entryId(options, entries.length)));
  }
  return { entries, problems: [...scan.problems] };
}
