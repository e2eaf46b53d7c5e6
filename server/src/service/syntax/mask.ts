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

/** Code spans: a run of backticks to the next run of exactly the same length. */
function codeSpans(text: string): Span[] {
  const spans: Span[] = [];
  let i = text.indexOf('`');
  while (i >= 0) {
    const run = runLength(text, i, '`');
    if (escaped(text, i)) { i = text.indexOf('`', i + run); continue; }
    let close = text.indexOf('`', i + run);
    while (close >= 0 && runLength(text, close, '`') !== run) close = text.indexOf('`', close + runLength(text, close, '`'));
    if (close < 0) { i = text.indexOf('`', i + run); continue; }
    spans.push([i, close + run]);
    i = text.indexOf('`', close + run);
  }
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
    if (limit < i) {
      const paragraphEnd = text.indexOf('\n\n', i);
      limit = paragraphEnd < 0 ? text.length : paragraphEnd;
    }
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
