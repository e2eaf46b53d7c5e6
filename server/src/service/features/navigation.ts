// Go to definition (citation -> entry) and find references (entry -> citations).
import type { Location, Position } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import type { ReferenceEntry } from '../model';
import { intendedEntries } from '../resolve/resolver';
import { entryLocation } from './entryLocation';
import { entryAt, itemAt } from './locate';

export function getDefinition(analysis: Analysis, position: Position): Location[] {
  const cited = itemAt(analysis, position);
  if (!cited) return [];
  return intendedEntries(cited.resolution).map((e) => entryLocation(analysis, e));
}

function entriesAt(analysis: Analysis, position: Position): readonly ReferenceEntry[] {
  const cited = itemAt(analysis, position);
  if (cited) return intendedEntries(cited.resolution);
  const entry = entryAt(analysis, position);
  return entry ? [entry] : [];
}

export function getReferences(analysis: Analysis, position: Position, includeDeclaration: boolean): Location[] {
  const uri = analysis.document.uri;
  return entriesAt(analysis, position).flatMap((entry) => [
    ...(includeDeclaration ? [entryLocation(analysis, entry)] : []),
    ...(analysis.citedBy.get(entry.id) ?? []).map((c) => ({ uri, range: c.item.range })),
  ]);
}
