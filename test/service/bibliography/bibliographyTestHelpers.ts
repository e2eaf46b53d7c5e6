// Shared by the bibliography tests: fixtures and compact ranges.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Range } from 'vscode-languageserver-types';
import type { BibliographyReadResult } from '../../../server/src/service/bibliography/bibliographyEntry';

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

export function bibliographyFixture(name: string): string {
  return readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'bibliography', name), 'utf8');
}

/** `[startLine, startCharacter, endLine, endCharacter]`, 0-based as in LSP. */
export type CompactRange = [number, number, number, number];

export function compact(range: Range): CompactRange;
export function compact(range: Range | null): CompactRange | null;
export function compact(range: Range | null): CompactRange | null {
  return range === null ? null : [range.start.line, range.start.character, range.end.line, range.end.character];
}

/** What a reader found for each entry, compactly, for exact comparison. */
export function entrySummaries(result: BibliographyReadResult): unknown[] {
  return result.entries.map((entry) => ({
    id: entry.id,
    key: entry.key,
    range: compact(entry.range),
    keyRange: compact(entry.keyRange),
    authors: entry.authors,
    authorRanges: entry.authorRanges.map((range) => compact(range)),
    year: entry.year,
    yearRange: compact(entry.yearRange),
    title: entry.title,
    container: entry.container,
    editors: entry.editors,
    pages: entry.pages === null ? null : [entry.pages.text, entry.pages.first, entry.pages.last, compact(entry.pages.range)],
    kind: entry.kind,
    label: entry.label,
  }));
}

/** The problems a reader reported, compactly. */
export function problemSummaries(result: BibliographyReadResult): unknown[] {
  return result.problems.map((problem) => ({
    kind: problem.kind,
    message: problem.message,
    range: compact(problem.range),
    related: problem.related === null ? null : [problem.related.message, compact(problem.related.range)],
  }));
}
