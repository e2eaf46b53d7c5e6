// Surname comparison: exact (case and apostrophes aside), folded (diacritics aside) and near (a small edit away).
import { detached } from '../detachedString';

/** A name of plain ASCII letters only: its keys are its lower case, without the slow Unicode path. */
const PLAIN_LETTERS = /^[A-Za-z]*$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/**
 * Words of Latin letters (precomposed, as NFC has them: `Müller`, `Łukasz`) joined by single spaces or hyphens
 * (`van Dijk`, `Lloyd-Jones`): already normalised, so the surname key is the lower case.
 */
const PLAIN_WORDS = /^[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]+(?:[ -][A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]+)*$/;

/**
 * Keys of names outside plain ASCII, kept: a document compares the same few hundred names thousands of times,
 * and Unicode normalisation costs far more than a lookup. Emptied when full, so it never grows without bound.
 */
const MAX_REMEMBERED = 20_000;
const rememberedSurnameKeys = new Map<string, string>();
const rememberedFoldedKeys = new Map<string, string>();

function remembered(memo: Map<string, string>, name: string, compute: (name: string) => string): string {
  let key = memo.get(name);
  if (key === undefined) {
    if (memo.size >= MAX_REMEMBERED) memo.clear();
    // Detached: a name cut from a document must not keep that version of the document alive.
    key = detached(compute(name));
    memo.set(detached(name), key);
  }
  return key;
}

/** The form two names must share to be the same name: `Müller` and `müller` match; `Muller` does not. */
export function surnameKey(name: string): string {
  if (PLAIN_WORDS.test(name) || name.length === 0) return name.toLowerCase();
  return remembered(rememberedSurnameKeys, name, unicodeSurnameKey);
}

function unicodeSurnameKey(name: string): string {
  // toLowerCase is the locale-independent mapping, the same as English's (only Turkish, Azeri, Lithuanian differ).
  return name
    .normalize('NFC')
    .replace(/[’‘`]/g, "'")
    .replace(/(?:'s|')$/u, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const FOLDS: Record<string, string> = { ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** The name with diacritics, case, spaces, hyphens and apostrophes removed: `Müller` and `Muller` fold alike. */
export function foldedKey(name: string): string {
  if (PLAIN_LETTERS.test(name)) return name.toLowerCase();
  // Printable ASCII needs neither normalisation nor diacritic folding: the same steps, without the Unicode ones.
  if (PRINTABLE_ASCII.test(name)) return name.replace(/`/g, "'").replace(/(?:'s|')$/, '').toLowerCase().replace(/[\s'\-.]/g, '');
  return remembered(rememberedFoldedKeys, name, unicodeFoldedKey);
}

function unicodeFoldedKey(name: string): string {
  return surnameKey(name)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßøæœłđðþı]/g, (c) => FOLDS[c])
    .replace(/[\s'\-.]/g, '');
}

// Rows of the distance table, reused by every call (grown when a longer string comes): a "did you mean" scan
// compares one key with tens of thousands and must not allocate per comparison.
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Optimal string alignment distance (Damerau-Levenshtein without repeated edits), or `max + 1` for anything
 * beyond `max`. Only the band of cells within `max` of the diagonal is worked out: a cell outside it is more
 * than `max` edits away already.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (b.length + 2 > rows[0].length) rows = rows.map(() => new Int32Array(2 * (b.length + 2)));
  const beyond = max + 1;
  let [beforePrevious, previous, current] = rows;
  for (let j = 0; j <= b.length + 1; j++) previous[j] = j <= max ? j : beyond;
  for (let i = 1; i <= a.length; i++) {
    const low = Math.max(1, i - max);
    const high = Math.min(b.length, i + max);
    // The cells just outside the band, which the next row reads.
    current[low - 1] = low === 1 ? i : beyond;
    current[high + 1] = beyond;
    let rowMin = low === 1 ? i : beyond;
    for (let j = low; j <= high; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, beforePrevious[j - 2] + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return beyond;
    const spare = beforePrevious;
    beforePrevious = previous;
    previous = current;
    current = spare;
  }
  return Math.min(previous[b.length], beyond);
}

/** How many edits a surname of this length may be away and still be taken as a misspelling. */
function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}

/** Whether `written` is a likely misspelling of `intended` (but not the same name). */
export function isNearMiss(written: string, intended: string): boolean {
  if (surnameKey(written) === surnameKey(intended)) return false;
  const a = foldedKey(written);
  const b = foldedKey(intended);
  if (a === b) return true;
  if (a.length === 0 || b.length === 0) return false;
  const max = allowedEdits(Math.max(a.length, b.length));
  return max > 0 && editDistance(a, b, max) <= max;
}

/** Capital letters of the significant words: `World Health Organization` -> `WHO`. */
export function acronym(name: string): string {
  return name
    .split(/\s+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0])
    .join('');
}

/** Whether two author names denote the same author, allowing an organisation's acronym for its full name. */
export function sameAuthor(cited: string, listed: string): boolean {
  const c = surnameKey(cited);
  const l = surnameKey(listed);
  if (c === l) return true;
  if (!/\s/.test(cited) && /^\p{Lu}{2,}$/u.test(cited) && /\s/.test(listed)) return acronym(listed) === cited;
  return false;
}
