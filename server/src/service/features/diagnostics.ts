// Runs the rules over an analysis and turns their findings into LSP diagnostics with the configured severities.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { RULES } from '../rules';
import type { BibliographyContext, Finding, RuleCode, Severity } from '../rules/rule';
import type { CitewrightSettings } from '../settings';

const findingsCache = new WeakMap<Analysis, readonly Finding[]>();

const byPosition = (a: Finding, b: Finding) =>
  a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

/** Every rule's findings for this analysis, in document order, computed once. */
export function findingsOf(analysis: Analysis): readonly Finding[] {
  let findings = findingsCache.get(analysis);
  if (!findings) {
    findings = RULES.flatMap((rule) => rule.check(analysis)).sort(byPosition);
    findingsCache.set(analysis, findings);
  }
  return findings;
}

const DEFAULT_SEVERITY = new Map<RuleCode, Severity>(RULES.map((r) => [r.code, r.defaultSeverity]));

/** The severity a finding is shown with, or null when its rule is off. A configured severity wins over the finding's own. */
export function severityOf(finding: Finding, settings: CitewrightSettings): Severity | null {
  const configured = settings.rules[finding.code];
  if (configured === 'off') return null;
  return configured ?? finding.severity ?? DEFAULT_SEVERITY.get(finding.code) ?? 'warning';
}

/** The findings of rules that are on, in the analysed document itself. */
export function activeFindings(analysis: Analysis, settings: CitewrightSettings): Finding[] {
  return findingsOf(analysis).filter((f) => f.uri === undefined && severityOf(f, settings) !== null);
}

/** Findings in a bibliography file, given the analyses of the documents that use it; only those of `codes`' rules when given. */
export function bibliographyFindings(context: BibliographyContext, settings: CitewrightSettings, codes?: ReadonlySet<RuleCode>): Finding[] {
  return RULES.flatMap((rule) => (codes === undefined || codes.has(rule.code) ? rule.checkBibliography?.(context) ?? [] : []))
    .filter((f) => severityOf(f, settings) !== null).sort(byPosition);
}

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding, severity: Severity): Diagnostic {
  return {
    range: finding.range,
    severity: LSP_SEVERITY[severity],
    code: finding.code,
    source: 'citewright',
    message: finding.message,
    data: finding.data ?? {},
  };
}

export function getDiagnostics(analysis: Analysis, settings: CitewrightSettings): Diagnostic[] {
  return activeFindings(analysis, settings).map((f) => toDiagnostic(f, severityOf(f, settings)!));
}
