// Libraries of any size made from the real entries: copies of the base file with unique keys (`aksin-c12`),
// references between entries (crossref, xdata, entryset, related) pointing into the same copy, and each
// copy's first surname and year varied (names.ts). The same slots give the `.bib`, CSL-JSON and RIS forms.
import { KEY_FIELDS, endOfBraces, fieldSpan, type BaseBibliography, type BaseEntry } from './baseEntries';
import { dateParts, namesOf, type CslItem, type CslName } from './csl';
import { copyKey, variantOf, type Variant } from './names';

/** One entry of a scaled library: base entry `index` in copy `copy`. */
export interface Slot {
  readonly copy: number;
  readonly index: number;
}

/** Base entries ordered so that every entry comes after the entries it references (for a partial copy). */
function referencesFirst(entries: readonly BaseEntry[]): number[] {
  const byKey = new Map(entries.map((e, i) => [e.key, i]));
  const order: number[] = [];
  const state = new Uint8Array(entries.length);
  const visit = (i: number) => {
    if (state[i] !== 0) return;
    state[i] = 1;
    for (const key of entries[i].references) {
      const j = byKey.get(key);
      if (j !== undefined) visit(j);
    }
    order.push(i);
  };
  entries.forEach((_, i) => visit(i));
  return order;
}

/** Whole copies in the file's own order, then a partial copy closed under references. */
export function librarySlots(base: BaseBibliography, size: number): Slot[] {
  const count = base.entries.length;
  const slots: Slot[] = [];
  const whole = Math.floor(size / count);
  for (let copy = 0; copy < whole; copy++) for (let index = 0; index < count; index++) slots.push({ copy, index });
  const rest = size - slots.length;
  if (rest > 0) {
    const order = referencesFirst(base.entries).slice(0, rest).sort((a, b) => a - b);
    for (const index of order) slots.push({ copy: whole, index });
  }
  return slots;
}

// ---------------------------------------------------------------------------------------------- BibTeX

/** Splits a BibTeX name list at top-level ` and `. */
function firstNameSpan(value: string): { start: number; end: number } {
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0 && /\s/.test(c) && /^\s+and\s/i.test(value.slice(i, i + 6))) return { start: 0, end: i };
  }
  return { start: 0, end: value.length };
}

/** The family part of one BibTeX name: before the first top-level comma, or its last top-level word. */
function familySpan(name: string): { start: number; end: number } {
  let depth = 0;
  let wordStart = -1;
  let last = { start: 0, end: name.length };
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (depth === 0 && c === ',') {
      const start = name.length - name.trimStart().length;
      return { start, end: start + name.slice(start, i).trim().length };
    }
    if (depth === 0 && /\s/.test(c)) {
      if (wordStart >= 0) last = { start: wordStart, end: i };
      wordStart = -1;
      continue;
    }
    if (wordStart < 0) wordStart = i;
    if (c === '{') depth++;
    else if (c === '}') depth--;
  }
  if (wordStart >= 0) last = { start: wordStart, end: name.length };
  return last;
}

function replaceSpan(text: string, start: number, end: number, replacement: string): string {
  return text.slice(0, start) + replacement + text.slice(end);
}

function varyBibEntry(text: string, variant: Variant): string {
  let result = text;
  const names = fieldSpan(result, 'author') ?? fieldSpan(result, 'editor');
  if (names) {
    const value = result.slice(names.start, names.end);
    const first = firstNameSpan(value);
    const family = familySpan(value.slice(first.start, first.end));
    result = replaceSpan(result, names.start + family.start, names.start + family.end, variant.surname);
  }
  for (const field of ['date', 'year']) {
    const span = fieldSpan(result, field);
    const bare = span ? null : new RegExp(`^(\\s*${field}\\s*=\\s*)(\\d{4})`, 'mi').exec(result);
    if (span) {
      const value = result.slice(span.start, span.end);
      const first = /\d{4}/.exec(value);
      if (first) {
        const delta = variant.year - Number(first[0]);
        result = replaceSpan(result, span.start, span.end, value.replace(/\d{4}/g, (y) => String(Number(y) + delta)));
      }
      break;
    }
    if (bare) {
      result = replaceSpan(result, bare.index + bare[1].length, bare.index + bare[0].length, String(variant.year));
      break;
    }
  }
  return result;
}

