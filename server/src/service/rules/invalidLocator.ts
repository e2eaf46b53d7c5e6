import type { Rule } from './rule';

export const invalidLocator: Rule = {
  code: 'invalid-locator',
  defaultSeverity: 'warning',
  check(analysis) {
    return analysis.items.flatMap(({ item }) => {
      const locator = item.locator;
      if (!locator?.problem) return [];
      return [{
        code: 'invalid-locator' as const,
        range: locator.range,
        message: `Cannot read the locator '${locator.text}': ${locator.problem}`,
        fixes: [],
      }];
    });
  },
};
