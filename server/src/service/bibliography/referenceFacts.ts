// Facts every reader derives the same way from its own fields: year, page range, label.

export interface TextSpan<T> {
  readonly value: T;
  /** Offsets inside the text that was read. */
  readonly start: number;
  readonly end: number;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * The year of a `year`/`date`/`issued` value: its first run of three or four digits (`2001-02-03`,
 * `c. 1850`, `2001a` give 2001 and 1850), else `forthcoming` or `n.d.` when the value says so.
 */
export function yearIn(text: string): TextSpan<string> | null {
  for (let i = 0; i < text.length; i++) {
    if (!isDigit(text.charCodeAt(i))) continue;
    let end = i;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    if (end - i === 3 || end - i === 4) return { value: text.slice(i, end), start: i, end };
    i = end;
  }
  const trimmed = text.trim();
  const start = text.indexOf(trimmed);
  const lower = trimmed.toLowerCase();
  if (lower === 'forthcoming' || lower === 'in press' || lower === 'to appear') {
    return { value: 'forthcoming', start, end: start + trimmed.length };
  }
  if (lower === 'n.d.' || lower === 'nd' || lower === 'no date') return { value: 'n.d.', start, end: start + trimmed.length };
  return null;
}

export interface PageSpan {
  readonly first: number;
  readonly last: number;
  readonly start: number;
  readonly end: number;
}

/** `271-2` ends at 272: the last number takes the first's leading digits when it is shorter. */
function expandAbbreviated(first: string, last: string): number {
  if (last.length >= first.length) return Number(last);
  return Number(first.slice(0, first.length - last.length) + last);
}

/**
 * First and last page of a `pages` value: `50--70`, `50-70`, `50–70`, `45`, `271-2`, or several ranges
 * (`1--5, 10--12` gives 1 and 12). Null when it holds anything but numbers and separators (`xii--xv`,
 * `e0123`), or when the range runs backwards.
 */
export function pageRangeIn(text: string): PageSpan | null {
  const numbers: TextSpan<string>[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isDigit(code)) {
      let end = i;
      while (end < text.length && isDigit(text.charCodeAt(end))) end++;
      numbers.push({ value: text.slice(i, end), start: i, end });
      i = end - 1;
    } else if (!' \t\n-–—,;+'.includes(text[i])) {
      return null;
    }
  }
  if (numbers.length === 0) return null;
  const firstNumber = numbers[0];
  const lastNumber = numbers[numbers.length - 1];
  const first = Number(firstNumber.value);
  const last = numbers.length === 1 ? first : expandAbbreviated(numbers[numbers.length - 2].value, lastNumber.value);
  if (last < first) return null;
  return { first, last, start: firstNumber.start, end: lastNumber.end };
}

export interface LabelName {
  readonly surname: string;
  /** Initials such as `D. E.`, or `''`. */
  readonly initials: string;
}

function nameForLabel(name: LabelName): string {
  return name.initials === '' ? name.surname : `${name.surname}, ${name.initials}`;
}

function namesForLabel(names: readonly LabelName[]): string {
  if (names.length === 1) return nameForLabel(names[0]);
  if (names.length === 2) return `${nameForLabel(names[0])} and ${nameForLabel(names[1])}`;
  return `${nameForLabel(names[0])} et al.`;
}

/**
 * How messages name an entry: `Knuth, D. E. (1984)`, `Knuth, D. E. and Lamport, L. (1984)`,
 * `Knuth, D. E. et al. (1984)`, `Cohen, S. F. (ed.) (1980)`; the title or key stands in for missing names.
 */
export function entryLabel(
  authors: readonly LabelName[],
  editors: readonly LabelName[],
  year: string | null,
  title: string | null,
  key: string | null,
): string {
  let who: string;
  if (authors.length > 0) who = namesForLabel(authors);
  else if (editors.length > 0) who = `${namesForLabel(editors)} (${editors.length === 1 ? 'ed.' : 'eds.'})`;
  else if (title !== null && title !== '') who = title;
  else who = key ?? 'Anonymous';
  return `${who} (${year ?? 'n.d.'})`;
}
