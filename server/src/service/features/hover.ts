// Hover on a citation: the entry as written, how often it is cited, and a page warning.
// Hover on a list entry: the lines that cite it.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { resolvedEntry } from '../resolve/resolver';
import type { ReferenceEntry } from '../model';
import { findingsOf } from './diagnostics';
import { contains, entryAt, itemAt } from './locate';
import type { ResolvedStyle } from '../bibliography/styleResolution';
import { entryMarkdown, hasEntryMarkdown } from './entryMarkdown';
import { escapeMarkdownText } from './markdownText';

function citingLines(analysis: Analysis, entry: ReferenceEntry): number[] {
  const lines = (analysis.citedBy.get(entry.id) ?? []).map((c) => c.item.range.start.line + 1);
  return [...new Set(lines)];
}

function timesCited(lines: number[], count: number): string {
  if (count === 0) return 'Not cited in this document';
  return `Cited ${count === 1 ? 'once' : `${count} times`} (line${lines.length === 1 ? '' : 's'} ${lines.join(', ')})`;
}

export function getHover(analysis: Analysis, position: Position, style: ResolvedStyle): Hover | null {
  const cited = itemAt(analysis, position);
  if (cited) {
    const entry = resolvedEntry(cited.resolution);
    const problems = findingsOf(analysis).filter((f) => contains(cited.item.range, f.range.start) && f.code !== 'adjacent-citations');
    const parts: string[] = [];
    if (entry) {
      const count = analysis.citedBy.get(entry.id)?.length ?? 0;
      parts.push(entryMarkdown(entry, style), timesCited(citingLines(analysis, entry), count));
    }
    for (const problem of problems) parts.push(`⚠ ${escapeMarkdownText(problem.message)}`);
    if (parts.length === 0) return null;
    return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: cited.item.range };
  }
  const entry = entryAt(analysis, position);
  if (entry) {
    const count = analysis.citedBy.get(entry.id)?.length ?? 0;
    return { contents: { kind: MarkupKind.Markdown, value: timesCited(citingLines(analysis, entry), count) }, range: entry.range };
  }
  return null;
}

/**
 * Formats, ahead of any hover, the bibliography entries the document cites, one at a time while `more()`
 * allows (the server calls this when idle). True when every one is ready.
 */
export function prepareHovers(analysis: Analysis, style: ResolvedStyle, more: () => boolean): boolean {
  for (const cited of analysis.items) {
    const entry = resolvedEntry(cited.resolution);
    if (!entry || hasEntryMarkdown(entry, style)) continue;
    if (!more()) return false;
    entryMarkdown(entry, style);
  }
  return true;
}
