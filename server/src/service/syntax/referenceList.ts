// Finds reference lists (a heading such as `References` and the entries under it) in Markdown or plain text.
import type { Range } from 'vscode-languageserver-types';
import type { ListEntry, ReferenceList } from '../model';
import { parseReferenceEntry } from './referenceEntry';

export type ToRange = (start: number, end: number) => Range;

const LIST_HEADING = /^(?:references?|bibliography|works cited|reference list|list of references|references cited|literature cited|works consulted|sources cited|sources|literature)$/i;

interface Line {
  readonly start: number;
  readonly end: number;
  /** The line with masked text blanked (code fences, comments). */
  readonly text: string;
}

interface Heading {
  /** 1-6 for Markdown headings; 0 for bold or plain-line headings, whose level is unknown. */
  readonly level: number;
  readonly title: string;
  /** Index of the last line of the heading (the underline of a setext heading). */
  readonly lastLine: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const lineEnd = end > start && text[end - 1] === '\r' ? end - 1 : end;
    lines.push({ start, end: lineEnd, text: text.slice(start, lineEnd) });
    start = end + 1;
  }
  return lines;
}

const isBlank = (line: Line | undefined) => line === undefined || line.text.trim() === '';

/** How much of an entry is read for its authors, year, title and pages. */
const MAX_ENTRY = 2000;

/** Longer lines are prose, never headings: the heading patterns need not look at them. */
const MAX_HEADING = 300;

/** The text of a line that is all bold (`**References**`, `__References__:`), or null. */
function boldLine(text: string): string | null {
  const line = text.trim().replace(/:$/, '').trimEnd();
  for (const mark of ['**', '__']) {
    if (line.length > 4 && line.startsWith(mark) && line.endsWith(mark)) return line.slice(2, -2);
  }
  return null;
}

