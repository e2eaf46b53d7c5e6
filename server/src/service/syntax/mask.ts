// Blanks out text that can never hold a citation (code, math, comments, front matter) by
// replacing it with spaces. Offsets and line breaks are kept, so scanners can run on the
// masked text and report ranges in the original.

export interface MaskedText {
  readonly text: string;
  /** Offset just after the YAML front matter (0 when there is none). */
  readonly frontMatterEnd: number;
}

function blank(chars: string[], start: number, end: number): void {
  for (let i = start; i < end; i++) {
    if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  }
}

/** Offset of the end of a YAML front matter block at the very start of the text, or 0. */
export function frontMatterEnd(text: string): number {
  const open = /^---[ \t]*\r?\n/.exec(text);
  if (!open) return 0;
  const close = /^(?:---|\.\.\.)[ \t]*$/m;
  close.lastIndex = 0;
  const rest = text.slice(open[0].length);
  const match = close.exec(rest);
  if (!match) return 0;
  return open[0].length + match.index + match[0].length;
}

export function maskMarkdown(text: string): MaskedText {
  const chars = text.split('');
  const fmEnd = frontMatterEnd(text);
  blank(chars, 0, fmEnd);
  maskFencedCode(text, chars, fmEnd);
  maskDelimited(text, chars, '<!--', '-->');
  maskInlineCodeAndMath(chars);
  return { text: chars.join(''), frontMatterEnd: fmEnd };
}

export function maskLatex(text: string): MaskedText {
  const chars = text.split('');
  // Comments: % to end of line unless escaped.
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === '\\') { i++; continue; }
    if (chars[i] === '%') {
      let end = text.indexOf('\n', i);
      if (end < 0) end = text.length;
      blank(chars, i, end);
      i = end;
    }
  }
  const verbatim = /\\begin\{(verbatim|lstlisting|minted|comment)\*?\}/g;
  for (let m = verbatim.exec(text); m; m = verbatim.exec(text)) {
    const endTag = `\\end{${m[1]}}`;
    let end = text.indexOf(endTag, m.index);
    end = end < 0 ? text.length : end + endTag.length;
    blank(chars, m.index, end);
    verbatim.lastIndex = end;
  }
  maskDelimited(chars.join(''), chars, '\\[', '\\]');
  maskDollarMath(chars);
  return { text: chars.join(''), frontMatterEnd: 0 };
}

/** Fenced code blocks: ``` or ~~~ (three or more) to a closing fence of the same kind and length. */
function maskFencedCode(text: string, chars: string[], from: number): void {
  const fence = /^[ \t]{0,3}(`{3,}|~{3,})[^\n]*$/gm;
  fence.lastIndex = from;
  for (let open = fence.exec(text); open; open = fence.exec(text)) {
    const marker = open[1];
    const closing = new RegExp(`^[ \\t]{0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`, 'gm');
    closing.lastIndex = open.index + open[0].length;
    const close = closing.exec(text);
    const end = close ? close.index + close[0].length : text.length;
    blank(chars, open.index, end);
    fence.lastIndex = end;
  }
}

function maskDelimited(text: string, chars: string[], open: string, close: string): void {
  for (let start = text.indexOf(open); start >= 0; start = text.indexOf(open, start)) {
    const closeAt = text.indexOf(close, start + open.length);
    const end = closeAt < 0 ? text.length : closeAt + close.length;
    blank(chars, start, end);
    start = end;
  }
}

/** Code spans (matching backtick runs) and `$...$` / `$$...$$` math within Markdown text. */
function maskInlineCodeAndMath(chars: string[]): void {
  const text = chars.join('');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') { i++; continue; }
    if (c === '`') {
      let run = 1;
      while (text[i + run] === '`') run++;
      const ticks = '`'.repeat(run);
      let search = i + run;
      let close = -1;
      // The closing run must have exactly the same length.
      while ((close = text.indexOf(ticks, search)) >= 0 && text[close + run] === '`') {
        search = close + run;
        while (text[search] === '`') search++;
      }
      if (close < 0) { i += run - 1; continue; }
      blank(chars, i, close + run);
      i = close + run - 1;
    }
  }
  maskDollarMath(chars);
}

/** `$$...$$` and `$...$` where the opening `$` is followed by a non-space and closing preceded by one (pandoc's rule). */
function maskDollarMath(chars: string[]): void {
  const text = chars.join('');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') { i++; continue; }
    if (text[i] !== '$') continue;
    if (text[i + 1] === '$') {
      const close = text.indexOf('$$', i + 2);
      if (close < 0) return;
      blank(chars, i, close + 2);
      i = close + 1;
      continue;
    }
    if (/\s/.test(text[i + 1] ?? ' ')) continue;
    // Inline math ends on the same paragraph; a lone `$` (currency) finds no close before a blank line.
    let j = i + 1;
    for (; j < text.length; j++) {
      if (text[j] === '\\') { j++; continue; }
      if (text[j] === '$' || (text[j] === '\n' && text[j + 1] === '\n')) break;
    }
    if (text[j] !== '$' || /\s/.test(text[j - 1]) || /\d/.test(text[j + 1] ?? '')) continue;
    blank(chars, i, j + 1);
    i = j;
  }
}
