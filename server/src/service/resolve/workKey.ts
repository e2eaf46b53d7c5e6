// When two entries are the same work: authors, year and title agree, spelling and punctuation aside.
import type { ReferenceEntry } from '../model';
import { foldedKey } from './surname';

export function workKey(entry: ReferenceEntry): string {
  const title = (entry.title ?? entry.text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return `${entry.authors.map(foldedKey).join('|')}\u0000${entry.year ?? ''}\u0000${title}`;
}
