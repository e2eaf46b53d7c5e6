import { alternatives, describeEntry, describeItem } from './describe';
import { itemsWithStatus } from './resolutionRules';
import type { Rule } from './rule';

export const yearMismatch: Rule = {
  code: 'year-mismatch',
  defaultSeverity: 'error',
  check(analysis) {
    return itemsWithStatus(analysis, 'year-mismatch').flatMap(({ item, resolution }) => {
      if (!item.yearRange) return [];
      const years = [...new Set(resolution.candidates.map((e) => e.year).filter((y): y is string => y !== null))];
      return [{
        code: 'year-mismatch' as const,
        range: item.yearRange,
        message: `'${describeItem(analysis, item)}' has no entry for ${item.year}; did you mean ${alternatives(resolution.candidates.map(describeEntry))}?`,
        data: { candidates: resolution.candidates.map((e) => e.id), years },
        fixes: years.map((year) => ({
          title: `Change the year to ${year}`,
          edits: [{ uri: analysis.document.uri, range: item.yearRange!, newText: year }],
          fixAll: years.length === 1,
        })),
      }];
    });
  },
};
