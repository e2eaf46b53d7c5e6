import type { Analysis } from '../analysis';
import type { ReferenceEntry } from '../model';
import { workKey } from '../resolve/workKey';
import { describeEntry } from './describe';
import { removeEntryEdit } from './listEdits';
import type { Rule } from './rule';

/** Entries never cited; a second listing of a cited work is the duplicate-reference rule's concern. */
function uncited<E extends ReferenceEntry>(analysis: Analysis, entries: readonly E[]): E[] {
  const citedWorks = new Set(entries.filter((e) => analysis.citedBy.has(e.id)).map(workKey));
  return entries.filter((e) => !analysis.citedBy.has(e.id) && !citedWorks.has(workKey(e)));
}

export const unusedReference: Rule = {
  code: 'unused-reference',
  defaultSeverity: 'warning',
  check(analysis) {
    return analysis.model.lists.flatMap((list) =>
      uncited(analysis, list.entries).map((entry) => ({
        code: 'unused-reference' as const,
        range: entry.range,
        message: `${describeEntry(entry)} is never cited`,
        data: { entry: entry.id },
        fixes: [{ title: `Remove ${describeEntry(entry)} from the list`, edits: [removeEntryEdit(analysis, list, entry)], fixAll: false }],
      })),
    );
  },
};
