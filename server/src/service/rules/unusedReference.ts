import { describeEntry } from './describe';
import { removeEntryEdit } from './listEdits';
import type { Rule } from './rule';

export const unusedReference: Rule = {
  code: 'unused-reference',
  defaultSeverity: 'warning',
  check(analysis) {
    return analysis.model.lists.flatMap((list) =>
      list.entries
        .filter((entry) => !analysis.citedBy.has(entry.id))
        .map((entry) => ({
          code: 'unused-reference' as const,
          range: entry.range,
          message: `${describeEntry(entry)} is never cited`,
          data: { entry: entry.id },
          fixes: [{ title: `Remove ${describeEntry(entry)} from the list`, edits: [removeEntryEdit(analysis, list, entry)], fixAll: false }],
        })),
    );
  },
};
