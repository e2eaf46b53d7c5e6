// What every diagnostic rule is: a stable code, a default severity, and a check that returns findings with fixes.
import type { Range } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export type RuleCode =
  | 'unresolved-citation'
  | 'misspelled-author'
  | 'year-mismatch'
  | 'author-list-mismatch'
  | 'ambiguous-citation'
  | 'page-out-of-range'
  | 'inconsistent-page-ranges'
  | 'invalid-locator'
  | 'unused-reference'
  | 'duplicate-reference'
  | 'reference-order'
  | 'reference-format'
  | 'adjacent-citations'
  | 'quote-without-page'
  | 'bibliography-syntax'
  | 'missing-bibliography';

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
  readonly range: Range;
  readonly message: string;
  readonly fixes: readonly Fix[];
  /** What the fixes and other tools need: entry ids, the intended names or years. */
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface Rule {
  readonly code: RuleCode;
  readonly defaultSeverity: Severity;
  check(analysis: Analysis): Finding[];
}
