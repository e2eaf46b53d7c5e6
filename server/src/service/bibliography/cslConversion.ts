// One entry at a time to CSL-JSON, and formatted in a citation style, with citation-js.
//
// citation-js is loaded on the first call, not when this module is imported: reading a bibliography never
// waits for it. Every citation-js input is given a forced type (`forceType`), so nothing it parses is ever
// fetched (its network code, sync-fetch-undici, is never reached).
/// <reference types="@citation-js/plugin-csl" />
import type { CSL } from '@citation-js/core';
import type { ReferenceEntry } from '../model';
import { bibFieldDetails, entrySource } from './bibliographyEntry';
import { latexToUnicode } from './latexText';
import { singleEntryStyle } from './singleEntryStyle';

/** A CSL-JSON item; open-ended, like the format, with the two fields citeproc needs. */
export type CslData = Record<string, unknown> & { id: string; type: string };

export type BuiltInStyle = 'harvard' | 'apa' | 'vancouver';

/** A CSL style of the user's (independent, not a dependent style: resolve those to their parent first). */
export interface CustomStyle {
  readonly name: string;
  readonly xml: string;
}

export type CitationStyle = BuiltInStyle | CustomStyle;

export interface FormattedEntry {
  /** Plain text, as the style writes it (italics lost). */
  readonly text: string;
  /** The same as Markdown without HTML: italics as `*...*`, bold as `**...**`, Markdown characters escaped. */
  readonly markdown: string;
}

/** The citation-js calls this module makes. */
interface CitationJs {
  readonly plugins: typeof import('@citation-js/core').plugins;
}

let citationJs: CitationJs | null = null;

function loadCitationJs(): CitationJs {
  if (citationJs === null) {
    // Loaded here, on first use, to keep citation-js (~150 ms to load) out of the scanners' start-up.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const core = require('@citation-js/core') as typeof import('@citation-js/core');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@citation-js/plugin-bibtex');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@citation-js/plugin-csl');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@citation-js/plugin-ris');
    citationJs = { plugins: core.plugins };
  }
  return citationJs;
}

/** Input options with the type forced, so that citation-js never guesses (nor fetches) anything. */
function forcedInput(forceType: string): Parameters<CitationJs['plugins']['input']['chain']>[1] {
  // citation-js's own defaults, written out because its typings make every option required.
  return { forceType, generateGraph: false, maxChainLength: 10, strict: false, target: '@csl/list+object' };
}

const BUILT_IN_STYLES: Readonly<Record<BuiltInStyle, string>> = { harvard: 'harvard1', apa: 'apa', vancouver: 'vancouver' };

/** Conversions by the text that produced them; bounded so that a whole library never stays in memory. */
const CACHE_LIMIT = 2000;
const conversions = new Map<string, CslData>();

function remember(cacheKey: string, csl: CslData): CslData {
  if (conversions.size >= CACHE_LIMIT) {
    const oldest = conversions.keys().next();
    if (oldest.done !== true) conversions.delete(oldest.value);
  }
  conversions.set(cacheKey, csl);
  return csl;
}

function cached(cacheKey: string): CslData | undefined {
  const csl = conversions.get(cacheKey);
  if (csl !== undefined) {
    // Most recently used last.
    conversions.delete(cacheKey);
    conversions.set(cacheKey, csl);
  }
  return csl;
}

/** Fields that are not text: never cleaned of LaTeX. */
const VERBATIM_FIELDS: ReadonlySet<string> = new Set(['id', 'citation-key', 'URL', 'DOI', 'ISBN', 'ISSN', 'PMID', 'PMCID', 'type']);
const NAME_FIELDS: ReadonlySet<string> = new Set(['author', 'editor', 'translator', 'container-author', 'collection-editor', 'composer', 'director', 'interviewer', 'recipient', 'reviewed-author', 'editorial-director', 'illustrator', 'original-author']);
const DATE_FIELDS: ReadonlySet<string> = new Set(['issued', 'accessed', 'original-date', 'event-date', 'submitted', 'available-date']);

/**
 * Text without the LaTeX commands citation-js leaves (`\TeX`, `\slash`, `\enquote*{...}`), on one line:
 * citeproc would print a YAML block scalar's final line break as a space.
 */
function withoutLatex(text: string): string {
  return text.includes('\\') ? latexToUnicode(text, { keepSpacesAfterCommands: true }) : text.replace(/\s+/g, ' ').trim();
}

function cleanName(name: unknown): unknown {
  if (typeof name !== 'object' || name === null) return name;
  const cleaned: Record<string, unknown> = {};
  for (const [part, value] of Object.entries(name)) cleaned[part] = typeof value === 'string' ? withoutLatex(value) : value;
  return cleaned;
}

