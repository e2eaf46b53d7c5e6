// Every diagnostic rule, in the order of DESIGN.md's table.
import { adjacentCitations } from './adjacentCitations';
import { bibliographySyntax } from './bibliographySyntax';
import { missingBibliography } from './missingBibliography';
import { ambiguousCitation } from './ambiguousCitation';
import { authorListMismatch } from './authorListMismatch';
import { duplicateReference } from './duplicateReference';
import { inconsistentPageRanges } from './inconsistentPageRanges';
import { invalidLocator } from './invalidLocator';
import { misspelledAuthor } from './misspelledAuthor';
import { pageOutOfRange } from './pageOutOfRange';
import { quoteWithoutPage } from './quoteWithoutPage';
import { referenceFormat } from './referenceFormat';
import { referenceOrder } from './referenceOrder';
import type { Rule } from './rule';
import { unresolvedCitation } from './unresolvedCitation';
import { unusedReference } from './unusedReference';
import { yearMismatch } from './yearMismatch';

export const RULES: readonly Rule[] = [
  unresolvedCitation,
  misspelledAuthor,
  yearMismatch,
  authorListMismatch,
  ambiguousCitation,
  pageOutOfRange,
  inconsistentPageRanges,
  invalidLocator,
  unusedReference,
  duplicateReference,
  referenceOrder,
  referenceFormat,
  adjacentCitations,
  quoteWithoutPage,
  bibliographySyntax,
  missingBibliography,
];
