// Blanks out text that can never hold a citation (code, math, comments, front matter) by replacing it with
// spaces. Offsets and line breaks are kept, so scanners run on the masked text and report ranges in the
// original. Every step jumps with indexOf: this runs on each keystroke over whole theses.

export interface MaskedText {
  readonly text: string;
  /** Offset just after the YAML front matter (0 when there is none). */
  readonly frontMatterEnd: number;
}

type Span = [start: number, end: number];

/** Replaces the spans (sorted, non-overlapping or not) with spaces, keeping line breaks. */
export function blankSpans(text: string, spans: Span[]): string {
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    out += text.slice(at, from) + text.slice(from, end).replace(/[^\r\n]+/g, (run) => ' '.repeat(run.length));
    at = end;
  }
  return out + text.slice(at);
}

/** Whether the character at `i` is escaped by an odd number of backslashes. */
function escaped(text: string, i: number): boolean {
  let count = 0;
  while (i - count - 1 >= 0 && text.charCodeAt(i - count - 1) === 92) count++;
  return count % 2 === 1;
}

/** Offset of the end of a YAML front matter block at the very start of the text, or 0. */
export function frontMatterEnd(text: string): number {
  const open = /^---[ \t]*\r?\n/.exec(text);
  if (!open) return 0;
  const match = /^(?:---|\.\.\.)[ \t]*$/m.exec(text.slice(open[0].length));
  return match ? open[0].length + match.index + match[0].length : 0;
}

export function maskMarkdown(text: string): MaskedText {
  const fmEnd = frontMatterEnd(text);
  const blocks: Span[] = fmEnd > 0 ? [[0, fmEnd]] : [];
  fencedCode(text, fmEnd, blocks);
  const withoutBlocks = blankSpans(text, blocks);
  const withoutComments = blankSpans(withoutBlocks, delimited(withoutBlocks, '<!--', '-->'));
  const withoutCode = blankSpans(withoutComments, codeSpans(withoutComments));
  return { text: blankSpans(withoutCode, dollarMath(withoutCode)), frontMatterEnd: fmEnd };
}

export function maskLatex(text: string): MaskedText {
  const spans: Span[] = [];
  for (let i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
    if (escaped(text, i)) continue;
    let end = text.indexOf('\n', i);
    if (end < 0) end = text.length;
    spans.push([i, end]);
    i = end;
  }
  const withoutComments = blankSpans(text, spans);
  const verbatim = /\\begin\{(verbatim|lstlisting|minted|comment)\*?\}/g;
  const blocks: Span[] = [];
  for (let m = verbatim.exec(withoutComments); m; m = verbatim.exec(withoutComments)) {
    const endTag = `\\end{${m[1]}}`;
    const close = withoutComments.indexOf(endTag, m.index);
    const end = close < 0 ? text.length : close + endTag.length;
    blocks.push([m.index, end]);
    verbatim.lastIndex = end;
  }
  const withoutVerbatim = blankSpans(withoutComments, blocks);
  const withoutDisplay = blankSpans(withoutVerbatim, delimited(withoutVerbatim, '\\[', '\\]'));
  return { text: blankSpans(withoutDisplay, dollarMath(withoutDisplay)), frontMatterEnd: 0 };
}