/** `2005`, `2005-03-12`, `[{year: 1982}]` (old pandoc) as CSL dates; other values are kept. */
function cslDate(value: unknown): unknown {
  if (typeof value === 'number') return { 'date-parts': [[value]] };
  if (typeof value === 'string') {
    const match = /^(-?[0-9]{1,4})(?:-([0-9]{1,2}))?(?:-([0-9]{1,2}))?$/.exec(value.trim());
    if (match === null) return { raw: value };
    return { 'date-parts': [match.slice(1).filter((part) => part !== undefined).map(Number)] };
  }
  if (Array.isArray(value) && value.every((part) => typeof part === 'object' && part !== null && 'year' in part)) {
    const parts = value.map((part: Record<string, unknown>) => ['year', 'month', 'day'].filter((unit) => part[unit] !== undefined).map((unit) => Number(part[unit])));
    return { 'date-parts': parts };
  }
  return value;
}

/** A CSL item as citeproc needs it: dates in `date-parts`, text without LaTeX. */
function cleanCsl(item: Readonly<Record<string, unknown>>, id: string): CslData {
  const cleaned: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(item)) {
    if (DATE_FIELDS.has(field)) cleaned[field] = cslDate(value);
    else if (NAME_FIELDS.has(field) && Array.isArray(value)) cleaned[field] = value.map(cleanName);
    else if (typeof value === 'string' && !VERBATIM_FIELDS.has(field)) cleaned[field] = withoutLatex(value);
    else cleaned[field] = value;
  }
  return { ...cleaned, id, type: typeof cleaned.type === 'string' ? cleaned.type : 'document' };
}

/** What a ReferenceEntry itself says, for entries citation-js cannot read and for reference-list entries. */
function cslFromEntry(entry: ReferenceEntry, id: string): CslData {
  const types: Readonly<Record<ReferenceEntry['kind'], string>> = {
    article: 'article-journal', book: 'book', chapter: 'chapter', lecture: 'speech', web: 'webpage', other: 'document',
  };
  const csl: CslData = { id, type: types[entry.kind] };
  if (entry.authors.length > 0) csl.author = entry.authors.map((family) => ({ family }));
  if (entry.editors.length > 0) csl.editor = entry.editors.map((family) => ({ family }));
  if (entry.title !== null) csl.title = entry.title;
  if (entry.container !== null) csl['container-title'] = entry.container;
  if (entry.pages !== null) csl.page = `${entry.pages.first}-${entry.pages.last}`;
  if (entry.year !== null && /^[0-9]+$/.test(entry.year)) csl.issued = { 'date-parts': [[Number(entry.year)]] };
  return csl;
}

/** Name fields of BibTeX, kept as LaTeX when a retry decodes the other fields. */
const BIBTEX_NAME_FIELDS: ReadonlySet<string> = new Set(['author', 'editor', 'translator', 'bookauthor', 'editora', 'editorb', 'editorc', 'holder', 'commentator', 'annotator', 'introduction', 'foreword', 'afterword']);

/** Fields citation-js must not follow: inheritance is already resolved. */
const RESOLVED_FIELDS: ReadonlySet<string> = new Set(['crossref', 'xdata', 'xref']);

/** LaTeX special characters escaped again after decoding, so citation-js reads the text as text. */
function asLatexText(text: string): string {
  return text.replace(/[\\{}$&%#_~^]/g, (character) => (character === '\\' ? '\\textbackslash{}' : character === '~' ? '\\textasciitilde{}' : character === '^' ? '\\textasciicircum{}' : `\\${character}`));
}

function bibtexToCsl(entry: ReferenceEntry, type: string, id: string): CslData | null {
  const fields = bibFieldDetails(entry);
  if (fields === null) return null;
  const properties: Record<string, string> = {};
  for (const [name, field] of fields) if (!RESOLVED_FIELDS.has(name)) properties[name] = field.value;
  const cacheKey = `bibtex\u0000${type}\u0000${id}\u0000${JSON.stringify(properties)}`;
  const known = cached(cacheKey);
  if (known !== undefined) return known;
  const { plugins } = loadCitationJs();
  const convert = (values: Record<string, string>): Readonly<Record<string, unknown>> | null => {
    try {
      const [csl] = plugins.input.chain([{ type, label: id, properties: values }], forcedInput('@biblatex/entries+list'));
      return csl ?? null;
    } catch {
      // citation-js throws on some LaTeX (`\enquote*{...}`, unbalanced math): the caller tries plainer input.
      return null;
    }
  };
  let csl = convert(properties);
  if (csl === null) {
    const decoded: Record<string, string> = {};
    for (const [name, value] of Object.entries(properties)) decoded[name] = BIBTEX_NAME_FIELDS.has(name) ? value : asLatexText(latexToUnicode(value));
    csl = convert(decoded);
  }
  return remember(cacheKey, cleanCsl(csl ?? cslFromEntry(entry, id), id));
}

function risToCsl(entry: ReferenceEntry, recordText: string, id: string): CslData {
  const cacheKey = `ris\u0000${id}\u0000${recordText}`;
  const known = cached(cacheKey);
  if (known !== undefined) return known;
  const { plugins } = loadCitationJs();
  let csl: Readonly<Record<string, unknown>> | null = null;
  try {
    const [converted] = plugins.input.chain(recordText, forcedInput('@ris/file'));
    csl = converted ?? null;
  } catch {
    // A record plugin-ris cannot read: what the entry says is formatted instead.
    csl = null;
  }
  // plugin-ris drops some tags (a chapter's BT): what our reader found fills the gaps.
  return remember(cacheKey, cleanCsl({ ...cslFromEntry(entry, id), ...csl }, id));
}

/**
 * The entry as a CSL-JSON item (its `id` is the entry's key, or its id when it has none). `.bib` and RIS
 * entries are converted by citation-js on first use and cached by their text; CSL entries are cleaned;
 * entries of in-document reference lists give what their fields say.
 */
export function entryToCsl(entry: ReferenceEntry): CslData {
  const id = entry.key ?? entry.id;
  const source = entrySource(entry);
  let csl: CslData | null;
  switch (source?.format) {
    case 'bibtex':
      csl = bibtexToCsl(entry, source.type, id);
      break;
    case 'ris':
      csl = risToCsl(entry, source.recordText, id);
      break;
    case 'csl-json':
    case 'csl-yaml':
      csl = cleanCsl(source.item, id);
      break;
    default:
      csl = null;
  }
  // A copy, so that callers and citeproc cannot change what the cache holds.
  return structuredClone(csl ?? cslFromEntry(entry, id));
}

/** The parent style a dependent CSL style names, or null for an independent style. */
export function dependentStyleParent(xml: string): string | null {
  if (/<(?:cs:)?bibliography[\s>]/.test(xml) || /<(?:cs:)?citation[\s>]/.test(xml)) return null;
  for (const link of xml.matchAll(/<(?:cs:)?link\b[^>]*>/g)) {
    if (/\brel="independent-parent"/.test(link[0])) return /\bhref="([^"]*)"/.exec(link[0])?.[1] ?? '';
  }
  return null;
}

