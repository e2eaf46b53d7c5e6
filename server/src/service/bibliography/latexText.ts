// LaTeX in BibTeX field values turned into plain Unicode text, for names, titles and messages.
// One left-to-right pass without recursion, so deeply nested braces cost nothing extra.

/** Combining marks of the accent commands: `\"u` is `u` + U+0308, composed to `ü` by NFC at the end. */
const ACCENT_MARKS: ReadonlyMap<string, string> = new Map([
  ["'", '\u0301'], ['`', '\u0300'], ['^', '\u0302'], ['"', '\u0308'], ['~', '\u0303'], ['=', '\u0304'],
  ['.', '\u0307'], ['u', '\u0306'], ['v', '\u030C'], ['H', '\u030B'], ['c', '\u0327'], ['k', '\u0328'],
  ['r', '\u030A'], ['d', '\u0323'], ['b', '\u0331'], ['t', '\u0361'],
]);

/** Commands that stand for a letter; like TeX, they swallow the spaces after them (`Stra\ss e`). */
const LETTER_COMMANDS: ReadonlyMap<string, string> = new Map([
  ['ss', 'ß'], ['SS', 'SS'], ['o', 'ø'], ['O', 'Ø'], ['ae', 'æ'], ['AE', 'Æ'], ['oe', 'œ'], ['OE', 'Œ'],
  ['aa', 'å'], ['AA', 'Å'], ['l', 'ł'], ['L', 'Ł'], ['i', 'ı'], ['j', 'ȷ'], ['dh', 'ð'], ['DH', 'Ð'],
  ['dj', 'đ'], ['DJ', 'Đ'], ['th', 'þ'], ['TH', 'Þ'], ['ng', 'ŋ'], ['NG', 'Ŋ'],
]);

/** Commands that stand for a word or symbol (biblatex's punctuation commands among them). */
const SYMBOL_COMMANDS: ReadonlyMap<string, string> = new Map([
  ['TeX', 'TeX'], ['LaTeX', 'LaTeX'], ['LaTeXe', 'LaTeX2ε'], ['BibTeX', 'BibTeX'], ['XeTeX', 'XeTeX'],
  ['XeLaTeX', 'XeLaTeX'], ['LuaTeX', 'LuaTeX'], ['LuaLaTeX', 'LuaLaTeX'], ['ConTeXt', 'ConTeXt'],
  ['AmS', 'AMS'], ['AmSTeX', 'AMS-TeX'], ['METAFONT', 'METAFONT'], ['MF', 'METAFONT'], ['MP', 'MetaPost'],
  ['ldots', '…'], ['dots', '…'], ['textellipsis', '…'], ['textendash', '–'], ['textemdash', '—'],
  ['textquoteleft', '‘'], ['textquoteright', '’'], ['textquotedblleft', '“'], ['textquotedblright', '”'],
  ['guillemotleft', '«'], ['guillemotright', '»'], ['guillemetleft', '«'], ['guillemetright', '»'],
  ['guilsinglleft', '‹'], ['guilsinglright', '›'], ['quotedblbase', '„'], ['quotesinglbase', '‚'],
  ['textbackslash', '\\'], ['textbar', '|'], ['textless', '<'], ['textgreater', '>'],
  ['textasciitilde', '~'], ['textasciicircum', '^'], ['textunderscore', '_'], ['textbraceleft', '{'],
  ['textbraceright', '}'], ['textdollar', '$'], ['pounds', '£'], ['textsterling', '£'], ['euro', '€'],
  ['texteuro', '€'], ['textyen', '¥'], ['textcent', '¢'], ['copyright', '©'], ['textcopyright', '©'],
  ['textregistered', '®'], ['texttrademark', '™'], ['textdegree', '°'], ['S', '§'], ['textsection', '§'],
  ['P', '¶'], ['textparagraph', '¶'], ['dag', '†'], ['textdagger', '†'], ['ddag', '‡'],
  ['textdaggerdbl', '‡'], ['textbullet', '•'], ['textperiodcentered', '·'], ['slash', '/'],
  ['textexclamdown', '¡'], ['textquestiondown', '¿'], ['textordfeminine', 'ª'], ['textordmasculine', 'º'],
  ['textmu', 'µ'], ['nobreakspace', ' '], ['space', ' '], ['quad', ' '], ['qquad', ' '], ['par', ' '],
  ['newblock', ' '], ['newline', ' '], ['linebreak', ' '],
  ['hyphen', '-'], ['nbhyphen', '-'], ['bibrangedash', '–'], ['textnumero', '№'], ['addspace', ' '],
  ['addnbspace', ' '], ['addcomma', ','], ['adddot', '.'], ['addperiod', '.'], ['addcolon', ':'],
  ['addsemicolon', ';'],
  ['alpha', 'α'], ['beta', 'β'], ['gamma', 'γ'], ['delta', 'δ'], ['epsilon', 'ϵ'], ['varepsilon', 'ε'],
  ['zeta', 'ζ'], ['eta', 'η'], ['theta', 'θ'], ['vartheta', 'ϑ'], ['iota', 'ι'], ['kappa', 'κ'],
  ['lambda', 'λ'], ['mu', 'μ'], ['nu', 'ν'], ['xi', 'ξ'], ['pi', 'π'], ['varpi', 'ϖ'], ['rho', 'ρ'],
  ['varrho', 'ϱ'], ['sigma', 'σ'], ['varsigma', 'ς'], ['tau', 'τ'], ['upsilon', 'υ'], ['phi', 'ϕ'],
  ['varphi', 'φ'], ['chi', 'χ'], ['psi', 'ψ'], ['omega', 'ω'], ['Gamma', 'Γ'], ['Delta', 'Δ'],
  ['Theta', 'Θ'], ['Lambda', 'Λ'], ['Xi', 'Ξ'], ['Pi', 'Π'], ['Sigma', 'Σ'], ['Upsilon', 'Υ'],
  ['Phi', 'Φ'], ['Psi', 'Ψ'], ['Omega', 'Ω'],
  ['times', '×'], ['pm', '±'], ['mp', '∓'], ['leq', '≤'], ['le', '≤'], ['geq', '≥'], ['ge', '≥'],
  ['neq', '≠'], ['ne', '≠'], ['infty', '∞'], ['cdot', '·'], ['to', '→'], ['rightarrow', '→'],
  ['leftarrow', '←'], ['leftrightarrow', '↔'], ['approx', '≈'], ['sim', '∼'], ['ell', 'ℓ'],
  ['partial', '∂'], ['nabla', '∇'], ['sum', '∑'], ['prod', '∏'], ['int', '∫'], ['in', '∈'],
  ['emptyset', '∅'], ['circ', '∘'], ['prime', '′'], ['deg', '°'],
]);

