import { resolvedEntry } from '../resolve/resolver';
import { describeEntry } from './describe';
import type { Rule } from './rule';

export const pageOutOfRange: Rule = {
  code: 'page-out-of-range',
  defaultSeverity: 'warning',
  check(analysis) {
    return analysis.items.flatMap(({ item, resolution }) => {
      const entry = resolvedEntry(resolution);
      const locator = item.locator;
      if (!entry?.pages || !locator || locator.kind !== 'page' || locator.first === null || locator.last === null || locator.problem) return [];
      if (locator.first >= entry.pages.first && locator.last <= entry.pages.last) return [];
      return [{
        code: 'page-out-of-range' as const,
        range: locator.range,
        message: `${locator.text} is outside the pages of ${describeEntry(entry)} (p.${entry.pages.first}-${entry.pages.last})`,
        data: { entry: entry.id, pages: { first: entry.pages.first, last: entry.pages.last } },
        fixes: [],
      }];
    });
  },
};
