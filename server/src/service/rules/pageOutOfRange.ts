import { resolvedEntry } from '../resolve/resolver';
import { pageParts, type PagePart } from '../syntax/locator';
import { describeEntry } from './describe';
import type { Finding, Rule } from './rule';

/** Whether every part of the cited pages lies within one part of the entry's pages. */
function within(cited: readonly PagePart[], pages: readonly PagePart[]): boolean {
  return cited.every((part) => pages.some((range) => part.first >= range.first && part.last <= range.last));
}

export const pageOutOfRange: Rule = {
  code: 'page-out-of-range',
  defaultSeverity: 'warning',
  check(analysis) {
    const findings: Finding[] = [];
    for (const { item, resolution } of analysis.items) {
      const entry = resolvedEntry(resolution);
      const locator = item.locator;
      if (!entry?.pages || !locator || locator.kind !== 'page' || locator.first === null || locator.last === null || locator.problem) continue;
      // Pages written as a list (`431--456, 791--823`) are several ranges: p. 600 is in neither.
      const pages = pageParts(entry.pages.text) ?? [entry.pages];
      const cited = pageParts(locator.text) ?? [{ first: locator.first, last: locator.last }];
      if (within(cited, pages)) continue;
      const written = pages.map((p) => (p.first === p.last ? `${p.first}` : `${p.first}-${p.last}`)).join(', ');
      findings.push({
        code: 'page-out-of-range',
        range: locator.range,
        message: `${locator.text} is outside the pages of ${describeEntry(entry)} (p.${pages.length > 1 ? written : `${entry.pages.first}-${entry.pages.last}`})`,
        data: { entry: entry.id, pages: { first: entry.pages.first, last: entry.pages.last } },
        fixes: [],
      });
    }
    return findings;
  },
};
