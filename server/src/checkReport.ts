// The `citewright check` report: DESIGN.md's JSON contract and the compiler-style text lines.
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { Analysis, Finding } from './service';
import { findingsOf, severityOf } from './service/features/diagnostics';
import type { ReferenceEntry } from './service/model';
import { intendedEntries, resolvedEntry } from './service/resolve/resolver';
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

function reportDiagnostics(findings: readonly Finding[], settings: CitewrightSettings, pathOf: (uri: string) => string): ReportDiagnostic[] {
  const diagnostics: ReportDiagnostic[] = [];
  for (const finding of findings) {
    const severity = severityOf(finding, settings);
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
  return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function referenceReport(e: ReferenceEntry) {
  return {
    id: e.id,
    source: e.source,
    range: e.range,
    key: e.key,
    authors: e.authors,
    year: e.year,
    title: e.title,
    pages: e.pages ? `${e.pages.first}-${e.pages.last}` : null,
  };
}

/**
 * A document's report. Its references are the entries written in it and the bibliography-file entries it
 * cites (a whole library is not listed).
 */
export function fileReport(path: string, analysis: Analysis, settings: CitewrightSettings, pathOf: (uri: string) => string): FileReport {
  const { model } = analysis;
  const resolutions = new Map(analysis.items.map((c) => [c.item, c.resolution]));
  const cited = new Set(analysis.items.flatMap((c) => intendedEntries(c.resolution)));
  const fromFiles = analysis.bibliographies.flatMap((b) => b.library?.entries.filter((e) => cited.has(e)) ?? []);
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
    references: [...model.entries, ...model.keyedEntries, ...fromFiles].map(referenceReport),
    diagnostics: reportDiagnostics(findingsOf(analysis).filter((f) => f.uri === undefined), settings, pathOf),
  };
}

/** A bibliography file's report: its findings only. */
export function bibliographyReport(path: string, findings: readonly Finding[], settings: CitewrightSettings, pathOf: (uri: string) => string): FileReport {
  return { path, citations: [], references: [], diagnostics: reportDiagnostics(findings, settings, pathOf) };
}

/** `path:line:col: severity code message`, 1-based, like compilers. */
export function textLines(report: FileReport): string[] {
  return report.diagnostics.map(
    (d) => `${report.path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code} ${d.message}`,
  );
}

export type { Diagnostic };
