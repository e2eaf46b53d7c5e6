import type { Analysis } from '../analysis';
import type { ReferenceList } from '../model';
import { majorityMarker, markerText } from './listEdits';
import type { FileEdit, Finding, Rule } from './rule';

function markerName(marker: string, count: number): string {
  const plural = count === 1 ? '' : 's';
  if (marker === '') return `${count} paragraph${plural}`;
  if (marker === '1.' || marker === '1)') return `${count} numbered item${plural}`;
  return `${count} '${marker}' item${plural}`;
}

function countBy<T>(values: T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * Gives every entry the target marker; paragraphs need a blank line between them. Null when an entry's line
 * starts in text the mask hides (a comment, a code span from the line before): a marker or line break written
 * there would be hidden too, and the fix would never take.
 */
function normaliseMarkers(analysis: Analysis, list: ReferenceList, target: string): FileEdit[] | null {
  const doc = analysis.document;
  const text = doc.getText();
  const { masked } = analysis.model;
  const hiddenLineStart = (offset: number) => {
    const start = lineStart(text, offset);
    return masked.slice(start, offset + 1) !== text.slice(start, offset + 1);
  };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const edits: FileEdit[] = [];
  for (const [i, entry] of list.entries.entries()) {
    const previous = list.entries[i - 1];
    if (target === '' && previous) {
      // Blank as the mask sees it: a comment on its own line between entries separates them already.
      const between = text.slice(previous.end, entry.shape.markerStart);
      if (!/\n[ \t]*\r?\n/.test(analysis.model.masked.slice(previous.end, entry.shape.markerStart))) {
        // Only white space is rewritten; anything else between stays, and the blank line goes before the entry.
        const at = lineStart(text, entry.shape.markerStart);
        if (!/^\s*$/.test(between) && hiddenLineStart(entry.shape.markerStart)) return null;
        edits.push(/^\s*$/.test(between)
          ? { uri: doc.uri, range: { start: doc.positionAt(previous.end), end: doc.positionAt(entry.shape.markerStart) }, newText: eol + eol }
          : { uri: doc.uri, range: { start: doc.positionAt(at), end: doc.positionAt(at) }, newText: eol });
      }
    }
    const wanted = markerText(target, i);
    if (text.slice(entry.shape.markerStart, entry.shape.markerEnd) !== wanted) {
      // A paragraph becomes an item with its marker at the start of its line.
      if (entry.shape.marker === '' && hiddenLineStart(entry.shape.markerStart)) return null;
      const start = entry.shape.marker === '' ? lineStart(text, entry.shape.markerStart) : entry.shape.markerStart;
      const end = entry.shape.marker === '' ? start : entry.shape.markerEnd;
      edits.push({ uri: doc.uri, range: { start: doc.positionAt(start), end: doc.positionAt(end) }, newText: wanted });
    }
  }
  return edits;
}

export const referenceFormat: Rule = {
  code: 'reference-format',
  defaultSeverity: 'information',
  check(analysis) {
    const findings: Finding[] = [];
    for (const list of analysis.model.lists) {
      const markers = countBy(list.entries.map((e) => e.shape.marker));
      if (markers.size > 1) {
        const target = majorityMarker(list);
        const odd = list.entries.find((e) => e.shape.marker !== target)!;
        const shapes = [...markers].map(([m, n]) => markerName(m, n)).join(', ');
        const edits = normaliseMarkers(analysis, list, target);
        findings.push({
          code: 'reference-format',
          range: odd.range,
          message: `The ${list.heading} list mixes entry shapes (${shapes}); expected ${markerName(target, list.entries.length).replace(/^\d+ /, '')} throughout`,
          data: { marker: target },
          fixes: edits ? [{ title: `Write every entry as ${markerName(target, 2).replace(/^\d+ /, '')}`, edits, fixAll: true }] : [],
        });
      }
      const years = countBy(list.entries.map((e) => e.shape.yearStyle).filter((s) => s !== 'none'));
      if (years.size > 1) {
        const odd = list.entries.find((e) => e.shape.yearStyle === ((years.get('parenthesised') ?? 0) >= (years.get('bare') ?? 0) ? 'bare' : 'parenthesised'))!;
        findings.push({
          code: 'reference-format',
          range: odd.yearRange ?? odd.range,
          message: `The ${list.heading} list writes years both as '(2019)' (${years.get('parenthesised')}) and as ', 2019.' (${years.get('bare')})`,
          fixes: [],
        });
      }
    }
    return findings;
  },
};
