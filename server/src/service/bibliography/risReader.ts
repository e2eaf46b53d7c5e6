// RIS files (`.ris`): records from `TY  - ` to `ER  - `, one tag per line. Read with our own line scan
// for positions; citation-js (plugin-ris) converts a record to CSL-JSON only when it is formatted.
// A record without `TY` or `ER` is a problem at its line; the others still load.
import type { Range } from 'vscode-languageserver-types';
import type { EntryKind, PageRange } from '../model';
import { bibliographySource, entryId } from './bibliographyEntry';
import type { BibliographyEntry, BibliographyProblem, BibliographyReadResult, ReadOptions } from './bibliographyEntry';
import { initialsOf } from './bibNames';
import { LineIndex } from './lineIndex';
import { entryLabel, pageRangeIn, yearIn } from './referenceFacts';
import type { LabelName } from './referenceFacts';

const ENTRY_KINDS: ReadonlyMap<string, EntryKind> = new Map([
  ['JOUR', 'article'], ['EJOUR', 'article'], ['MGZN', 'article'], ['NEWS', 'article'], ['JFULL', 'article'],
  ['BOOK', 'book'], ['EBOOK', 'book'], ['EDBOOK', 'book'], ['CONF', 'book'],
  ['CHAP', 'chapter'], ['ECHAP', 'chapter'], ['CPAPER', 'chapter'], ['ENCYC', 'chapter'], ['DICT', 'chapter'],
  ['ELEC', 'web'], ['WEB', 'web'], ['BLOG', 'web'],
]);

/** One `XX  - value` line. */
interface RisTag {
  readonly tag: string;
  value: string;
  readonly valueStart: number;
  valueEnd: number;
  /** False once a continuation line was added: the value is no longer one stretch of the file. */
  verbatim: boolean;
}

interface OpenRecord {
  readonly start: number;
  /** End of the `TY` line, where a problem with the record is shown. */
  readonly headerEnd: number;
  readonly line: number;
  readonly tags: RisTag[];
}

/** `TY  - JOUR`: two capitals (or a capital and a digit), spaces, `-`, then the value after a space. */
function tagAt(text: string, lineStart: number, lineEnd: number): { tag: string; valueStart: number } | null {
  const first = text.charCodeAt(lineStart);
  const second = text.charCodeAt(lineStart + 1);
  if (!(first >= 65 && first <= 90) || !((second >= 65 && second <= 90) || (second >= 48 && second <= 57))) return null;
  let i = lineStart + 2;
  while (i < lineEnd && text.charCodeAt(i) === 32) i++;
  if (i === lineStart + 2 || i - lineStart > 4 || text.charCodeAt(i) !== 45) return null;
  i++;
  if (i < lineEnd && text.charCodeAt(i) !== 32) return null;
  return { tag: text.slice(lineStart, lineStart + 2), valueStart: Math.min(i + 1, lineEnd) };
}

export function readRis(path: string, text: string, options?: ReadOptions): BibliographyReadResult {
  const lines = new LineIndex(text);
  const entries: BibliographyEntry[] = [];
  const problems: BibliographyProblem[] = [];
  const report = (lineStart: number, lineEnd: number, message: string): void => {
    problems.push({ kind: 'syntax', message, range: lines.range(lineStart, lineEnd), related: null });
  };
  let record: OpenRecord | null = null;
  /** Inside tags that no `TY` line opened: reported once, skipped up to the next `ER`. */
  let outsideRecord = false;
  for (let line = 0; line < lines.lineCount; line++) {
    const lineStart = lines.lineStart(line) + (line === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0);
    let lineEnd = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
    while (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) <= 32) lineEnd--;
    const tag = tagAt(text, lineStart, lineEnd);
    if (tag === null) {
      // A line without a tag continues the previous value (long abstracts are wrapped by some exporters).
      const last = record?.tags[record.tags.length - 1];
      if (last !== undefined && lineEnd > lineStart) {
        last.value += ` ${text.slice(lineStart, lineEnd).trim()}`;
        last.valueEnd = lineEnd;
        last.verbatim = false;
      }
      continue;
    }
    if (tag.tag === 'TY') {
      if (record !== null) {
        report(record.start, record.headerEnd,
          `The record at line ${record.line + 1} has no ER line before the next record (line ${line + 1}). It is skipped; the other records still load.`);
      }
      record = { start: lineStart, headerEnd: lineEnd, line, tags: [] };
      outsideRecord = false;
    } else if (record === null) {
      if (tag.tag !== 'ER' && !outsideRecord) {
        report(lineStart, lineEnd, `The tag ${tag.tag} at line ${line + 1} is outside a record: a record starts with a TY line. The lines up to the next ER are skipped.`);
        outsideRecord = true;
      } else if (tag.tag === 'ER') {
        outsideRecord = false;
      }
      continue;
    }
    if (tag.tag === 'ER') {
      entries.push(buildEntry(path, text, lines, record, lineEnd, entryId(options, entries.length)));
      record = null;
      continue;
    }
    record.tags.push({ tag: tag.tag, value: text.slice(tag.valueStart, lineEnd), valueStart: tag.valueStart, valueEnd: lineEnd, verbatim: true });
  }
  if (record !== null) {
    report(record.start, record.headerEnd, `The record at line ${record.line + 1} has no ER line: the file ends inside it. It is skipped; the other records still load.`);
  }
  return { entries, problems };
}

