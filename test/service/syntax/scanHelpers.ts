// Shared by the scanner tests: a document from a string, its masked text, and ranges found with indexOf so that
// fixtures carry no markers.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { maskLatex, maskMarkdown } from '../../../server/src/service/syntax/mask';
import type { ToRange } from '../../../server/src/service/syntax/referenceList';

export interface Source {
  readonly text: string;
  readonly masked: string;
  readonly document: TextDocument;
  readonly toRange: ToRange;
  /** The range of the `occurrence`-th (0-based) `needle` in the text. */
  readonly rangeOf: (needle: string, occurrence?: number) => Range;
  /** Offset of the `occurrence`-th `needle`. */
  readonly offsetOf: (needle: string, occurrence?: number) => number;
}

function source(text: string, masked: string, languageId: string): Source {
  const document = TextDocument.create(`file:///test/doc.${languageId === 'latex' ? 'tex' : 'md'}`, languageId, 1, text);
  const toRange: ToRange = (start, end) => ({ start: document.positionAt(start), end: document.positionAt(end) });
  const offsetOf = (needle: string, occurrence = 0): number => {
    let at = -1;
    for (let i = 0; i <= occurrence; i++) {
      at = text.indexOf(needle, at + 1);
      if (at < 0) throw new Error(`'${needle}' occurs fewer than ${occurrence + 1} times`);
    }
    return at;
  };
  const rangeOf = (needle: string, occurrence = 0): Range => {
    const at = offsetOf(needle, occurrence);
    return toRange(at, at + needle.length);
  };
  return { text, masked, document, toRange, rangeOf, offsetOf };
}

export const markdown = (text: string): Source => source(text, maskMarkdown(text).text, 'markdown');
export const latex = (text: string): Source => source(text, maskLatex(text).text, 'latex');

export const range = (startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range => ({
  start: { line: startLine, character: startCharacter },
  end: { line: endLine, character: endCharacter },
});