/** Font switches, spacing and other commands that print nothing themselves. */
const SILENT_COMMANDS: ReadonlySet<string> = new Set([
  'em', 'it', 'bf', 'sc', 'rm', 'sf', 'tt', 'sl', 'up', 'md', 'itshape', 'bfseries', 'scshape', 'upshape',
  'mdseries', 'rmfamily', 'sffamily', 'ttfamily', 'slshape', 'normalfont', 'relax', 'protect', 'noindent',
  'leavevmode', 'unskip', 'nocorr', 'xspace', 'ignorespaces', 'tiny', 'scriptsize', 'footnotesize',
  'small', 'normalsize', 'large', 'Large', 'LARGE', 'huge', 'Huge', 'displaystyle', 'textstyle',
  'left', 'right', 'bigl', 'bigr', 'Bigl', 'Bigr',
]);

/** Commands whose braced argument is not text to show (`\noopsort{1973}` only steers sorting). */
const DROPPED_ARGUMENT_COMMANDS: ReadonlySet<string> = new Set([
  'noopsort', 'footnote', 'label', 'index', 'hspace', 'vspace', 'nocite', 'cite', 'ref', 'pageref',
]);

/** Quotation commands: their argument is shown between these marks. */
const QUOTE_COMMANDS: ReadonlyMap<string, readonly [string, string]> = new Map([
  ['enquote', ['“', '”']], ['enquote*', ['‘', '’']], ['mkbibquote', ['“', '”']], ['textquote', ['“', '”']],
]);

/** Commands with two arguments that show only the second (`\href{url}{text}`). */
const SECOND_ARGUMENT_COMMANDS: ReadonlySet<string> = new Set(['href', 'foreignlanguage', 'texorpdfstring']);

/** Commands whose argument is shown exactly as written (no `~` or `--` conversion). */
const VERBATIM_ARGUMENT_COMMANDS: ReadonlySet<string> = new Set(['url', 'path', 'nolinkurl', 'doi']);

/** What a value needs: nothing (most names and many titles), whitespace collapsing, or the full pass. */
const enum Work {
  None,
  Whitespace,
  Decoding,
}

