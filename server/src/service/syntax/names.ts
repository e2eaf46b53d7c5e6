// What a personal or organisational name looks like in author-date prose and reference lists.

/** Lower-case name particles that belong to a surname (`van Goudoever`, `de Beauvoir`, `von Neumann`). */
export const PARTICLES = new Set([
  'van', 'von', 'de', 'der', 'den', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'des', 'dos', 'das',
  'ten', 'ter', 'op', 'zu', 'vom', 'af', 'al', 'el', 'bin', 'ibn', 'st', 'st.', 'mac',
]);

/** Small words that may stand inside an organisation's name (`Department of Health and Social Care`). */
const LINKING_WORDS = new Set(['of', 'for', 'and', 'the', 'on', 'in', '&', 'de', 'du', 'des', 'für', 'und']);

/** One capitalised name word: `Müller`, `O'Brien`, `Lloyd-Jones`, `McAuley`, `WHO`, `D'Souza`. */
export const NAME_WORD = /^\p{Lu}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*\.?$/u;

/** Capitalised words at the start of a sentence or in prose that are not names. */
export const NOT_NAMES = new Set([
  'A', 'An', 'The', 'This', 'That', 'These', 'Those', 'It', 'Its', 'In', 'On', 'At', 'By', 'For', 'From', 'To', 'Of',
  'With', 'Without', 'And', 'But', 'Or', 'Nor', 'If', 'When', 'While', 'Whilst', 'Although', 'Though', 'However',
  'Then', 'Also', 'As', 'Since', 'During', 'After', 'Before', 'Until', 'Between', 'Both', 'Each', 'Every', 'See',
  'Figure', 'Fig', 'Table', 'Chapter', 'Section', 'Appendix', 'Page', 'Part', 'Volume', 'Vol', 'Note', 'Eq',
  'Equation', 'Act', 'Article', 'Year', 'Years', 'Summer', 'Winter', 'Spring', 'Autumn', 'Fall',
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November',
  'December', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'I', 'We', 'He', 'She', 'They',
  'Here', 'There', 'Thus', 'Hence', 'Yet', 'So', 'Now', 'Today', 'Later', 'Earlier', 'Cf', 'Ibid', 'Ed', 'Eds',
]);

/** Words that end a name when they come just before it: `the Secret Speech (1956)` is not a citation. */
export const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'his', 'her', 'their', 'our', 'my']);

/**
 * Whether `text` reads as one author name: capitalised words, with particles before or between them
 * and linking words inside organisation names. At most six words.
 */
export function isAuthorName(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length === 0 || words.length > 6 || words[0] === '') return false;
  let capitalised = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (NAME_WORD.test(word)) {
      capitalised++;
      continue;
    }
    const lower = word.toLowerCase();
    const isLast = i === words.length - 1;
    if (isLast) return false;
    if (PARTICLES.has(lower) || (i > 0 && LINKING_WORDS.has(lower))) continue;
    return false;
  }
  if (capitalised === 0) return false;
  return !(words.length === 1 && NOT_NAMES.has(words[0].replace(/\.$/, '')));
}

/** Removes a possessive ending: `Smith's` -> `Smith`, `Jones'` -> `Jones`. */
export function stripPossessive(name: string): string {
  return name.replace(/(?:'s|’s|'|’)$/u, '');
}

export interface NamePiece {
  readonly text: string;
  /** Offset in the text that was split. */
  readonly start: number;
}

/**
 * Splits `Smith, Jones and Brown`, `Smith & Jones`, `Smith, J.; Lee, K.` at `,` `;` `&` and the word `and`:
 * the trimmed, non-empty pieces with their offsets. (A separator pattern with spaces on both sides of an
 * optional comma backtracks polynomially on long runs of spaces; trimming the pieces does not.)
 */
export function splitNameList(text: string): NamePiece[] {
  const pieces: NamePiece[] = [];
  const separator = /[,;&]|\band\b/g;
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const trimmed = raw.trim();
    if (trimmed) pieces.push({ text: trimmed, start: start + raw.length - raw.trimStart().length });
  };
  for (let m = separator.exec(text); m; m = separator.exec(text)) {
    push(m.index);
    start = m.index + m[0].length;
  }
  push(text.length);
  return pieces;
}
