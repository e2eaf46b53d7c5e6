import type { ReferenceEntry } from '../model';
import { workKey } from '../resolve/workKey';
import { describeEntry } from './describe';
import { removeEntryEdit } from './listEdits';
import type { Finding, Rule } from './rule';

export const duplicateReference: Rule = {
  code: 'duplicate-reference',
  defaultSeverity: 'warning',
  check(analysis) {
    const findings: Finding[] = [];
    for (const list of analysis.model.lists) {
      const seen = new Map<string, ReferenceEntry>();
      for (const entry of list.entries) {
        const key = workKey(entry);
        const first = seen.get(key);
        if (!first) { seen.set(key, entry); continue; }
        findings.push({
          code: 'duplicate-reference',
          range: entry.range,
          message: `${describeEntry(entry)} is listed twice (first on line ${first.range.start.line + 1})`,
          data: { entry: entry.id, duplicateOf: first.id },
          fixes: [{ title: 'Remove the duplicate entry', edits: [removeEntryEdit(analysis, list, entry)], fixAll: false }],
        });
      }
    }
    return findings;
  },
};
