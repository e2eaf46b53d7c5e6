import { baseName } from '../bibliography/uris';
import type { Rule } from './rule';

export const missingBibliography: Rule = {
  code: 'missing-bibliography',
  defaultSeverity: 'error',
  check(analysis) {
    const start = { line: 0, character: 0 };
    return analysis.bibliographies
      .filter((b) => b.library === null)
      .map(({ source }) => ({
        code: 'missing-bibliography' as const,
        range: source.link?.range ?? { start, end: start },
        message: source.link
          ? `Bibliography file '${source.link.path}' does not exist`
          : `Bibliography file '${baseName(source.uri)}' (from ${source.origin === 'quarto' ? '_quarto.yml' : 'the citewright.bibliographies setting'}) does not exist`,
        data: { uri: source.uri },
        fixes: [],
      }));
  },
};
