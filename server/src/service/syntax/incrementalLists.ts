// Keeps a document's reference lists from one version to the next. An edit that stays clear of every list (and
// of the lines around it) and makes or unmakes no heading cannot change them: the lists before it stay as they
// are, the ones after it move with the text. Reading the lists of a thesis anew takes longer than the rest of
// an edit's work.
import type { ListEntry, ReferenceList } from '../model';
import { surnameKey } from '../resolve/surname';
import { carryWorkKey } from '../resolve/workKey';
import type { TextEnds } from '../textEnds';
import { shiftRange } from './incrementalScan';
import { headingNear, linesAround, readReferenceLists, type ReadLists, type ToRange } from './referenceList';

interface ListedVersion {
  readonly masked: string;
  readonly text: string;
}

/** An entry moved `offset` characters and `lines` lines further down. Every offset and range of a list entry is here. */
function movedEntry(entry: ListEntry, offset: number, lines: number): ListEntry {
  const range = (r: ListEntry['range']) => (lines === 0 ? r : shiftRange(r, lines));
  const moved: ListEntry = {
    ...entry,
    range: range(entry.range),
    start: entry.start + offset,
    end: entry.end + offset,
    keyRange: entry.keyRange && range(entry.keyRange),
    authorRanges: lines === 0 ? entry.authorRanges : entry.authorRanges.map(range),
    yearRange: entry.yearRange && range(entry.yearRange),
    pages: entry.pages && (lines === 0 ? entry.pages : { ...entry.pages, range: range(entry.pages.range) }),
    shape: { ...entry.shape, markerStart: entry.shape.markerStart + offset, markerEnd: entry.shape.markerEnd + offset },
  };
  carryWorkKey(entry, moved);
  return moved;
}

function movedList(list: ReferenceList, offset: number, lines: number): ReferenceList {
  if (offset === 0 && lines === 0) return list;
  return {
    ...list,
    headingRange: lines === 0 ? list.headingRange : shiftRange(list.headingRange, lines),
    start: list.start + offset,
    end: list.end + offset,
    range: lines === 0 ? list.range : shiftRange(list.range, lines),
    entries: list.entries.map((entry) => movedEntry(entry, offset, lines)),
  };
}

/** A version's lists and the names their entries make known to the author-date scanner. */
export interface KnownLists extends ReadLists {
  /** Surnames and organisation names of the entries, in `surnameKey` form. */
  readonly knownNames: ReadonlySet<string>;
  /** The same, sorted and joined: the author-date scan's context. */
  readonly names: string;
}

function withNames(read: ReadLists): KnownLists {
  const knownNames = new Set<string>();
  for (const list of read.lists) for (const entry of list.entries) {
    for (const author of entry.authors) knownNames.add(surnameKey(author));
  }
  return { ...read, knownNames, names: [...knownNames].sort().join('\u0000') };
}

export class IncrementalLists {
  private last: { version: ListedVersion; known: KnownLists } | null = null;

  /** The lists of `current`; `ends` says where it differs from `previous` (null: read them anew). */
  read(previous: ListedVersion | null, current: ListedVersion, ends: TextEnds | null, toRange: ToRange): KnownLists {
    // The same strings: the version these lists were read from.
    const last = this.last !== null && previous !== null && this.last.version.masked === previous.masked && this.last.version.text === previous.text ? this.last.known : null;
    const known = (last !== null && ends !== null ? this.moved(last, previous!, current, ends, toRange) : null)
      ?? withNames(readReferenceLists(current.text, current.masked, toRange));
    this.last = { version: current, known };
    return known;
  }

  /** The last lists moved past the edit (their names unchanged), or null when the edit may have changed them. */
  private moved(last: KnownLists, previous: ListedVersion, current: ListedVersion, ends: TextEnds, toRange: ToRange): KnownLists | null {
    const oldEnd = previous.masked.length - ends.suffix;
    const [from, to] = linesAround(previous.masked, ends.prefix, oldEnd);
    const touched = last.lists.some((list, i) => list.start <= to && last.regionEnds[i] >= from);
    if (touched || headingNear(current.masked, ends.prefix, current.masked.length - ends.suffix)) return null;
    const offset = current.masked.length - previous.masked.length;
    const firstAfter = last.lists.findIndex((list) => list.start >= oldEnd);
    if (firstAfter < 0) return last;
    const start = last.lists[firstAfter].start + offset;
    const lines = toRange(start, start).start.line - last.lists[firstAfter].range.start.line;
    return {
      ...last,
      lists: last.lists.map((list, i) => (i < firstAfter ? list : movedList(list, offset, lines))),
      regionEnds: last.regionEnds.map((end, i) => (i < firstAfter ? end : end + offset)),
    };
  }
}