/** Fenced code blocks: ``` or ~~~ (three or more) to a closing fence of the same kind and at least that length. */
function fencedCode(text: string, from: number, spans: Span[]): void {
  if (!text.includes('```') && !text.includes('~~~')) return; // the common case, found natively
  const fence = /^[ \t]{0,3}(`{3,}|~{3,})[^\n]*$/gm;
  fence.lastIndex = from;
  for (let open = fence.exec(text); open; open = fence.exec(text)) {
    const marker = open[1];
    const closing = new RegExp(`^[ \\t]{0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`, 'gm');
    closing.lastIndex = open.index + open[0].length;
    const close = closing.exec(text);
    const end = close ? close.index + close[0].length : text.length;
    spans.push([open.index, end]);
    fence.lastIndex = end;
  }
}

function delimited(text: string, open: string, close: string): Span[] {
  const spans: Span[] = [];
  for (let start = text.indexOf(open); start >= 0; start = text.indexOf(open, start)) {
    const closeAt = text.indexOf(close, start + open.length);
    const end = closeAt < 0 ? text.length : closeAt + close.length;
    spans.push([start, end]);
    start = end;
  }
  return spans;
}

function runLength(text: string, i: number, char: string): number {
  let n = 0;
  while (text[i + n] === char) n++;
  return n;
}

/** A blank line: two line breaks (`\n`, `\r\n` or a lone `\r`) with nothing but spaces or tabs between them. */
const BLANK_LINE = /(?:\r\n|\r(?!\n)|\n)[ \t]*(?:\r\n|\r(?!\n)|\n)/g;

/** Offset of the end of the paragraph holding `at`: its next blank line, or the end of the text. */
function paragraphEnd(text: string, at: number): number {
  BLANK_LINE.lastIndex = at;
  const blank = BLANK_LINE.exec(text);
  return blank ? blank.index : text.length;
}

/** The backtick runs of one paragraph, in order. */
interface BacktickRuns {
  readonly starts: number[];
  readonly lengths: number[];
  /** Preceded by an odd number of backslashes: the run's first backtick is literal (but it closes a span whole). */
  readonly escaped: boolean[];
}

/**
 * Code spans among the backtick runs of one paragraph, as CommonMark reads them: from an opening run to the next
 * run of exactly the same length; a run with no such run after it is literal text. One pass from the end finds,
 * for each run, the next run of its opening length, so a paragraph is matched in time linear in its runs however
 * many lengths there are (` `` ``` ```` ... never closed).
 */
function matchRuns(runs: BacktickRuns, spans: Span[]): void {
  const { starts, lengths, escaped: isEscaped } = runs;
  const count = starts.length;
  if (count < 2) return;
  const closer = new Int32Array(count).fill(-1);
  const nextOfLength = new Map<number, number>();
  for (let k = count - 1; k >= 0; k--) {
    const openLength = isEscaped[k] ? lengths[k] - 1 : lengths[k];
    if (openLength > 0) closer[k] = nextOfLength.get(openLength) ?? -1;
    nextOfLength.set(lengths[k], k);
  }
  for (let k = 0; k < count;) {
    const close = closer[k];
    if (close < 0) {
      k++;
      continue;
    }
    spans.push([isEscaped[k] ? starts[k] + 1 : starts[k], starts[close] + lengths[close]]);
    k = close + 1;
  }
}

/**
 * Code spans: a run of backticks to the next run of exactly the same length in the same paragraph (a code span
 * does not cross a blank line, so a stray backtick hides nothing in the paragraphs after it).
 */
function codeSpans(text: string): Span[] {
  const spans: Span[] = [];
  const runs: BacktickRuns = { starts: [], lengths: [], escaped: [] };
  let limit = -1;
  for (let i = text.indexOf('`'); i >= 0;) {
    const length = runLength(text, i, '`');
    if (i >= limit) {
      matchRuns(runs, spans);
      runs.starts.length = 0;
      runs.lengths.length = 0;
      runs.escaped.length = 0;
      limit = paragraphEnd(text, i);
    }
    runs.starts.push(i);
    runs.lengths.push(length);
    runs.escaped.push(escaped(text, i));
    i = text.indexOf('`', i + length);
  }
  matchRuns(runs, spans);
  return spans;
}

const isSpace = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * `$$...$$`, and `$...$` where the opening `$` is followed by a non-space and the closing one preceded by a
 * non-space and not followed by a digit (pandoc's rule, so `$5 and $10` is not math).
 */
function dollarMath(text: string): Span[] {
  const spans: Span[] = [];
  let limit = -1;
  let i = text.indexOf('$');
  while (i >= 0) {
    if (escaped(text, i)) { i = text.indexOf('$', i + 1); continue; }
    if (text[i + 1] === '$') {
      const close = text.indexOf('$$', i + 2);
      if (close < 0) break;
      spans.push([i, close + 2]);
      i = text.indexOf('$', close + 2);
      continue;
    }
    // Inline math ends within its paragraph; the paragraph end is looked up once per paragraph.
    if (limit < i) limit = paragraphEnd(text, i);
    let close = isSpace(text[i + 1]) ? -1 : text.indexOf('$', i + 1);
    while (close >= 0 && close < limit && escaped(text, close)) close = text.indexOf('$', close + 1);
    if (close >= 0 && close < limit && !isSpace(text[close - 1]) && !/\d/.test(text[close + 1] ?? '')) {
      spans.push([i, close + 1]);
      i = text.indexOf('$', close + 1);
    } else {
      i = text.indexOf('$', i + 1);
    }
  }
  return spans;
}