function first(tags: readonly RisTag[], ...names: string[]): RisTag | undefined {
  for (const name of names) {
    const found = tags.find((tag) => tag.tag === name);
    if (found !== undefined && found.value.trim() !== '') return found;
  }
  return undefined;
}

interface RisName {
  readonly surname: string;
  readonly given: string;
  readonly range: Range;
}

/** `Lastname, Firstname[, Suffix]`; a name without a comma is taken whole (an organisation). */
function names(tags: readonly RisTag[], lines: LineIndex, ...names: string[]): RisName[] {
  const result: RisName[] = [];
  for (const tag of tags) {
    if (!names.includes(tag.tag)) continue;
    const comma = tag.value.indexOf(',');
    const surnamePart = comma === -1 ? tag.value : tag.value.slice(0, comma);
    const surname = surnamePart.trim();
    if (surname === '') continue;
    const given = comma === -1 ? '' : (tag.value.slice(comma + 1).split(',')[0] ?? '').trim();
    const start = tag.valueStart + surnamePart.indexOf(surname);
    const range = tag.verbatim ? lines.range(start, start + surname.length) : lines.range(tag.valueStart, tag.valueEnd);
    result.push({ surname, given, range });
  }
  return result;
}

function pages(tags: readonly RisTag[], lines: LineIndex): PageRange | null {
  const startPage = first(tags, 'SP');
  if (startPage === undefined) return null;
  const endPage = first(tags, 'EP');
  const written = endPage === undefined ? startPage.value.trim() : `${startPage.value.trim()}-${endPage.value.trim()}`;
  const found = pageRangeIn(written);
  if (found === null) return null;
  const range = endPage === undefined && startPage.verbatim
    ? lines.range(startPage.valueStart + startPage.value.indexOf(written) + found.start, startPage.valueStart + startPage.value.indexOf(written) + found.end)
    : lines.range(startPage.valueStart, startPage.valueEnd);
  return { text: written, first: found.first, last: found.last, range };
}

function buildEntry(path: string, text: string, lines: LineIndex, record: OpenRecord, end: number, id: string): BibliographyEntry {
  const { tags } = record;
  const type = first(tags, 'TY')?.value.trim() ?? '';
  const isChapter = type === 'CHAP' || type === 'ECHAP';
  const authors = names(tags, lines, 'AU', 'A1');
  const editors = names(tags, lines, ...(isChapter ? ['ED', 'A2'] : ['ED']));
  const yearTag = first(tags, 'PY', 'Y1', 'DA');
  const year = yearTag === undefined ? null : yearIn(yearTag.value);
  const idTag = first(tags, 'ID');
  const key = idTag?.value.trim() ?? null;
  const title = first(tags, ...(type === 'BOOK' ? ['TI', 'T1', 'BT'] : ['TI', 'T1']))?.value.trim() ?? null;
  const container = first(tags, ...(type === 'BOOK' ? ['T2', 'JF', 'JO', 'JA', 'J2'] : ['T2', 'JF', 'JO', 'JA', 'J2', 'BT']))?.value.trim() ?? null;
  const labelNames = (list: readonly RisName[]): LabelName[] => list.map((name) => ({ surname: name.surname, initials: initialsOf(name.given) }));
  return {
    id,
    source: path,
    range: lines.range(record.start, end),
    start: record.start,
    end,
    text: text.slice(record.start, end),
    key,
    keyRange: idTag === undefined || key === null ? null : lines.range(idTag.valueStart + idTag.value.indexOf(key), idTag.valueStart + idTag.value.indexOf(key) + key.length),
    authors: authors.map((name) => name.surname),
    authorRanges: authors.map((name) => name.range),
    year: year?.value ?? null,
    yearRange: year === null || yearTag === undefined ? null : lines.range(yearTag.valueStart + year.start, yearTag.valueStart + year.end),
    title,
    container,
    editors: editors.map((name) => name.surname),
    pages: pages(tags, lines),
    kind: ENTRY_KINDS.get(type) ?? 'other',
    label: entryLabel(labelNames(authors), labelNames(editors), year?.value ?? null, title, key),
    [bibliographySource]: { format: 'ris', recordText: text.slice(record.start, end) },
  };
}
