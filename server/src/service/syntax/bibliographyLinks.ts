// Which bibliography files a document names, with the range of each name: YAML front matter `bibliography:`,
// `_quarto.yml`, LaTeX `\bibliography{a,b}` and `\addbibresource{x.bib}`; where front matter holds inline
// `references:`; and the entries of an embedded `thebibliography`.
//
// The YAML reader is hand-written on purpose: we need the offset of every path (a missing file is reported at
// its name) and only two top-level keys, and no YAML package is a dependency (the ones that keep offsets are
// large). It reads exactly the shapes people write for these keys: a plain or quoted scalar, a flow list
// `[a.bib, "b.json"]` (also over several lines), and a block list of `- item` lines.
import type { BibliographyLink, ReferenceEntry } from '../model';
import { readKeyGroup } from './latexScanner';
import { frontMatterEnd } from './mask';
import { isEscaped } from './pandocScanner';
import type { ToRange } from './referenceList';

/** A path named in YAML, with the offsets of its text (inside the quotes when quoted). */
export interface NamedPath {
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

/** An entry of an embedded `thebibliography`: a `ReferenceEntry` whose `label` is its key. */
export interface Bibitem extends ReferenceEntry {
  /** The optional argument of `\bibitem[Smith et~al.(2019)]{key}` as written, or null. */
  readonly printedLabel: string | null;
}

interface Line {
  readonly start: number;
  /** Offset of the line end, before `\r\n` or `\n`. */
  readonly end: number;
  readonly text: string;
}

function splitLines(text: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let start = from;
  while (start < to) {
    let end = text.indexOf('\n', start);
    if (end < 0 || end > to) end = to;
    const lineEnd = end > start && text[end - 1] === '\r' ? end - 1 : end;
    lines.push({ start, end: lineEnd, text: text.slice(start, lineEnd) });
    start = end + 1;
  }
  return lines;
}

const isBlankOrComment = (line: Line): boolean => /^[ \t]*(?:#.*)?$/.test(line.text);

/** A line that starts another top-level key (`title: ...`): it ends the value of the key before it. */
const startsTopLevelKey = (line: Line): boolean => /^[^\s#-]/.test(line.text) || /^-[^\s]/.test(line.text);

/** A quoted or plain scalar at `at`; a plain one ends at one of `stops`, at ` #` or at the end of the line. */
function readScalar(text: string, at: number, lineEnd: number, stops: string): { named: NamedPath | null; next: number } {
  const quote = text[at];
  if (quote === '"' || quote === "'") {
    let i = at + 1;
    for (; i < lineEnd; i++) {
      if (quote === '"' && text[i] === '\\') i++;
      else if (text[i] === quote && quote === "'" && text[i + 1] === "'") i++;
      else if (text[i] === quote) break;
    }
    if (i >= lineEnd) return { named: null, next: lineEnd };
    const raw = text.slice(at + 1, i);
    const path = quote === '"' ? raw.replace(/\\(["\\])/g, '$1') : raw.replace(/''/g, "'");
    return { named: path === '' ? null : { path, start: at + 1, end: i }, next: i + 1 };
  }
  let end = at;
  while (end < lineEnd && !stops.includes(text[end]) && !(text[end] === '#' && /\s/.test(text[end - 1]))) end++;
  let valueEnd = end;
  while (valueEnd > at && /\s/.test(text[valueEnd - 1])) valueEnd--;
  return { named: valueEnd > at ? { path: text.slice(at, valueEnd), start: at, end: valueEnd } : null, next: end };
}

const skipBlanks = (text: string, at: number, to: number): number => {
  let i = at;
  while (i < to && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
};

/** `[a.bib, "b.json"]` from the `[` at `at`, possibly over several lines. */
function readFlowList(text: string, at: number, lines: readonly Line[], lineIndex: number): NamedPath[] {
  const paths: NamedPath[] = [];
  let i = at + 1;
  let index = lineIndex;
  for (;;) {
    i = skipBlanks(text, i, lines[index].end);
    if (i >= lines[index].end) {
      if (++index >= lines.length) return paths;
      i = lines[index].start;
      continue;
    }
    if (text[i] === ']') return paths;
    const read = readScalar(text, i, lines[index].end, ',]');
    if (read.named) paths.push(read.named);
    i = skipBlanks(text, read.next, lines[index].end);
    if (text[i] === ',') i++;
    else if (text[i] !== ']' && i < lines[index].end) return paths;
  }
}

/** The line index of top-level key `key` and the offset after its colon; index -1 when it is absent. */
function findKey(lines: readonly Line[], key: string): { index: number; valueStart: number } {
  const pattern = new RegExp(`^${key}[ \\t]*:(?=[ \\t]|$)`);
  for (let index = 0; index < lines.length; index++) {
    const match = pattern.exec(lines[index].text);
    if (match) return { index, valueStart: lines[index].start + match[0].length };
  }
  return { index: -1, valueStart: -1 };
}

/** The paths of top-level `bibliography:` in the YAML text between `from` and `to` of `text`. */
function bibliographyPaths(text: string, from: number, to: number): NamedPath[] {
  const lines = splitLines(text, from, to);
  const { index, valueStart } = findKey(lines, 'bibliography');
  if (index < 0) return [];
  const at = skipBlanks(text, valueStart, lines[index].end);
  if (text[at] === '[') return readFlowList(text, at, lines, index);
  if (at < lines[index].end && text[at] !== '#') {
    const read = readScalar(text, at, lines[index].end, '');
    return read.named ? [read.named] : [];
  }
  // A block list: `- a.bib` lines below the key (at any indentation, YAML allows none).
  const paths: NamedPath[] = [];
  for (const line of lines.slice(index + 1)) {
    if (isBlankOrComment(line)) continue;
    const item = /^[ \t]*-[ \t]+/.exec(line.text);
    if (!item) break;
    const read = readScalar(text, line.start + item[0].length, line.end, '');
    if (read.named) paths.push(read.named);
  }
  return paths;
}

/** Offsets of the YAML inside the front matter (between the `---` lines), or null when there is none. */
function frontMatterYaml(text: string): { start: number; end: number } | null {
  const end = frontMatterEnd(text);
  if (end === 0) return null;
  const open = /^---[ \t]*\r?\n/.exec(text);
  return open ? { start: open[0].length, end: text.lastIndexOf('\n', end - 1) + 1 } : null;
}

/** `bibliography:` of the YAML front matter: a string or a list of paths, relative to the document. */
export function frontMatterBibliographies(text: string, toRange: ToRange): BibliographyLink[] {
  const yaml = frontMatterYaml(text);
  if (!yaml) return [];
  return bibliographyPaths(text, yaml.start, yaml.end).map((named) => ({ path: named.path, range: toRange(named.start, named.end) }));
}

/** `bibliography:` of a `_quarto.yml` (top level), with offsets in `yamlText`. */
export function quartoBibliographies(yamlText: string): NamedPath[] {
  return bibliographyPaths(yamlText, 0, yamlText.length);
}

/**
 * The front matter's top-level `references:` (inline CSL-YAML entries): the YAML from the key to the end of its
 * value, key included so that it reads as a map by itself, and its offset in `text`. Null when there is none.
 */
export function inlineReferences(text: string): { yaml: string; start: number } | null {
  const yaml = frontMatterYaml(text);
  if (!yaml) return null;
  const lines = splitLines(text, yaml.start, yaml.end);
  const { index } = findKey(lines, 'references');
  if (index < 0) return null;
  let last = index;
  for (let i = index + 1; i < lines.length && !startsTopLevelKey(lines[i]); i++) {
    if (!isBlankOrComment(lines[i])) last = i;
  }
  const start = lines[index].start;
  return { yaml: text.slice(start, lines[last].end), start };
}

const LATEX_BIBLIOGRAPHY = /\\(bibliography|nobibliography|addbibresource|addglobalbib|addsectionbib)(?![A-Za-z])\*?/g;

/**
 * `\bibliography{a,b}` (BibTeX adds `.bib` unless the name ends in it) and biblatex `\addbibresource{x.bib}`
 * (`\addglobalbib`, `\addsectionbib`); resources with `location=remote` are URLs, not files, and are left out.
 */
export function latexBibliographies(masked: string, text: string, toRange: ToRange): BibliographyLink[] {
  const links: BibliographyLink[] = [];
  LATEX_BIBLIOGRAPHY.lastIndex = 0;
  for (let match = LATEX_BIBLIOGRAPHY.exec(masked); match; match = LATEX_BIBLIOGRAPHY.exec(masked)) {
    if (isEscaped(masked, match.index)) continue;
    const read = readKeyGroup(masked, match.index + match[0].length);
    if (!read) continue;
    const { notes, keys } = read.group;
    const bibtex = match[1] === 'bibliography' || match[1] === 'nobibliography';
    if (notes.some((note) => /location\s*=\s*remote/.test(masked.slice(note.start, note.end)))) continue;
    // BibTeX takes a comma-separated list; biblatex one resource per command, whose name may hold a comma.
    const names = bibtex ? masked.slice(keys.start + 1, keys.end - 1).split(',') : [masked.slice(keys.start + 1, keys.end - 1)];
    let offset = keys.start + 1;
    for (const name of names) {
      const start = offset + (name.length - name.trimStart().length);
      const end = offset + name.trimEnd().length;
      offset += name.length + 1;
      if (end <= start) continue;
      const written = text.slice(start, end);
      links.push({ path: bibtex && !/\.bib$/i.test(written) ? `${written}.bib` : written, range: toRange(start, end) });
    }
  }
  return links;
}

const BIBLIOGRAPHY_ENVIRONMENT = /\\begin\s*\{thebibliography\}/g;
const BIBITEM = /\\bibitem(?![A-Za-z])/g;
const END_ENVIRONMENT = /\\end\s*\{thebibliography\}/g;

/**
 * The `\bibitem[label]{key} text` entries of embedded `thebibliography` environments, in document order, with ids
 * from `R${firstId}`. The entry text is kept as written; its authors, year and title are not read (empty or null).
 */
export function readBibitems(masked: string, text: string, toRange: ToRange, firstId = 1): Bibitem[] {
  const items: Bibitem[] = [];
  BIBLIOGRAPHY_ENVIRONMENT.lastIndex = 0;
  for (let begin = BIBLIOGRAPHY_ENVIRONMENT.exec(masked); begin; begin = BIBLIOGRAPHY_ENVIRONMENT.exec(masked)) {
    END_ENVIRONMENT.lastIndex = begin.index;
    const endMatch = END_ENVIRONMENT.exec(masked);
    const environmentEnd = endMatch ? endMatch.index : masked.length;
    const commands: { index: number; length: number }[] = [];
    BIBITEM.lastIndex = begin.index;
    for (let item = BIBITEM.exec(masked); item && item.index < environmentEnd; item = BIBITEM.exec(masked)) {
      if (!isEscaped(masked, item.index)) commands.push({ index: item.index, length: item[0].length });
    }
    commands.forEach((command, i) => {
      const read = readKeyGroup(masked, command.index + command.length);
      if (!read || read.group.notes.length > 1) return;
      const { notes, keys } = read.group;
      const keyText = text.slice(keys.start + 1, keys.end - 1);
      const keyStart = keys.start + 1 + (keyText.length - keyText.trimStart().length);
      const key = keyText.trim();
      if (key === '') return;
      const itemEnd = i + 1 < commands.length ? commands[i + 1].index : environmentEnd;
      // Trimmed on the masked text, so that a commented-out line at the end is not part of the entry.
      const body = masked.slice(read.end, itemEnd);
      const start = read.end + (body.length - body.trimStart().length);
      const end = Math.max(start, read.end + body.trimEnd().length);
      items.push({
        id: `R${firstId + items.length}`,
        source: 'document',
        range: toRange(start, end),
        start,
        end,
        text: text.slice(start, end),
        key,
        keyRange: toRange(keyStart, keyStart + key.length),
        authors: [],
        authorRanges: [],
        year: null,
        yearRange: null,
        title: null,
        container: null,
        editors: [],
        pages: null,
        kind: 'other',
        label: key,
        printedLabel: notes.length === 1 ? text.slice(notes[0].start + 1, notes[0].end - 1) : null,
      });
    });
    BIBLIOGRAPHY_ENVIRONMENT.lastIndex = environmentEnd;
  }
  return items;
}
