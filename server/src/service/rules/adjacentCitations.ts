import type { Citation } from '../model';
import type { Finding, Rule } from './rule';

const mergeable = (c: Citation) => c.syntax === 'author-date' && c.form === 'parenthetical';

/** Whether the text from `start` to `end` is spaces and tabs only (looked at in place: most gaps end at once). */
function onlySpaces(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}

/** Runs of bracketed citations with nothing but spaces between them: `(A 2001) (B 2002) (C 2003)`. */
function adjacentRuns(citations: readonly Citation[], text: string): Citation[][] {
  const runs: Citation[][] = [];
  let run: Citation[] = [];
  for (const citation of citations) {
    const previous = run[run.length - 1];
    if (previous && mergeable(citation) && onlySpaces(text, previous.outerEnd, citation.outerStart)) {
      run.push(citation);
      continue;
    }
    if (run.length > 1) runs.push(run);
    run = mergeable(citation) ? [citation] : [];
  }
  if (run.length > 1) runs.push(run);
  return runs;
}

export const adjacentCitations: Rule = {
  code: 'adjacent-citations',
  defaultSeverity: 'information',
  check(analysis) {
    const findings: Finding[] = [];
    for (const run of adjacentRuns(analysis.model.citations, analysis.document.getText())) {
      const merged = `(${run.map((c) => c.text).join('; ')})`;
      const range = { start: run[0].outerRange.start, end: run[run.length - 1].outerRange.end };
      const written = run.map((c) => `(${c.text})`);
      findings.push({
        code: 'adjacent-citations',
        range,
        message: `${written.slice(0, -1).join(', ')} and ${written[written.length - 1]} stand side by side; merge them into ${merged}`,
        fixes: [{ title: `Merge into ${merged}`, edits: [{ uri: analysis.document.uri, range, newText: merged }], fixAll: true }],
      });
    }
    return findings;
  },
};
