// Reads locators such as `p.142`, `pp. 4–7`, `p.271-2`, `ch. 3`, `para. 12`, shared by every citation syntax.
import type { LocatorKind } from '../model';

export interface ParsedLocator {
  readonly kind: LocatorKind;
  readonly first: number | null;
  readonly last: number | null;
  readonly problem: string | null;
}

const LABELS: ReadonlyArray<[RegExp, LocatorKind]> = [
  [/^(?:pp?|pages?|pgs?)\b\.?/i, 'page'],
  [/^(?:ch|chs|chap|chaps|chapters?)\b\.?/i, 'chapter'],
  [/^(?:sec|secs|sections?|§§?)\.?/i, 'section'],
  [/^(?:para|paras|paragraphs?|¶¶?)\.?/i, 'paragraph'],
  [/^(?:fig|figs|figures?|tab|tabs|tables?|vol|vols|volumes?|n|nn|notes?|col|cols|l|ll|lines?|loc)\b\.?/i, 'other'],
];

/** Recognises the start of a locator: a label or a bare number. Used by scanners to split item text. */
export const LOCATOR_START = /^(?:(?:pp?|pages?|pgs?|ch|chs|chap|chaps|chapters?|sec|secs|sections?|para|paras|paragraphs?|fig|figs|figures?|tab|tabs|tables?|vol|vols|volumes?|n|nn|notes?|col|cols|l|ll|lines?|loc)\b\.?|§|¶|\d)/i;

const RANGE = /^(\d+)\s*(?:[-–—]|--)\s*(\d+)$/;
const SINGLE = /^(\d+)(?:\s*(?:f|ff)\.?)?$/;
const ROMAN = /^[ivxlcdm]+(?:\s*(?:[-–—]|--)\s*[ivxlcdm]+)?$/i;

/**
 * Expands an abbreviated range end: `271-2` means 272, `514-15` means 515, `1099-101` means 1101.
 * An end as long as the start (or longer) is taken as written.
 */
export function expandRangeEnd(first: string, last: string): number {
  if (last.length >= first.length) return Number(last);
  return Number(first.slice(0, first.length - last.length) + last);
}

export function parseLocator(text: string): ParsedLocator {
  let rest = text.trim();
  let kind: LocatorKind = 'page';
  for (const [label, labelKind] of LABELS) {
    const m = label.exec(rest);
    if (m) {
      kind = labelKind;
      rest = rest.slice(m[0].length).trim();
      break;
    }
  }
  // Several parts such as `p. 4, 7` or `pp. 4-7, 9`: the span from the lowest to the highest is what is checked.
  const parts = rest.split(/\s*(?:,|&|\band\b)\s*/).filter((p) => p.length > 0);
  if (parts.length === 0) return { kind, first: null, last: null, problem: `'${text.trim()}' has no number` };
  let first = Infinity;
  let last = -Infinity;
  for (const part of parts) {
    const range = RANGE.exec(part);
    if (range) {
      const from = Number(range[1]);
      const to = expandRangeEnd(range[1], range[2]);
      if (to < from) return { kind, first: from, last: to, problem: `the range ${part} runs backwards` };
      first = Math.min(first, from);
      last = Math.max(last, to);
      continue;
    }
    const single = SINGLE.exec(part);
    if (single) {
      first = Math.min(first, Number(single[1]));
      last = Math.max(last, Number(single[1]));
      continue;
    }
    if (ROMAN.test(part)) return { kind, first: null, last: null, problem: null };
    return { kind, first: null, last: null, problem: `'${part}' is not a page or range` };
  }
  return { kind, first, last, problem: null };
}

export interface PagePart {
  readonly first: number;
  readonly last: number;
}

/**
 * The pages of a page list as its separate parts: `431--456, 791--823` is two ranges (p. 600 is in neither),
 * `pp. 4-7, 9` a range and a page, `271-2` one range (ending at 272). An optional page label is skipped. Null
 * when a part is not a number or a range (`xii-xv`, `e0123`) or runs backwards.
 */
export function pageParts(text: string): PagePart[] | null {
  const rest = text.trim().replace(/^(?:pp?|pages?|pgs?)\b\.?\s*/i, '');
  const parts: PagePart[] = [];
  for (const part of rest.split(/[,;&]|\band\b/)) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const range = RANGE.exec(trimmed);
    const single = range ? null : SINGLE.exec(trimmed);
    if (range) {
      const first = Number(range[1]);
      const last = expandRangeEnd(range[1], range[2]);
      if (last < first) return null;
      parts.push({ first, last });
    } else if (single) {
      parts.push({ first: Number(single[1]), last: Number(single[1]) });
    } else {
      return null;
    }
  }
  return parts.length > 0 ? parts : null;
}
