// The outline: each reference list with its entries.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';

export function getDocumentSymbols(analysis: Analysis): DocumentSymbol[] {
  return analysis.model.lists.map((list) => ({
    name: list.heading,
    kind: SymbolKind.Namespace,
    range: list.range,
    selectionRange: list.headingRange,
    children: list.entries.map((entry) => ({
      name: entry.label || entry.text.slice(0, 40),
      detail: entry.title ?? undefined,
      kind: SymbolKind.Field,
      range: entry.range,
      selectionRange: entry.range,
    })),
  }));
}
