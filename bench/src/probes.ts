// Where to ask for completion and hover in a document: at its citation items, spread evenly through it.
import type { CompletionItem, CompletionList, Position, Range } from 'vscode-languageserver-types';

/** What the probes need of a citation item (the service's `CitationItem`). */
export interface ProbeItem {
  readonly authors: readonly string[];
  readonly authorRanges: readonly Range[];
  readonly year: string | null;
  readonly yearRange: Range | null;
  readonly key: string | null;
  readonly keyRange: Range | null;
}

export interface Probe {
  /** Where completion is asked: after the whole key, or the name and year, as typed (the intended entry must come first). */
  readonly completion: Position;
  readonly hover: Position;
  /** What the first completion item should be for: the key, or surname and year. */
  readonly expect: { readonly key: string } | { readonly author: string; readonly year: string };
}

function inside(range: Range): Position {
  return { line: range.start.line, character: range.start.character + 1 };
}

export function probeOf(item: ProbeItem): Probe | null {
  if (item.key !== null && item.keyRange !== null && item.key.length > 1) {
    return { completion: item.keyRange.end, hover: inside(item.keyRange), expect: { key: item.key } };
  }
  if (item.authors.length > 0 && item.year !== null && item.yearRange !== null && item.authorRanges.length > 0) {
    return { completion: item.yearRange.end, hover: inside(item.authorRanges[0]), expect: { author: item.authors[0], year: item.year } };
  }
  return null;
}

/** What the probes need of the service's `Analysis`: every item with how it resolves. */
export interface ProbedAnalysis {
  readonly items: readonly { readonly item: ProbeItem; readonly resolution: { readonly status: string } }[];
}

/**
 * The items that resolve as written, where the entry the writer is typing towards is known. The corpora's
 * deliberate faults (a misspelt name, a wrong year, a missing key) are left out: no entry is "best" for them.
 */
export function resolvedItems(analysis: ProbedAnalysis): ProbeItem[] {
  return analysis.items.filter((cited) => cited.resolution.status === 'resolved').map((cited) => cited.item);
}

/** `count` probes taken at even steps through the items (cycling when there are fewer). */
export function spreadProbes(items: readonly ProbeItem[], count: number): Probe[] {
  const probes = items.map(probeOf).filter((p): p is Probe => p !== null);
  if (probes.length === 0) return [];
  const step = Math.max(1, Math.floor(probes.length / count));
  const out: Probe[] = [];
  for (let i = 0; out.length < count; i += step) out.push(probes[(i + Math.floor(i / probes.length)) % probes.length]);
  return out;
}

function itemsOf(result: CompletionList | readonly CompletionItem[] | null | undefined): readonly CompletionItem[] {
  if (!result) return [];
  return Array.isArray(result) ? result : (result as CompletionList).items;
}

export function completionCount(result: CompletionList | readonly CompletionItem[] | null | undefined): number {
  return itemsOf(result).length;
}

/** Whether the item an editor shows first (by sortText, then label) is the one the probe was typing towards. */
export function bestMatchFirst(result: CompletionList | readonly CompletionItem[] | null | undefined, probe: Probe): boolean {
  const items = [...itemsOf(result)].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  const first = items[0];
  if (!first) return false;
  const shown = `${first.label} ${first.filterText ?? ''} ${first.textEdit && 'newText' in first.textEdit ? first.textEdit.newText : first.insertText ?? ''}`;
  if ('key' in probe.expect) return first.label === probe.expect.key || first.label === `@${probe.expect.key}` || shown.includes(`@${probe.expect.key}`);
  return shown.includes(probe.expect.author) && shown.includes(probe.expect.year);
}