function headingAt(lines: Line[], i: number): Heading | null {
  const text = lines[i].text;
  if (text.length > MAX_HEADING) return null;
  const atx = /^ {0,3}(#{1,6})(?:[ \t]+(.*))?$/.exec(text);
  if (atx) return { level: atx[1].length, title: (atx[2] ?? '').replace(/[ \t]+#+[ \t]*$/, '').trim(), lastLine: i };
  if (isBlank(lines[i])) return null;
  const next = lines[i + 1];
  if (next && isBlank(lines[i - 1]) && /^ {0,3}(=+|-+)[ \t]*$/.test(next.text)) {
    return { level: next.text.trim()[0] === '=' ? 1 : 2, title: text.trim(), lastLine: i + 1 };
  }
  const bold = boldLine(text);
  if (bold !== null) return { level: 0, title: bold, lastLine: i };
  return null;
}

function isListHeadingTitle(title: string): boolean {
  const plain = title.replace(/^(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.)\s+/, '').replace(/[:.]\s*$/, '').replace(/[*_]/g, '').trim();
  return LIST_HEADING.test(plain);
}

/** A heading naming a reference list: a Markdown heading, a bold line, or a plain line on its own. */
function listHeadingAt(lines: Line[], i: number): Heading | null {
  const heading = headingAt(lines, i);
  if (heading) return isListHeadingTitle(heading.title) ? heading : null;
  if (!isBlank(lines[i]) && isBlank(lines[i - 1]) && lines[i].text.length <= MAX_HEADING && isListHeadingTitle(lines[i].text.trim())) {
    return { level: 0, title: lines[i].text.trim(), lastLine: i };
  }
  return null;
}

/** Bold and plain-line headings have no level: any heading ends their list; a Markdown heading ends at its level. */
function endsList(list: Heading, next: Heading): boolean {
  return list.level === 0 || (next.level > 0 && next.level <= list.level);
}

const LIST_MARKER = /^([ \t]{0,3})([-*+]|\d{1,3}[.)]|\[\d{1,3}\])[ \t]+/;
/** A line that starts a new entry inside a paragraph: `Surname, X.` or `Surname (2019)` near the start. */
const ENTRY_START = /^\p{Lu}[\p{L}\p{M}'’ -]{0,60}?(?:,\s*\p{Lu}|\s\(?(?:1[5-9]\d\d|20\d\d|n\.d\.))/u;

interface RawEntry {
  start: number;
  end: number;
  marker: string;
  markerStart: number;
  markerEnd: number;
}

/** Splits a list body into entries: one per list item, per paragraph, or per line that starts like an entry. */
function splitEntries(lines: Line[], from: number, to: number): RawEntry[] {
  const entries: RawEntry[] = [];
  let current: RawEntry | null = null;
  for (let i = from; i < to; i++) {
    const line = lines[i];
    if (isBlank(line)) { current = null; continue; }
    const subheading = headingAt(lines, i);
    if (subheading) { current = null; i = subheading.lastLine; continue; }
    const marker = LIST_MARKER.exec(line.text);
    // Indentation is spaces and tabs, as for list markers: a byte-order mark or a no-break space is content,
    // so that a marker a fix writes before it makes the line a list item.
    const indent = marker ? marker[0].length : /^[ \t]*/.exec(line.text)![0].length;
    const content = line.text.slice(indent);
    const contentStart = line.start + indent;
    // A line that starts like an entry (`Surname, X. (2019)`) starts one, even right under a list item.
    const continues = current !== null && !marker && (/^[ \t]/.test(line.text) || !ENTRY_START.test(content));
    if (continues && current) {
      current.end = line.start + line.text.trimEnd().length;
      continue;
    }
    current = {
      start: contentStart,
      end: line.start + line.text.trimEnd().length,
      marker: marker ? normaliseMarker(marker[2]) : '',
      markerStart: marker ? line.start + marker[1].length : contentStart,
      markerEnd: contentStart,
    };
    entries.push(current);
  }
  return entries;
}

function normaliseMarker(marker: string): string {
  return /\d/.test(marker) ? marker.replace(/\d+/, '1') : marker;
}

/** The offsets of the lines from two before the one holding `from` to two after the one holding `to`. */
export function linesAround(text: string, from: number, to: number): [start: number, end: number] {
  let start = from;
  for (let n = 0; n < 3 && start > 0; n++) start = text.lastIndexOf('\n', start - 2) + 1;
  let end = to;
  for (let n = 0; n < 3 && end < text.length; n++) {
    const next = text.indexOf('\n', end + (n === 0 ? 0 : 1));
    end = next < 0 ? text.length : next;
  }
  return [start, end];
}

/**
 * Whether a line around `from`..`to` of the masked text (see `linesAround`) is a heading, or may be one as far
 * as the lines next to it show: an edit there may start or end a list.
 */
export function headingNear(masked: string, from: number, to: number): boolean {
  const [start, end] = linesAround(masked, from, to);
  const lines = splitLines(masked.slice(start, end));
  return lines.some((_, i) => listHeadingAt(lines, i) !== null || headingAt(lines, i) !== null);
}

/** The reference lists of a text, each with where the text it was read from ends (offset of the end of the heading that closed it, or of the text). */
export interface ReadLists {
  readonly lists: ReferenceList[];
  readonly regionEnds: number[];
}

export function readReferenceLists(text: string, masked: string, toRange: ToRange): ReadLists {
  const lines = splitLines(masked);
  const lists: ReferenceList[] = [];
  const regionEnds: number[] = [];
  let nextId = 1;
  for (let i = 0; i < lines.length; i++) {
    const heading = listHeadingAt(lines, i);
    if (!heading) continue;
    let end = heading.lastLine + 1;
    for (; end < lines.length; end++) {
      const next = headingAt(lines, end);
      if ((next && endsList(heading, next)) || listHeadingAt(lines, end)) break;
    }
    const index = lists.length;
    const entries: ListEntry[] = [];
    for (const raw of splitEntries(lines, heading.lastLine + 1, end)) {
      const entryText = text.slice(raw.start, raw.end);
      // A bracketed line (`(Smith 1900)`) below the list is prose that cites, not an entry.
      if (/^[([]/.test(entryText)) continue;
      // No entry runs to thousands of characters: reading only the start keeps every pattern linear.
      const parsed = parseReferenceEntry(entryText.slice(0, MAX_ENTRY));
      if (parsed.authors.length === 0 && parsed.year === null) continue;
      const at = (s: number, e: number) => toRange(raw.start + s, raw.start + e);
      entries.push({
        id: `R${nextId++}`,
        source: 'document',
        range: toRange(raw.start, raw.end),
        start: raw.start,
        end: raw.end,
        text: entryText,
        key: null,
        keyRange: null,
        authors: parsed.authors.map((a) => a.text),
        authorRanges: parsed.authors.map((a) => at(a.start, a.end)),
        year: parsed.year?.text ?? null,
        yearRange: parsed.year ? at(parsed.year.start, parsed.year.end) : null,
        title: parsed.title,
        container: parsed.container,
        editors: parsed.editors,
        pages: parsed.pages ? { text: parsed.pages.text, first: parsed.pages.first, last: parsed.pages.last, range: at(parsed.pages.start, parsed.pages.end) } : null,
        kind: parsed.kind,
        label: entryText.slice(0, parsed.labelEnd).trim(),
        shape: { marker: raw.marker, markerStart: raw.markerStart, markerEnd: raw.markerEnd, yearStyle: parsed.yearStyle },
        listIndex: index,
      });
    }
    const headingLine = lines[i];
    const listEnd = entries.length > 0 ? entries[entries.length - 1].end : headingLine.end;
    lists.push({
      index,
      heading: heading.title.replace(/[*_]/g, '').trim(),
      headingRange: toRange(headingLine.start, headingLine.end),
      start: headingLine.start,
      end: listEnd,
      range: toRange(headingLine.start, listEnd),
      entries,
    });
    regionEnds.push(end < lines.length ? lines[end].end : masked.length);
    i = end - 1;
  }
  return { lists, regionEnds };
}
