// Shared by the bibliography tests: fixtures and compact ranges.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Range } from 'vscode-languageserver-types';

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