function workFor(latex: string): Work {
  let work = Work.None;
  let previous = 32;
  for (let i = 0; i < latex.length; i++) {
    const code = latex.charCodeAt(i);
    // \ { } $ ~ ` and the pairs -- and '' need decoding.
    if (code === 92 || code === 123 || code === 125 || code === 36 || code === 126 || code === 96) return Work.Decoding;
    if ((code === 45 || code === 39) && latex.charCodeAt(i + 1) === code) return Work.Decoding;
    if ((code === 32 && previous === 32) || code === 9 || code === 10 || code === 13) work = Work.Whitespace;
    previous = code;
  }
  return previous === 32 && latex.length > 0 ? Work.Whitespace : work;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Offset just after the group that opens at `open` (a `{`), or the end of the text when it never closes. */
function endOfGroup(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 123) depth++;
    else if (code === 125 && --depth === 0) return i + 1;
  }
  return text.length;
}

function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface LatexDecodingOptions {
  /**
   * Keep the spaces after commands such as `\TeX` instead of swallowing them as TeX does; for text from
   * citation-js, which drops the braces of `{\TeX} and` but keeps the space.
   */
  readonly keepSpacesAfterCommands?: boolean;
}

/**
 * Plain Unicode text of a LaTeX field value: `{\"u}` gives `ü`, `\'e` `é`, `{\ss}` `ß`, `\&` `&`, `--` `–`,
 * `{\TeX}` `TeX`; formatting commands keep their argument, braces are removed, whitespace is collapsed.
 */
export function latexToUnicode(latex: string, options?: LatexDecodingOptions): string {
  const work = workFor(latex);
  if (work === Work.None) return latex;
  if (work === Work.Whitespace) return collapseWhitespace(latex);
  return new LatexDecoder(latex, options?.keepSpacesAfterCommands ?? false).decode();
}

class LatexDecoder {
  private out = '';
  private position = 0;
  private depth = 0;
  private inMath = false;
  /** A combining mark waiting for the next letter, and the depth of the group that holds that letter. */
  private pendingMark = '';
  private pendingMarkDepth = -1;
  private usedMarks = false;
  /** Quotations opened with a backquote: the next `'` closes one with ’. */
  private openSingleQuotes = 0;
  /** Text to write when the group at `depth` closes (closing quotation marks). */
  private readonly closers: { depth: number; text: string }[] = [];

  constructor(
    private readonly text: string,
    private readonly keepSpacesAfterCommands: boolean,
  ) {}

  decode(): string {
    const text = this.text;
    while (this.position < text.length) {
      const code = text.charCodeAt(this.position);
      switch (code) {
        case 92: // backslash
          this.command();
          break;
        case 123: // {
          this.depth++;
          this.position++;
          break;
        case 125: // }
          this.closeGroup();
          this.position++;
          break;
        case 36: // $
          this.inMath = !this.inMath;
          this.position++;
          break;
        case 126: // ~ (unbreakable space)
          this.emit(' ');
          this.position++;
          break;
        case 45: // -
          this.dashes();
          break;
        case 96: // `
          if (text.charCodeAt(this.position + 1) === 96) {
            this.emit('“');
            this.position += 2;
          } else {
            this.emit('‘');
            this.openSingleQuotes++;
            this.position++;
          }
          break;
        case 39: // '
          if (text.charCodeAt(this.position + 1) === 39) {
            this.emit('”');
            this.position += 2;
          } else if (this.openSingleQuotes > 0) {
            this.emit('’');
            this.openSingleQuotes--;
            this.position++;
          } else {
            // An apostrophe stays as typed (`O'Brien`), as documents write it.
            this.emit("'");
            this.position++;
          }
          break;
        case 94: // ^
        case 95: // _
          if (!this.inMath) this.emit(text[this.position]);
          this.position++;
          break;
        default:
          this.emit(text[this.position]);
          this.position++;
      }
    }
    const result = collapseWhitespace(this.out);
    return this.usedMarks ? result.normalize('NFC') : result;
  }

  /** Writes text, putting a waiting accent after its first character. */
  private emit(piece: string): void {
    if (this.pendingMark !== '' && !isSpace(piece.charCodeAt(0))) {
      const first = String.fromCodePoint(piece.codePointAt(0) ?? 32);
      this.out += first + this.pendingMark + piece.slice(first.length);
      this.pendingMark = '';
      this.usedMarks = true;
      return;
    }
    this.out += piece;
  }

  private closeGroup(): void {
    const closer = this.closers[this.closers.length - 1];
    if (closer !== undefined && closer.depth === this.depth) {
      this.closers.pop();
      this.emit(closer.text);
    }
    // An accent on an empty group (`\'{}`) has nothing to sit on.
    if (this.pendingMark !== '' && this.pendingMarkDepth === this.depth) this.pendingMark = '';
    if (this.depth > 0) this.depth--;
  }

