import type { Finding, Rule } from './rule';

export const invalidLocator: Rule = {
  code: 'invalid-locator',
  defaultSeverity: 'warning',
  check(analysis) {
    const findings: Finding[] = [];
    for (const { item } of analysis.items) {
      const locator = item.locator;
      if (!locator?.problem) continue;
      findings.push({ code: 'invalid-locator', range: locator.range, message: `Cannot read the locator '${locator.text}': ${locator.problem}`, fixes: [] });
    }
    return findings;
  },
};
