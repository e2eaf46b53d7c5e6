import type { Rule } from './rule';

export const bibliographySyntax: Rule = {
  code: 'bibliography-syntax',
  defaultSeverity: 'error',
  check: () => [],
  checkBibliography({ library }) {
    return library.problems
      .filter((p) => p.kind === 'syntax')
      .map((p) => ({ code: 'bibliography-syntax' as const, uri: library.uri, range: p.range, message: p.message, fixes: [] }));
  },
};