/** Renames an entry's key and the keys it references for copy `copy`. */
function rekeyBibEntry(entry: BaseEntry, text: string, copy: number, baseKeys: ReadonlySet<string>): string {
  if (copy === 0) return text;
  const open = text.indexOf('{');
  let result = `${text.slice(0, open + 1)}${copyKey(entry.key, copy)}${text.slice(text.indexOf(','))}`;
  for (const field of KEY_FIELDS) {
    const span = fieldSpan(result, field);
    if (!span) continue;
    const keys = result.slice(span.start, span.end).split(',').map((k) => k.trim());
    const renamed = keys.map((k) => (baseKeys.has(k) ? copyKey(k, copy) : k)).join(',');
    result = replaceSpan(result, span.start, span.end, renamed);
  }
  return result;
}

export function scaledBib(base: BaseBibliography, slots: readonly Slot[]): string {
  const baseKeys = new Set(base.entries.map((e) => e.key));
  const parts: string[] = [
    `% ${slots.length} entries made from ${base.source} by citewright's bench/ (copies with unique keys; generated, do not edit)`,
    base.strings,
  ];
  for (const { copy, index } of slots) {
    const entry = base.entries[index];
    const variant = variantOf(copy, index);
    const text = variant ? varyBibEntry(entry.text, variant) : entry.text;
    parts.push(rekeyBibEntry(entry, text, copy, baseKeys));
  }
  return `${parts.join('\n\n')}\n`;
}

// ------------------------------------------------------------------------------------------- CSL-JSON

function varyNames(names: readonly CslName[], surname: string): CslName[] {
  const [first, ...rest] = names;
  const renamed: CslName = first.family !== undefined ? { ...first, family: surname } : { ...first, literal: surname };
  delete renamed['non-dropping-particle'];
  delete renamed['dropping-particle'];
  return [renamed, ...rest];
}

function varyCsl(item: CslItem, variant: Variant): CslItem {
  const out: CslItem = { ...item };
  const authors = namesOf(item, 'author');
  const editors = namesOf(item, 'editor');
  if (authors.length > 0) out.author = varyNames(authors, variant.surname);
  else if (editors.length > 0) out.editor = varyNames(editors, variant.surname);
  const parts = dateParts(item);
  if (parts.length > 0 && parts[0].length > 0) {
    const delta = variant.year - parts[0][0];
    out.issued = { 'date-parts': parts.map((p) => (p.length > 0 ? [p[0] + delta, ...p.slice(1)] : p)) };
  }
  return out;
}

export function scaledCsl(base: BaseBibliography, baseItems: ReadonlyMap<string, CslItem>, slots: readonly Slot[]): CslItem[] {
  const items: CslItem[] = [];
  for (const { copy, index } of slots) {
    const key = base.entries[index].key;
    const item = baseItems.get(key);
    if (!item) continue;
    const variant = variantOf(copy, index);
    const varied = variant ? varyCsl(item, variant) : { ...item };
    const id = copyKey(key, copy);
    items.push({ ...varied, id, 'citation-key': id });
  }
  return items;
}

// ------------------------------------------------------------------------------------------------ RIS

/** RIS records of the base conversion by their `ID` value. */
export function risRecordsById(ris: string): Map<string, string> {
  const records = new Map<string, string>();
  for (const record of ris.split(/(?<=^ER {2}-[^\n]*\n?)/m)) {
    const id = /^ID {2}- (.*)$/m.exec(record);
    if (id && record.trim().length > 0) records.set(id[1].trim(), record.endsWith('\n') ? record : `${record}\n`);
  }
  return records;
}

function varyRis(record: string, variant: Variant): string {
  let result = record;
  const nameLine = /^(AU|A2|ED) {2}- ([^,\n]*)(.*)$/m.exec(result);
  if (nameLine) {
    const start = nameLine.index + nameLine[1].length + 5;
    result = replaceSpan(result, start, start + nameLine[2].length, variant.surname);
  }
  const year = /^(?:PY|Y1|DA) {2}- (\d{4})/m.exec(result);
  if (year) {
    const delta = variant.year - Number(year[1]);
    result = result.replace(/^((?:PY|Y1|DA) {2}- )(\d{4})/gm, (_, tag: string, y: string) => `${tag}${Number(y) + delta}`);
  }
  return result;
}

export function scaledRis(base: BaseBibliography, baseRecords: ReadonlyMap<string, string>, slots: readonly Slot[]): string {
  const parts: string[] = [];
  for (const { copy, index } of slots) {
    const key = base.entries[index].key;
    const record = baseRecords.get(key);
    if (!record) continue;
    const variant = variantOf(copy, index);
    const varied = variant ? varyRis(record, variant) : record;
    parts.push(varied.replace(/^ID {2}- .*$/m, `ID  - ${copyKey(key, copy)}`));
  }
  return parts.join('');
}

export { endOfBraces };
