import type { Rule } from './rule';

export const bibliographySyntax: Rule = {
  code: 'bibliography-syntax',
  defaultSeverity: 'error',
  check: (analysis) =>
    analysis.model.keyedEntryProblems.map((p) => ({ code: 'bibliography-syntax' as const, range: p.range, message: p.message, fixes: [] })),
  checkBibliography({ library }) {
    return library.problems
      .filter((p) => p.kind === 'syntax')
      .map((p) => ({ code: 'bibliography-syntax' as const, uri: library.uri, range: p.range, message: p.message, fixes: [] }));
  },
};
