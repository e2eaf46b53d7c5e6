// Builds the document model from one version of a document: masking, reference lists, citations of every
// syntax, and the bibliography files the document names.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import type { DocumentKind, DocumentModel } from './model';
import { scanAuthorDate } from './syntax/authorDateScanner';
import { readCslYaml } from './bibliography/cslYamlReader';
import { frontMatterBibliographies, inlineReferences, latexBibliographies, readBibitems } from './syntax/bibliographyLinks';
import { scanLatex } from './syntax/latexScanner';
import { IncrementalLists } from './syntax/incrementalLists';
import { commonEnds, IncrementalScan, versionChange, visible, type TextVersion } from './syntax/incrementalScan';
import { maskLatex, maskMarkdown } from './syntax/mask';
import { exampleLabels, scanPandoc } from './syntax/pandocScanner';

const PANDOC_LANGUAGES = new Set(['markdown', 'quarto', 'rmd', 'pandoc']);

export function isLatex(languageId: string, uri: string): boolean {
  return languageId === 'latex' || languageId === 'tex' || /\.tex$/i.test(uri);
}

function buildLatexModel(document: TextDocument, text: string, toRange: (s: number, e: number) => Range): DocumentModel {
  const masked = maskLatex(text).text;
  return {
    uri: document.uri,
    version: document.version,
    kind: 'latex',
    citations: scanLatex(masked, text, toRange),
    lists: [],
    entries: [],
    bibliographyLinks: latexBibliographies(masked, text, toRange),
    texRoot: /^%\s*!\s*TEX\s+root\s*=\s*(.+?)\s*$/im.exec(text)?.[1] ?? null,
    keyedEntries: readBibitems(masked, text, toRange),
    keyedEntryProblems: [],
    masked,
  };
}

/** The lists and scans of one document, kept by the service from version to version so that edits redo little. */
export interface ModelCaches {
  readonly lists: IncrementalLists;
  readonly authorDate: IncrementalScan;
  readonly pandoc: IncrementalScan;
  /** The version last seen: the next one is compared with it once, for the lists and both scans. */
  lastVersion: TextVersion | null;
}

export function createModelCaches(): ModelCaches {
  return { lists: new IncrementalLists(), authorDate: new IncrementalScan(true), pandoc: new IncrementalScan(false), lastVersion: null };
}

export function buildDocumentModel(document: TextDocument, caches: ModelCaches = createModelCaches()): DocumentModel {
  const text = document.getText();
  const toRange = (start: number, end: number): Range => ({ start: document.positionAt(start), end: document.positionAt(end) });
  if (isLatex(document.languageId, document.uri)) return buildLatexModel(document, text, toRange);
  const masked = maskMarkdown(text).text;
  const previous = caches.lastVersion;
  const ends = previous && commonEnds(previous, { masked, text });
  const { lists, knownNames, names } = caches.lists.read(previous, { masked, text }, ends, toRange);
  // The scanners see the lists blank: `Breslauer, G. W. (1980)` in an entry is not a citation.
  const current: TextVersion = { masked, text, hidden: lists.map((l) => [l.start, l.end] as const) };
  const change = versionChange(previous, current, ends ?? { prefix: 0, suffix: 0 });
  caches.lastVersion = current;
  const authorDate = caches.authorDate.scan(change, names, toRange, (m, t, r) => scanAuthorDate({ text: t, masked: m, toRange: r, knownNames }));
  // Example labels `(@good)` anywhere make `@good` no citation: they are the pandoc scan's context.
  const examples = PANDOC_LANGUAGES.has(document.languageId) ? exampleLabels(masked.includes('(@') ? visible(current) : '') : new Set<string>();
  const pandoc = PANDOC_LANGUAGES.has(document.languageId)
    ? caches.pandoc.scan(change, [...examples].sort().join('\u0000'), toRange, (m, t, r) => scanPandoc(m, t, r, examples))
    : [];
  const bibliographyLinks = frontMatterBibliographies(text, toRange);
  // Front matter `references:` (inline CSL-YAML): the reader takes the whole document and keeps its positions.
  const inline = inlineReferences(text) ? readCslYaml('document', text, { idPrefix: 'Y' }) : { entries: [], problems: [] };
  const kind: DocumentKind = pandoc.length > 0 || bibliographyLinks.length > 0 || inline.entries.length > 0 ? 'pandoc' : 'author-date';
  return {
    uri: document.uri,
    version: document.version,
    kind,
    citations: [...authorDate, ...pandoc].sort((a, b) => a.outerStart - b.outerStart),
    lists,
    entries: lists.flatMap((l) => l.entries),
    bibliographyLinks,
    texRoot: null,
    keyedEntries: inline.entries,
    keyedEntryProblems: inline.problems,
    masked,
  };
}
