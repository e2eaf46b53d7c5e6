import type { Citation } from '../model';
import type { Finding, Rule } from './rule';

const mergeable = (c: Citation) => c.syntax === 'author-date' && c.form === 'parenthetical';

export const adjacentCitations: Rule = {
  code: 'adjacent-citations',
  defaultSeverity: 'information',
  check(analysis) {
    const text = analysis.document.getText();
    const citations = analysis.model.citations;
    const findings: Finding[] = [];
    for (let i = 1; i < citations.length; i++) {
      const [a, b] = [citations[i - 1], citations[i]];
      if (!mergeable(a) || !mergeable(b) || !/^[ \t]*$/.test(text.slice(a.outerEnd, b.outerStart))) continue;
      const merged = `(${a.text}; ${b.text})`;
      const range = { start: a.outerRange.start, end: b.outerRange.end };
      findings.push({
        code: 'adjacent-citations',
        range,
        message: `(${a.text}) and (${b.text}) stand side by side; merge them into ${merged}`,
        fixes: [{ title: `Merge into ${merged}`, edits: [{ uri: analysis.document.uri, range, newText: merged }], fixAll: true }],
      });
    }
    return findings;
  },
};
