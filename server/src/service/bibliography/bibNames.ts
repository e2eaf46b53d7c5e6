// BibTeX name lists (`author`, `editor`): `Last, First`, `First Last`, `von Last, Jr, First`,
// `{Corporate Name}`, and biblatex's `family=..., given=...` form, joined by `and`.
import { latexToUnicode } from './latexText';

export interface BibName {
  /** Surname with its particle (`van Gogh`), or the whole corporate name, in Unicode. */
  readonly surname: string;
  /** Given names in Unicode, `''` when there are none. */
  readonly given: string;
  /** Offsets of the surname's LaTeX text inside the field value. */
  readonly surnameStart: number;
  readonly surnameEnd: number;
}

export interface BibNameList {
  readonly names: readonly BibName[];
  /** The list ended with `and others` (et al.). */
  readonly others: boolean;
}

interface Span {
  readonly start: number;
  readonly end: number;
}

const SPACE = 32;
const TILDE = 126;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const BACKSLASH = 92;
const COMMA = 44;

function isSpace(code: number): boolean {
  return code === SPACE || code === 9 || code === 10 || code === 13;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Letters that are single-letter accent commands (`\v{c}`): the accented letter follows them. */
const LETTER_ACCENTS = 'uvHckrdbt';

function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && (isSpace(text.charCodeAt(start)) || text.charCodeAt(start) === TILDE)) start++;
  while (end > start && (isSpace(text.charCodeAt(end - 1)) || text.charCodeAt(end - 1) === TILDE)) end--;
  return { start, end };
}

/** Pieces of `span` between depth-0 separators; `isSeparator` sees the offset of a depth-0 character. */
function splitAtDepthZero(text: string, span: Span, separatorLength: (at: number) => number): Span[] {
  const pieces: Span[] = [];
  let depth = 0;
  let pieceStart = span.start;
  for (let i = span.start; i < span.end; i++) {
    const code = text.charCodeAt(i);
    if (code === OPEN_BRACE) depth++;
    else if (code === CLOSE_BRACE) depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      const length = separatorLength(i);
      if (length > 0) {
        pieces.push({ start: pieceStart, end: i });
        pieceStart = i + length;
        i += length - 1;
      }
    }
  }
  pieces.push({ start: pieceStart, end: span.end });
  return pieces;
}

function andSeparatorLength(text: string, at: number): number {
  if (!isSpace(text.charCodeAt(at))) return 0;
  const word = text.slice(at + 1, at + 4).toLowerCase();
  return word === 'and' && isSpace(text.charCodeAt(at + 4)) ? 5 : 0;
}

/**
 * Whether a name token is lower case, as BibTeX decides it: by its first letter outside braces, or by the
 * letter of a leading special character (`{\"u}ber` is lower case); a token that starts with an ordinary
 * brace group has no case and counts as upper case.
 */
function isLowerCaseToken(text: string, token: Span): boolean {
  for (let i = token.start; i < token.end; i++) {
    const code = text.charCodeAt(i);
    if (isLetter(code)) return code >= 97;
    if (code !== OPEN_BRACE) continue;
    if (text.charCodeAt(i + 1) !== BACKSLASH) return false;
    // A special character: its case is that of the letter it shows.
    let j = i + 2;
    if (isLetter(text.charCodeAt(j))) {
      const nameStart = j;
      while (j < token.end && isLetter(text.charCodeAt(j))) j++;
      if (j - nameStart > 1 || !LETTER_ACCENTS.includes(text[nameStart])) return text.charCodeAt(nameStart) >= 97;
    } else {
      j++;
    }
    for (; j < token.end; j++) {
      const inner = text.charCodeAt(j);
      if (isLetter(inner)) return inner >= 97;
    }
    return false;
  }
  return false;
}

function tokens(text: string, part: Span): Span[] {
  const result: Span[] = [];
  for (const piece of splitAtDepthZero(text, part, (at) => {
    const code = text.charCodeAt(at);
    return isSpace(code) || code === TILDE ? 1 : 0;
  })) {
    if (piece.end > piece.start) result.push(piece);
  }
  return result;
}

/** `{World Health Organization}` without its protecting braces, so that its range is the name itself. */
function unbraced(text: string, span: Span): Span {
  if (text.charCodeAt(span.start) !== OPEN_BRACE || text.charCodeAt(span.end - 1) !== CLOSE_BRACE) return span;
  let depth = 0;
  for (let i = span.start; i < span.end; i++) {
    const code = text.charCodeAt(i);
    if (code === OPEN_BRACE) depth++;
    else if (code === CLOSE_BRACE && --depth === 0 && i < span.end - 1) return span;
  }
  // A special character (`{\"U}ber`) is part of the name, not a protecting group.
  return text.charCodeAt(span.start + 1) === BACKSLASH ? span : { start: span.start + 1, end: span.end - 1 };
}

