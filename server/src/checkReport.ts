// The `citewright check` report: DESIGN.md's JSON contract and the compiler-style text lines.
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { Analysis } from './service';
import { findingsOf, severityOf } from './service/features/diagnostics';
import { resolvedEntry } from './service/resolve/resolver';
import type { CitewrightSettings } from './service/settings';

export interface ReportEdit { path: string; range: Range; newText: string }
export interface ReportDiagnostic {
  code: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
  range: Range;
  fixes: { title: string; edits: ReportEdit[] }[];
}
export interface FileReport {
  path: string;
  citations: unknown[];
  references: unknown[];
  diagnostics: ReportDiagnostic[];
}

export function fileReport(path: string, analysis: Analysis, settings: CitewrightSettings, pathOf: (uri: string) => string): FileReport {
  const { model } = analysis;
  const resolutions = new Map(analysis.items.map((c) => [c.item, c.resolution]));
  const diagnostics: ReportDiagnostic[] = [];
  for (const finding of findingsOf(analysis)) {
    const severity = severityOf(finding.code, settings);
    if (!severity) continue;
    diagnostics.push({
      code: finding.code,
      severity,
      message: finding.message,
      range: finding.range,
      fixes: finding.fixes.map((fix) => ({
        title: fix.title,
        edits: fix.edits.map((e) => ({ path: pathOf(e.uri), range: e.range, newText: e.newText })),
      })),
    });
  }
  diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return {
    path,
    citations: model.citations.map((c) => ({
      text: c.text,
      range: c.range,
      syntax: c.syntax,
      form: c.form,
      items: c.items.map((item) => {
        const resolution = resolutions.get(item);
        return {
          authors: item.authors,
          year: item.year,
          key: item.key,
          locator: item.locator?.text ?? null,
          range: item.range,
          resolved: resolution ? resolvedEntry(resolution)?.id ?? null : null,
        };
      }),
    })),
    references: model.entries.map((e) => ({
      id: e.id,
      source: e.source,
      range: e.range,
      key: e.key,
      authors: e.authors,
      year: e.year,
      title: e.title,
      pages: e.pages ? `${e.pages.first}-${e.pages.last}` : null,
    })),
    diagnostics,
  };
}

/** `path:line:col: severity code message`, 1-based, like compilers. */
export function textLines(report: FileReport): string[] {
  return report.diagnostics.map(
    (d) => `${report.path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code} ${d.message}`,
  );
}

export type { Diagnostic };
