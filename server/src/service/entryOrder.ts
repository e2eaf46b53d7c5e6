// The order of a reference list: by author surnames (a single author before the same author with others),
// then year, then title.
import type { ReferenceEntry } from './model';
import { foldedKey } from './resolve/surname';

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareEntries(a: ReferenceEntry, b: ReferenceEntry): number {
  const aNames = a.authors.length > 0 ? a.authors : [a.title ?? ''];
  const bNames = b.authors.length > 0 ? b.authors : [b.title ?? ''];
  for (let i = 0; i < Math.min(aNames.length, bNames.length); i++) {
    const byName = compareText(foldedKey(aNames[i]), foldedKey(bNames[i]));
    if (byName !== 0) return byName;
  }
  if (aNames.length !== bNames.length) return aNames.length - bNames.length;
  const byYear = compareText(a.year ?? '', b.year ?? '');
  if (byYear !== 0) return byYear;
  return compareText((a.title ?? '').toLowerCase(), (b.title ?? '').toLowerCase());
}