/** FNV-1a of a style's text: a changed style gets a new name, so citation-js builds a new engine for it. */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16);
}

const registeredStyles = new Set<string>();

const cslStyles = () => loadCitationJs().plugins.config.get('@csl').styles;

/** A style registered with citation-js under `name` on first use. */
function registered(name: string, xml: () => string): string {
  if (!registeredStyles.has(name)) {
    cslStyles().add(name, xml());
    registeredStyles.add(name);
  }
  return name;
}

/** The name citation-js knows a style by: a built-in one as one entry is formatted in (`singleEntryStyle`). */
function styleName(style: CitationStyle): string {
  if (typeof style === 'string') {
    const builtIn = BUILT_IN_STYLES[style];
    return registered(`citewright-single-entry-${builtIn}`, () => singleEntryStyle(cslStyles().get(builtIn)));
  }
  const parent = dependentStyleParent(style.xml);
  if (parent !== null) {
    throw new Error(`The style '${style.name}' is a dependent style: use its parent style (${parent}) instead.`);
  }
  return registered(`citewright-${style.name}-${hashOf(style.xml)}`, () => style.xml);
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(html: string): string {
  return html.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? whole;
  });
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (character) => `\\${character}`);
}

/** The entry's HTML from citeproc without its wrappers and without a citation number (`1.`). */
function entryHtml(html: string): string {
  return html
    .replace(/<div class="csl-left-margin">[^<]*<\/div>/g, '')
    .replace(/<\/?div[^>]*>/g, '')
    .trim();
}

function markdownOf(html: string): string {
  let markdown = '';
  // Tags and the text between them, in order.
  for (const piece of html.split(/(<[^<>]*>)/)) {
    if (piece.startsWith('<')) {
      const tag = /^<\/?([a-z]+)/.exec(piece)?.[1] ?? '';
      if (tag === 'i' || tag === 'em') markdown += '*';
      else if (tag === 'b' || tag === 'strong') markdown += '**';
    } else {
      markdown += escapeMarkdown(decodeEntities(piece));
    }
  }
  return markdown.replace(/\s+/g, ' ').trim();
}

/**
 * Formats one entry in a style: Harvard (Cite Them Right), APA 7, Vancouver (without its number), or a
 * custom CSL style. Throws an Error with a message for the user when a custom style cannot be used.
 */
export function formatEntry(entry: ReferenceEntry, style: CitationStyle, locale = 'en-US'): FormattedEntry {
  const csl = entryToCsl(entry);
  const { plugins } = loadCitationJs();
  // citation-js types an item as its CSL type; ours is CSL-JSON with the id and type it requires.
  const items = [csl as unknown as CSL];
  const output: unknown = plugins.output.format('bibliography', items, { style: styleName(style), format: 'html', lang: locale });
  const html = entryHtml(String(output));
  const text = decodeEntities(html.replace(/<[^<>]*>/g, '')).replace(/\s+/g, ' ').trim();
  return { text, markdown: markdownOf(html) };
}
