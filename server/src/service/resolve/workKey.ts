// When two entries are the same work: authors, year and title agree, spelling and punctuation aside.
import type { ReferenceEntry } from '../model';
import { foldedKey } from './surname';

// Entries are immutable: each one's key is worked out once.
const workKeys = new WeakMap<ReferenceEntry, string>();

export function workKey(entry: ReferenceEntry): string {
  let key = workKeys.get(entry);
  if (key === undefined) workKeys.set(entry, (key = computeWorkKey(entry)));
  return key;
}

/** `moved` is `entry` at another place in the document: the same work, whose key need not be worked out again. */
export function carryWorkKey(entry: ReferenceEntry, moved: ReferenceEntry): void {
  const key = workKeys.get(entry);
  if (key !== undefined) workKeys.set(moved, key);
}

function computeWorkKey(entry: ReferenceEntry): string {
  const title = (entry.title ?? entry.text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return `${entry.authors.map(foldedKey).join('|')}\u0000${entry.year ?? ''}\u0000${title}`;
}