function decode(text: string, span: Span): string {
  return latexToUnicode(text.slice(span.start, span.end));
}

/** biblatex's extended name format: `family=Gogh, given=Vincent, prefix=van, useprefix=true`. */
function extendedName(text: string, parts: readonly Span[]): BibName | null {
  const values = new Map<string, Span>();
  for (const part of parts) {
    const equals = text.indexOf('=', part.start);
    if (equals === -1 || equals >= part.end) return null;
    const label = text.slice(part.start, equals).trim().toLowerCase();
    values.set(label, trimSpan(text, equals + 1, part.end));
  }
  const family = values.get('family');
  if (family === undefined) return null;
  const prefix = values.get('prefix');
  const given = values.get('given');
  const surname = decode(text, family);
  return {
    surname: prefix === undefined ? surname : `${decode(text, prefix)} ${surname}`,
    given: given === undefined ? '' : decode(text, given),
    surnameStart: family.start,
    surnameEnd: family.end,
  };
}

function parseOneName(text: string, nameSpan: Span): BibName | null {
  const parts = splitAtDepthZero(text, nameSpan, (at) => (text.charCodeAt(at) === COMMA ? 1 : 0)).map((part) =>
    trimSpan(text, part.start, part.end),
  );
  if (parts.some((part) => text.slice(part.start, part.end).includes('='))) {
    const extended = extendedName(text, parts);
    if (extended !== null) return extended;
  }
  if (parts.length > 1) {
    // `von Last, First` or `von Last, Jr, First`: everything before the first comma is the surname.
    const surname = unbraced(text, parts[0]);
    if (surname.end <= surname.start) return null;
    const given = parts.length > 2 ? parts[2] : parts[1];
    return { surname: decode(text, surname), given: decode(text, given), surnameStart: surname.start, surnameEnd: surname.end };
  }
  const words = tokens(text, parts[0]);
  if (words.length === 0) return null;
  // `First von Last`: the surname starts at the first lower-case word (the particle) or is the last word.
  let surnameFrom = words.length - 1;
  for (let i = 0; i < words.length - 1; i++) {
    if (isLowerCaseToken(text, words[i])) {
      surnameFrom = i;
      break;
    }
  }
  const surname = unbraced(text, { start: words[surnameFrom].start, end: words[words.length - 1].end });
  const given = surnameFrom === 0 ? { start: 0, end: 0 } : { start: words[0].start, end: words[surnameFrom - 1].end };
  return { surname: decode(text, surname), given: decode(text, given), surnameStart: surname.start, surnameEnd: surname.end };
}

/** Parses an `author` or `editor` value (LaTeX as written, macros expanded). */
export function parseBibNames(latex: string): BibNameList {
  const names: BibName[] = [];
  let others = false;
  const whole = trimSpan(latex, 0, latex.length);
  if (whole.end <= whole.start) return { names, others };
  for (const piece of splitAtDepthZero(latex, whole, (at) => andSeparatorLength(latex, at))) {
    const nameSpan = trimSpan(latex, piece.start, piece.end);
    if (latex.slice(nameSpan.start, nameSpan.end) === 'others') {
      others = true;
      continue;
    }
    const name = parseOneName(latex, nameSpan);
    if (name !== null && name.surname !== '') names.push(name);
  }
  return { names, others };
}

/** `D. E.` for `Donald E.`, `J.-P.` for `Jean-Paul`; `''` for no given names. */
export function initialsOf(given: string): string {
  let initials = '';
  let atWordStart = true;
  for (let i = 0; i < given.length; i++) {
    const code = given.charCodeAt(i);
    if (code === 32 || code === 45 || code === 46) {
      // A hyphen joins the initials of a double name; a space or full stop separates names.
      if (code === 45 && !atWordStart && initials !== '') initials += '-';
      else if (code !== 45 && !atWordStart && initials !== '') initials += ' ';
      atWordStart = true;
    } else if (atWordStart && isWordStart(given, i)) {
      const letter = String.fromCodePoint(given.codePointAt(i) ?? 32);
      initials += `${letter}.`;
      i += letter.length - 1;
      atWordStart = false;
    }
  }
  return initials.trimEnd().replace(/-$/, '');
}

/** Whether the character at `at` is a letter (any script): the first letter of a given name gives its initial. */
function isWordStart(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return true;
  return code > 127 && /\p{L}/u.test(String.fromCodePoint(text.codePointAt(at) ?? 32));
}
