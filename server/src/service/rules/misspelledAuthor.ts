import { isAuthorName } from '../syntax/names';
import { describeEntry, describeItem } from './describe';
import { itemsWithStatus } from './resolutionRules';
import type { Rule } from './rule';

export const misspelledAuthor: Rule = {
  code: 'misspelled-author',
  defaultSeverity: 'error',
  check(analysis) {
    return itemsWithStatus(analysis, 'misspelled-author').map(({ item, resolution }) => {
      const { entry, names } = resolution;
      const replacement = names.map((n) => n.intended).join(', ');
      return {
        code: 'misspelled-author',
        range: item.authorRanges[names[0].index],
        message: `'${describeItem(analysis, item)}' has no entry; did you mean ${describeEntry(entry)}?`,
        data: { entry: entry.id, names: names.map((n) => ({ written: n.written, intended: n.intended })) },
        // Only a name a citation can carry is written in (an entry read as `as Unlisted's (1999)` offers none).
        fixes: names.every((n) => isAuthorName(n.intended)) ? [{
          title: `Replace '${names.map((n) => n.written).join(', ')}' with '${replacement}'`,
          edits: names.map((n) => ({ uri: analysis.document.uri, range: item.authorRanges[n.index], newText: n.intended })),
          fixAll: true,
        }] : [],
      };
    });
  },
};
