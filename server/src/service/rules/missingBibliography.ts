import { baseName } from '../bibliography/uris';
import type { Rule } from './rule';

export const missingBibliography: Rule = {
  code: 'missing-bibliography',
  defaultSeverity: 'error',
  check(analysis) {
    const start = { line: 0, character: 0 };
    return analysis.bibliographies
      .filter((b) => b.library === null)
      .map(({ source, refusal }) => {
        const file = source.link
          ? `'${source.link.path}'`
          : `'${baseName(source.uri)}' (from ${source.origin === 'quarto' ? '_quarto.yml' : 'the citewright.bibliographies setting'})`;
        return {
          code: 'missing-bibliography' as const,
          range: source.link?.range ?? { start, end: start },
          // A refused file is not said to be missing: the host would not look, so whether it exists is not known.
          message: `Bibliography file ${file} ${refusal === undefined ? 'does not exist' : `was refused: ${refusal}`}`,
          data: { uri: source.uri },
          fixes: [],
        };
      });
  },
};
