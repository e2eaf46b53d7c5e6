// An entry shown in a hover or a completion: as written when it is in the document, formatted in the
// user's style when it comes from a bibliography file, with its DOI or URL as a link. Never raw HTML,
// never a link other than http(s).
import { entryToCsl, formatEntry } from '../bibliography/cslConversion';
import type { ResolvedStyle } from '../bibliography/styleResolution';
import type { ReferenceEntry } from '../model';
import { escapeMarkdownText } from './markdownText';

function webLink(entry: ReferenceEntry): string | null {
  const csl = entryToCsl(entry);
  const doi = typeof csl.DOI === 'string' ? csl.DOI.replace(/^https?:\/\/(?:dx\.)?doi\.org\//i, '') : null;
  const url = doi ? `https://doi.org/${doi}` : typeof csl.URL === 'string' ? csl.URL : null;
  if (!url || !/^https?:\/\/[^\s<>()]+$/i.test(url)) return null;
  return `[${escapeMarkdownText(url)}](${url})`;
}

// A library entry formatted in a style, kept while both live: formatting takes citeproc milliseconds, and
// entries are immutable (a changed file gives new ones).
const formattedEntries = new WeakMap<ReferenceEntry, WeakMap<ResolvedStyle, string>>();

/** Whether `entryMarkdown` has this entry in this style ready (a document entry always is). */
export function hasEntryMarkdown(entry: ReferenceEntry, style: ResolvedStyle): boolean {
  return entry.source === 'document' || formattedEntries.get(entry)?.has(style) === true;
}

export function entryMarkdown(entry: ReferenceEntry, style: ResolvedStyle): string {
  if (entry.source === 'document') return escapeMarkdownText(entry.text);
  let byStyle = formattedEntries.get(entry);
  if (!byStyle) formattedEntries.set(entry, (byStyle = new WeakMap()));
  let markdown = byStyle.get(style);
  if (markdown === undefined) byStyle.set(style, (markdown = formattedMarkdown(entry, style)));
  return markdown;
}

function formattedMarkdown(entry: ReferenceEntry, style: ResolvedStyle): string {
  let formatted: string;
  if ('error' in style) {
    formatted = `${escapeMarkdownText(entry.label)} ${escapeMarkdownText(entry.title ?? '')}\n\n*Citewright: ${escapeMarkdownText(style.error)}*`;
  } else {
    try {
      formatted = formatEntry(entry, style.style).markdown;
    } catch (error) {
      formatted = `${escapeMarkdownText(entry.label)} ${escapeMarkdownText(entry.title ?? '')}\n\n*Citewright cannot format this entry: ${escapeMarkdownText((error as Error).message)}*`;
    }
  }
  const link = webLink(entry);
  const where = `${escapeMarkdownText(entry.source)}, line ${entry.range.start.line + 1}`;
  return [formatted, ...(link ? [link] : []), `*${where}*`].join('\n\n');
}
