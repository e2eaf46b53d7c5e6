// Quick fixes for the diagnostics under the cursor, and `source.fixAll.citewright`.
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../analysis';
import type { Fix, Finding } from '../rules/rule';
import type { CitewrightSettings } from '../settings';
import { activeFindings, severityOf, toDiagnostic } from './diagnostics';
import { getFixAllEdits } from './fixAll';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.citewright`;

function intersects(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

export function workspaceEdit(fix: Fix): WorkspaceEdit {
  const changes: Record<string, { range: Range; newText: string }[]> = {};
  for (const edit of fix.edits) (changes[edit.uri] ??= []).push({ range: edit.range, newText: edit.newText });
  return { changes };
}

function quickFixes(finding: Finding, diagnostic: Diagnostic): CodeAction[] {
  return finding.fixes.map((fix, i) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: i === 0 && fix.fixAll,
    edit: workspaceEdit(fix),
  }));
}

/** `only`: the kinds the client asked for (LSP `context.only`), or undefined for all. */
export function getCodeActions(
  analysis: Analysis,
  range: Range,
  settings: CitewrightSettings,
  analyseFresh: (document: TextDocument) => Analysis,
  only?: readonly string[],
): CodeAction[] {
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const finding of activeFindings(analysis, settings)) {
      if (!intersects(finding.range, range)) continue;
      actions.push(...quickFixes(finding, toDiagnostic(finding, severityOf(finding, settings)!)));
    }
  }
  // Fix-all re-analyses the document several times: only when asked for by kind (Source Action…, on save),
  // never for the lightbulb's every cursor move, which asks without `only`.
  if (only && wants(FIX_ALL_KIND)) {
    const edits = getFixAllEdits(analysis.document, settings, analyseFresh);
    if (edits.length > 0) {
      actions.push({ title: 'Fix all citation problems', kind: FIX_ALL_KIND, edit: { changes: { [analysis.document.uri]: edits } } });
    }
  }
  return actions;
}
