// Finds LaTeX citations: natbib and biblatex `\cite` commands with optional pre- and postnotes and several keys,
// `\cites` multicites, and `\nocite`. Written by hand: we need the offset of every key, and the LaTeX parsers
// available (latex-utensils) cost far more than this one pass and give up on documents with errors.
import type { Citation, CitationForm, CitationItem } from '../model';
import { isEscaped, readNote } from './pandocScanner';
import type { ToRange } from './referenceList';

interface CommandKind {
  readonly form: CitationForm;
  /** `\cites[..]{a}[..]{b}`: several key arguments, each with its own notes. */
  readonly multi: boolean;
  readonly suppressAuthor: boolean;
  readonly nocite: boolean;
}

const NARRATIVE = new Set(['citet', 'Citet', 'citeauthor', 'Citeauthor', 'textcite', 'Textcite', 'textcites', 'Textcites']);
const YEAR_ONLY = new Set(['citeyear', 'citeyearpar']);
const SINGLE = [
  'cite', 'Cite', 'citep', 'Citep', 'citet', 'Citet', 'citealp', 'Citealp', 'citealt', 'Citealt', 'citeauthor', 'Citeauthor',
  'citeyear', 'citeyearpar', 'citenum', 'citetitle', 'citedate', 'citeurl', 'parencite', 'Parencite', 'textcite', 'Textcite',
  'autocite', 'Autocite', 'footcite', 'Footcite', 'footcitetext', 'smartcite', 'Smartcite', 'supercite', 'fullcite',
  'footfullcite', 'nocite',
];
const MULTI = [
  'cites', 'Cites', 'parencites', 'Parencites', 'textcites', 'Textcites', 'autocites', 'Autocites', 'footcites', 'Footcites',
  'footcitetexts', 'smartcites', 'Smartcites', 'supercites',
];
const COMMANDS: ReadonlyMap<string, CommandKind> = new Map([
  ...SINGLE.map((name) => [name, false] as const),
  ...MULTI.map((name) => [name, true] as const),
].map(([name, multi]): [string, CommandKind] => [name, {
  form: NARRATIVE.has(name) ? 'narrative' : 'parenthetical',
  multi,
  suppressAuthor: YEAR_ONLY.has(name),
  nocite: name === 'nocite',
}]));

const COMMAND = /\\([A-Za-z]+)\*?/g;
/** An optional argument longer than this is not a note (and the bound keeps an unclosed `[` from costing more). */
const MAX_NOTE = 500;
/** `\newcommand{\mycite}[1]{\citep{#1}}`: a macro parameter, not a key. */
const MACRO_PARAMETER = /^#+\d$/;

export interface Argument {
  /** Offsets of the delimiters: `start` is at `[`, `{` or `(`, `end` just after the closing one. */
  readonly start: number;
  readonly end: number;
}

/** One `[pre][post]{keys}` group; a plain `\cite` has one, a multicite several. */
export interface KeyGroup {
  readonly notes: readonly Argument[];
  readonly keys: Argument;
}

/** Skips white space between arguments; stops before a blank line, which ends the command in TeX. */
function skipSpace(masked: string, from: number): number {
  let i = from;
  while (i < masked.length && /\s/.test(masked[i])) {
    if (masked[i] === '\n' && /^[ \t\r]*\n/.test(masked.slice(i + 1, i + 200))) return i;
    i++;
  }
  return i;
}

/** `[...]` or `(...)` at `at`, with braces in it balanced (`[{p. [3]}]`), or null. */
function readBracketed(masked: string, at: number, open: string, close: string): Argument | null {
  if (masked[at] !== open) return null;
  let depth = 0;
  const limit = Math.min(masked.length, at + MAX_NOTE);
  for (let i = at + 1; i < limit; i++) {
    const c = masked[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === close && depth === 0) return { start: at, end: i + 1 };
  }
  return null;
}

/** `{a, b}` at `at`: keys hold no braces and no commands, so the argument ends at the first `}`. */
function readKeysArgument(masked: string, at: number): Argument | null {
  if (masked[at] !== '{') return null;
  for (let i = at + 1; i < masked.length; i++) {
    const c = masked[i];
    if (c === '}') return { start: at, end: i + 1 };
    if (c === '{' || c === '\\' || (c === '\n' && /^[ \t]*\r?\n/.test(masked.slice(i + 1, i + 200)))) return null;
  }
  return null;
}

/**
 * Up to two optional arguments and a braces argument without braces or commands in it (`[pre][post]{a,b}`,
 * `[location=remote]{refs.bib}`) from `at`; null when there is no braces argument.
 */
export function readKeyGroup(masked: string, at: number): { group: KeyGroup; end: number } | null {
  const notes: Argument[] = [];
  let i = skipSpace(masked, at);
  while (notes.length < 2) {
    const note = readBracketed(masked, i, '[', ']');
    if (!note) break;
    notes.push(note);
    i = skipSpace(masked, note.end);
  }
  const keys = readKeysArgument(masked, i);
  return keys ? { group: { notes, keys }, end: keys.end } : null;
}

