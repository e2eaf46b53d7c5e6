import type { Analysis } from '../analysis';
import type { ListEntry, ReferenceEntry } from '../model';
import { workKey } from '../resolve/workKey';
import { describeEntry, describeItem } from './describe';
import { itemsWithStatus } from './resolutionRules';
import type { FileEdit, Rule } from './rule';

const SUFFIXES = 'abcdefghijklmnopqr';

/**
 * Gives each of the entries a year suffix in list order (2001a, 2001b, ...) and makes this citation cite
 * `chosen`. Other citations of the same authors and year are left to their own diagnostics.
 */
function suffixEdits(analysis: Analysis, candidates: readonly ReferenceEntry[], chosen: number, citedYear: { range: FileEdit['range'] }): FileEdit[] {
  const uri = analysis.document.uri;
  const edits: FileEdit[] = [];
  candidates.forEach((entry, i) => {
    // A work listed twice in its list gets its letter in both listings, or the second would stay as ambiguous.
    const list = analysis.model.lists.find((l) => l.entries.includes(entry as ListEntry));
    for (const listing of list ? list.entries.filter((e) => e === entry || workKey(e) === workKey(entry)) : [entry]) {
      if (!listing.yearRange || !listing.year) continue;
      edits.push({ uri, range: listing.yearRange, newText: listing.year.replace(/[a-r]$/, '') + SUFFIXES[i] });
    }
  });
  const base = (candidates[chosen].year ?? '').replace(/[a-r]$/, '');
  edits.push({ uri, range: citedYear.range, newText: base + SUFFIXES[chosen] });
  return edits;
}

export const ambiguousCitation: Rule = {
  code: 'ambiguous-citation',
  defaultSeverity: 'error',
  check(analysis) {
    return itemsWithStatus(analysis, 'ambiguous').flatMap(({ item, resolution }) => {
      if (!item.yearRange) return [];
      const candidates = resolution.candidates;
      // `Lee 2001` against `2001a` and `2001b`: choosing a letter is enough; two entries of one year need letters.
      const alreadySuffixed = candidates.every((e) => /[a-r]$/.test(e.year ?? '')) && new Set(candidates.map((e) => e.year)).size === candidates.length;
      // `forthcoming` and `n.d.` take no letter the scanners would read back: no fix for them. Nor for works of a
      // bibliography file: their years are not in this document.
      const numeric = candidates.every((e) => /^\d{4}[a-r]?$/.test(e.year ?? '') && e.source === 'document');
      return [{
        code: 'ambiguous-citation' as const,
        range: item.yearRange,
        message: `'${describeItem(analysis, item)}' matches ${candidates.length} entries: ${candidates.map((e) => `${describeEntry(e)}${e.title ? ` '${e.title}'` : ''}`).join('; ')}; add a year suffix`,
        data: { candidates: candidates.map((e) => e.id) },
        fixes: !numeric ? [] : candidates.map((entry, i) => {
          const edits = alreadySuffixed
            ? [{ uri: analysis.document.uri, range: item.yearRange!, newText: entry.year ?? '' }]
            : suffixEdits(analysis, candidates, i, { range: item.yearRange! });
          const year = edits[edits.length - 1].newText;
          return { title: `Cite ${describeEntry(entry)}${entry.title ? ` '${entry.title}'` : ''} as ${year}`, edits, fixAll: false };
        }),
      }];
    });
  },
};
