import { resolvedEntry } from '../resolve/resolver';
import { pageParts, type PagePart } from '../syntax/locator';
import { describeEntry } from './describe';
import type { Rule } from './rule';

/** Whether every part of the cited pages lies within one part of the entry's pages. */
function within(cited: readonly PagePart[], pages: readonly PagePart[]): boolean {
  return cited.every((part) => pages.some((range) => part.first >= range.first && part.last <= range.last));
}

export const pageOutOfRange: Rule = {
  code: 'page-out-of-range',
  defaultSeverity: 'warning',
  check(analysis) {
    return analysis.items.flatMap(({ item, resolution }) => {
      const entry = resolvedEntry(resolution);
      const locator = item.locator;
      if (!entry?.pages || !locator || locator.kind !== 'page' || locator.first === null || locator.last === null || locator.problem) return [];
      // Pages written as a list (`431--456, 791--823`) are several ranges: p. 600 is in neither.
      const pages = pageParts(entry.pages.text) ?? [entry.pages];
      const cited = pageParts(locator.text) ?? [{ first: locator.first, last: locator.last }];
      if (within(cited, pages)) return [];
      const written = pages.map((p) => (p.first === p.last ? `${p.first}` : `${p.first}-${p.last}`)).join(', ');
      return [{
        code: 'page-out-of-range' as const,
        range: locator.range,
        message: `${locator.text} is outside the pages of ${describeEntry(entry)} (p.${pages.length > 1 ? written : `${entry.pages.first}-${entry.pages.last}`})`,
        data: { entry: entry.id, pages: { first: entry.pages.first, last: entry.pages.last } },
        fixes: [],
      }];
    });
  },
};