/** `\verb|...|`: the offset of its closing delimiter (on the same line), or `from` when there is none. */
function verbatimEnd(masked: string, from: number): number {
  const delimiter = masked[from];
  if (delimiter === undefined || /[\s*A-Za-z]/.test(delimiter)) return from;
  const close = masked.indexOf(delimiter, from + 1);
  const lineEnd = masked.indexOf('\n', from);
  return close < 0 || (lineEnd >= 0 && close > lineEnd) ? from : close;
}

interface Scan {
  readonly masked: string;
  /** The masked text with `~` (a non-breaking space) as a space, for reading notes. */
  readonly notes: string;
  readonly text: string;
  readonly toRange: ToRange;
}

/** The text of a note argument without its brackets and surrounding space, or null when empty. */
function noteText(scan: Scan, note: Argument | undefined): string | null {
  if (!note) return null;
  const inner = scan.text.slice(note.start + 1, note.end - 1).trim();
  return inner === '' ? null : inner;
}

/** One item per key; the prenote goes to the first key and the postnote (the locator) to the last, as citeproc does. */
function groupItems(scan: Scan, group: KeyGroup, kind: CommandKind): CitationItem[] {
  const [pre, post] = group.notes.length === 2 ? group.notes : [undefined, group.notes[0]];
  const keys: { start: number; end: number }[] = [];
  let keyStart = group.keys.start + 1;
  for (let i = keyStart; i < group.keys.end; i++) {
    if (scan.masked[i] !== ',' && i !== group.keys.end - 1) continue;
    const raw = scan.masked.slice(keyStart, i);
    const start = keyStart + (raw.length - raw.trimStart().length);
    const end = keyStart + raw.trimEnd().length;
    if (end > start && !MACRO_PARAMETER.test(raw.trim())) keys.push({ start, end });
    keyStart = i + 1;
  }
  const note = post
    ? readNote(scan.notes, scan.text, post.start + 1, post.end - 1, scan.toRange)
    : { locator: null, suffix: null };
  return keys.map((key, index) => ({
    authors: [],
    authorRanges: [],
    etAl: false,
    year: null,
    yearRange: null,
    key: scan.text.slice(key.start, key.end),
    keyRange: scan.toRange(key.start, key.end),
    prefix: index === 0 ? noteText(scan, pre) : null,
    locator: index === keys.length - 1 ? note.locator : null,
    suffix: index === keys.length - 1 ? note.suffix : null,
    suppressAuthor: kind.suppressAuthor,
    // The notes sit before the keys and belong to the whole command, so an item is its key.
    range: scan.toRange(key.start, key.end),
  }));
}

function readCommand(scan: Scan, commandStart: number, nameEnd: number, kind: CommandKind): Citation | null {
  const { masked } = scan;
  const argsStart = skipSpace(masked, nameEnd);
  let at = argsStart;
  // biblatex multicites take global notes first: `\cites(pre)(post)[..]{a}[..]{b}`. They belong to no one key.
  for (let global = 0; kind.multi && global < 2; global++) {
    const note = readBracketed(masked, at, '(', ')');
    if (!note) break;
    at = skipSpace(masked, note.end);
  }
  const groups: KeyGroup[] = [];
  let end = argsStart;
  for (;;) {
    const read = readKeyGroup(masked, at);
    if (!read) break;
    groups.push(read.group);
    end = read.end;
    if (!kind.multi) break;
    at = read.end;
  }
  if (groups.length === 0) return null;
  const items = groups.flatMap((group) => groupItems(scan, group, kind));
  if (items.length === 0) return null;
  return {
    syntax: 'latex',
    form: kind.form,
    text: scan.text.slice(argsStart, end),
    range: scan.toRange(argsStart, end),
    outerRange: scan.toRange(commandStart, end),
    outerStart: commandStart,
    outerEnd: end,
    items,
    listIndex: -1,
    nocite: kind.nocite,
  };
}

/**
 * All citation commands of the masked LaTeX text (comments, verbatim and math blanked), in document order.
 * `\nocite` gives citations marked `nocite` (`\nocite{*}` an item with key `*`). Ranges are in `text`.
 */
export function scanLatex(masked: string, text: string, toRange: ToRange): Citation[] {
  const scan: Scan = { masked, notes: masked.replace(/~/g, ' '), text, toRange };
  const found: Citation[] = [];
  COMMAND.lastIndex = 0;
  for (let match = COMMAND.exec(masked); match; match = COMMAND.exec(masked)) {
    if (isEscaped(masked, match.index)) continue;
    const name = match[1];
    if (name === 'verb') {
      COMMAND.lastIndex = verbatimEnd(masked, match.index + match[0].length) + 1;
      continue;
    }
    const kind = COMMANDS.get(name);
    if (!kind) continue;
    const citation = readCommand(scan, match.index, match.index + match[0].length, kind);
    if (!citation) continue;
    found.push(citation);
    COMMAND.lastIndex = citation.outerEnd;
  }
  return found;
}
