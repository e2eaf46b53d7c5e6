// Where an entry is written: in the document, or in one of its bibliography files.
import type { Location } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import type { ReferenceEntry } from '../model';

export function entryLocation(analysis: Analysis, entry: ReferenceEntry): Location {
  const library = analysis.bibliographies.find((b) => b.library?.entries.includes(entry as never))?.library;
  return { uri: library?.uri ?? analysis.document.uri, range: entry.range };
}
