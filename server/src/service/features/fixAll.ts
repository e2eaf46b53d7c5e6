// "Fix all": applies every unambiguous fix, re-analyses, and repeats until nothing is left to fix.
// Returned as one edit of the changed span, so that applying it twice is the same as once.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import type { FileEdit } from '../rules/rule';
import type { CitewrightSettings } from '../settings';
import { activeFindings } from './diagnostics';

const MAX_ROUNDS = 20;

/** Applies edits that do not overlap each other, earliest first; returns the new text and whether any applied. */
function applyNonOverlapping(document: TextDocument, groups: readonly (readonly FileEdit[])[]): string | null {
  const taken: Array<[number, number]> = [];
  const chosen: FileEdit[] = [];
  for (const edits of groups) {
    const spans = edits.map((e) => [document.offsetAt(e.range.start), document.offsetAt(e.range.end)] as [number, number]);
    // Touching spans count as overlapping: an insertion at another edit's edge waits for the next round.
    const overlaps = spans.some(([s, e]) => taken.some(([ts, te]) => s <= te && ts <= e));
    if (overlaps) continue;
    taken.push(...spans);
    chosen.push(...edits);
  }
  if (chosen.length === 0) return null;
  return TextDocument.applyEdits(document, chosen.map((e) => ({ range: e.range, newText: e.newText })));
}

/** The text after fixing everything that has one obvious fix; `analyse` analyses each intermediate text afresh. */
export function fixAllText(document: TextDocument, settings: CitewrightSettings, analyse: (document: TextDocument) => Analysis): string {
  let current = document;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const analysis = analyse(current);
    const groups = activeFindings(analysis, settings)
      .flatMap((f) => f.fixes.filter((fix) => fix.fixAll).slice(0, 1))
      .map((fix) => fix.edits.filter((e) => e.uri === document.uri));
    const next = applyNonOverlapping(current, groups);
    if (next === null || next === current.getText()) break;
    current = TextDocument.create(document.uri, document.languageId, current.version + 1, next);
  }
  return current.getText();
}

/** The smallest single edit that turns `before` into `after`, or none. */
export function minimalEdit(document: TextDocument, after: string): TextEdit[] {
  const before = document.getText();
  if (before === after) return [];
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) { endBefore--; endAfter--; }
  return [{ range: { start: document.positionAt(start), end: document.positionAt(endBefore) }, newText: after.slice(start, endAfter) }];
}

export function getFixAllEdits(document: TextDocument, settings: CitewrightSettings, analyse: (document: TextDocument) => Analysis): TextEdit[] {
  return minimalEdit(document, fixAllText(document, settings, analyse));
}
