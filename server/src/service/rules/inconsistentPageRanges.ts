import type { ListEntry } from '../model';
import { foldedKey } from '../resolve/surname';
import { describeEntry } from './describe';
import type { Finding, Rule } from './rule';

/** Chapters of one edited volume: same list, same container title. */
function volumes(entries: readonly ListEntry[]): ListEntry[][] {
  const groups = new Map<string, ListEntry[]>();
  for (const entry of entries) {
    if (entry.kind !== 'chapter' || !entry.container || !entry.pages) continue;
    const key = `${entry.listIndex}\u0000${foldedKey(entry.container)}`;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

export const inconsistentPageRanges: Rule = {
  code: 'inconsistent-page-ranges',
  defaultSeverity: 'warning',
  check(analysis) {
    const findings: Finding[] = [];
    for (const chapters of volumes(analysis.model.entries)) {
      for (let i = 0; i < chapters.length; i++) {
        for (let j = 0; j < i; j++) {
          const a = chapters[j].pages!;
          const b = chapters[i].pages!;
          if (b.first > a.last || a.first > b.last) continue;
          findings.push({
            code: 'inconsistent-page-ranges',
            range: b.range,
            message: `Pages ${b.first}-${b.last} of ${describeEntry(chapters[i])} overlap pages ${a.first}-${a.last} of ${describeEntry(chapters[j])}, another chapter of ${chapters[i].container}`,
            data: { entries: [chapters[j].id, chapters[i].id] },
            fixes: [],
          });
        }
      }
    }
    return findings;
  },
};