  private dashes(): void {
    const text = this.text;
    let count = 0;
    while (text.charCodeAt(this.position + count) === 45) count++;
    this.position += count;
    if (count === 2) this.emit('–');
    else if (count === 3) this.emit('—');
    else this.emit('-'.repeat(count));
  }

  private skipSpaces(): void {
    while (this.position < this.text.length && isSpace(this.text.charCodeAt(this.position))) this.position++;
  }

  private command(): void {
    const text = this.text;
    const nameStart = this.position + 1;
    if (nameStart >= text.length) {
      this.position = nameStart;
      return;
    }
    if (!isLetter(text.charCodeAt(nameStart))) {
      this.controlSymbol(text[nameStart]);
      return;
    }
    let nameEnd = nameStart;
    while (nameEnd < text.length && isLetter(text.charCodeAt(nameEnd))) nameEnd++;
    let name = text.slice(nameStart, nameEnd);
    if (text.charCodeAt(nameEnd) === 42 && QUOTE_COMMANDS.has(name + '*')) {
      name += '*';
      nameEnd++;
    }
    this.position = nameEnd;
    // Like TeX, a control word swallows the spaces after it (`The {\TeX book}`, `Stra\ss e`), unless the
    // text comes from a tool that already dropped the braces that protected them.
    this.skipSpaces();
    const afterSpaces = this.position;
    const restoreSpaces = (): void => {
      if (this.keepSpacesAfterCommands) this.position = nameEnd;
    };

    const accent = ACCENT_MARKS.get(name);
    if (accent !== undefined && name.length === 1) {
      this.startAccent(accent);
      return;
    }
    const letter = LETTER_COMMANDS.get(name);
    if (letter !== undefined) {
      // Under an accent the dotless i and j take their dot back: `\'{\i}` is í.
      this.emit(this.pendingMark !== '' && (name === 'i' || name === 'j') ? name : letter);
      return;
    }
    const symbol = SYMBOL_COMMANDS.get(name);
    if (symbol !== undefined) {
      this.emit(symbol);
      restoreSpaces();
      return;
    }
    if (SILENT_COMMANDS.has(name)) return;
    const next = text.charCodeAt(afterSpaces);
    if (next !== 123 && next !== 91) {
      // An unknown command without argument is most likely a logo or a name: show the name.
      this.emit(name);
      restoreSpaces();
      return;
    }
    this.skipOptionalArgument();
    const hasGroup = text.charCodeAt(this.position) === 123;
    if (DROPPED_ARGUMENT_COMMANDS.has(name)) {
      if (hasGroup) this.position = endOfGroup(text, this.position);
      return;
    }
    if (SECOND_ARGUMENT_COMMANDS.has(name)) {
      if (hasGroup) this.position = endOfGroup(text, this.position);
      this.skipSpaces();
      return;
    }
    if (VERBATIM_ARGUMENT_COMMANDS.has(name) && hasGroup) {
      const end = endOfGroup(text, this.position);
      this.emit(text.slice(this.position + 1, end - 1));
      this.position = end;
      return;
    }
    const quotes = QUOTE_COMMANDS.get(name);
    if (quotes !== undefined && hasGroup) {
      this.emit(quotes[0]);
      this.depth++;
      this.closers.push({ depth: this.depth, text: quotes[1] });
      this.position++;
    }
    // Any other command with an argument (`\emph{x}`, `\textsc{x}`) shows the argument: the main loop reads it.
  }

  private controlSymbol(symbol: string): void {
    this.position += 2;
    const accent = ACCENT_MARKS.get(symbol);
    if (accent !== undefined) {
      this.skipSpaces();
      this.startAccent(accent);
      return;
    }
    switch (symbol) {
      case '&': case '%': case '$': case '#': case '_': case '{': case '}':
        this.emit(symbol);
        return;
      case ' ': case ',': case ';': case ':': case '>': case '\n': case '\t':
        this.emit(' ');
        return;
      case '\\':
        if (this.text.charCodeAt(this.position) === 42) this.position++; // \\*
        this.emit(' ');
        return;
      default:
        // `\-` (hyphenation point), `\/` (italic correction), `\@`, `\!`: nothing to show.
        return;
    }
  }

  private startAccent(mark: string): void {
    this.pendingMark = mark;
    this.pendingMarkDepth = this.text.charCodeAt(this.position) === 123 ? this.depth + 1 : -1;
  }

  private skipOptionalArgument(): void {
    const text = this.text;
    if (text.charCodeAt(this.position) !== 91) return;
    const close = text.indexOf(']', this.position);
    this.position = close === -1 ? text.length : close + 1;
  }
}
