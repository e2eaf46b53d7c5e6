// What every diagnostic rule is: a stable code, a default severity, and a check that returns findings with fixes.
import type { Range } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import type { Library } from '../bibliography/library';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Every rule's stable code, in the order of DESIGN.md's table. */
export const RULE_CODES = [
  'unresolved-citation',
  'misspelled-author',
  'year-mismatch',
  'author-list-mismatch',
  'ambiguous-citation',
  'page-out-of-range',
  'inconsistent-page-ranges',
  'invalid-locator',
  'unused-reference',
  'duplicate-reference',
  'reference-order',
  'reference-format',
  'adjacent-citations',
  'quote-without-page',
  'bibliography-syntax',
  'missing-bibliography',
] as const;

export type RuleCode = (typeof RULE_CODES)[number];

export interface FileEdit {
  readonly uri: string;
  readonly range: Range;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly FileEdit[];
  /** Whether "fix all" may apply it: only when it is the one obvious repair. */
  readonly fixAll: boolean;
}

export interface Finding {
  readonly code: RuleCode;
  /** The file the range is in, when it is not the analysed document (a bibliography file). */
  readonly uri?: string;
  /** A severity below the rule's default for this finding (an unused entry of a shared library is a hint). */
  readonly severity?: Severity;
  readonly range: Range;
  readonly message: string;
  readonly fixes: readonly Fix[];
  /** What the fixes and other tools need: entry ids, the intended names or years. */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** A bibliography file with the analyses of the documents that use it. */
export interface BibliographyContext {
  readonly library: Library;
  readonly users: readonly Analysis[];
}

export interface Rule {
  readonly code: RuleCode;
  readonly defaultSeverity: Severity;
  /** Findings in a document. */
  check(analysis: Analysis): Finding[];
  /** Findings in a bibliography file, for rules that have them. */
  checkBibliography?(context: BibliographyContext): Finding[];
}
