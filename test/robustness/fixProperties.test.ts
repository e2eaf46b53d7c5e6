// Properties of the fixes: every quick fix applies cleanly (inside the document, no overlapping edits, only this
// document), removes its own diagnostic (no diagnostic of the same code where it was) and leaves the text between
// its edits as it was; "fix all" applied twice gives what it gave once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type Diagnostic } from 'vscode-languageserver-types';
import { createCitationService, DEFAULT_SETTINGS, type CitationService } from '../../server/src/service';
import { essay, latexDocument, pandocDocument } from './generators';
import { applyChecked, checkedEdits, mapOffset, shapeOf, type OffsetEdit } from './ranges';
import { checkProperty, scaled } from './runMode';
import { failOnUnhandledRejections } from './unhandledRejections';

failOnUnhandledRejections();

const RUNS = scaled(200, 5_000);
const TIMEOUT = scaled(120_000, 3_600_000);

function freshService(): CitationService {
  return createCitationService({ config: { get: () => DEFAULT_SETTINGS } });
}

const sameDiagnostic = (a: Diagnostic, b: Diagnostic) =>
  a.code === b.code && a.message === b.message && JSON.stringify(a.range) === JSON.stringify(b.range);

/** Where an old offset range lands after the edits (an offset inside an edit goes to the edit's start or end). */
function mappedSpan(spans: readonly OffsetEdit[], start: number, end: number): [number, number] {
  const newStart = mapOffset(spans, start);
  let newEnd = mapOffset(spans, end);
  const covering = spans.find((s) => s.start < end && end <= s.end);
  if (covering) newEnd = mapOffset(spans, covering.start) + covering.newText.length;
  return [newStart, Math.max(newStart, newEnd)];
}

const documents: Array<[name: string, arbitrary: fc.Arbitrary<string>, languageId: string, uri: string]> = [
  ['author-date essays', essay, 'markdown', 'file:///w/essay.md'],
  ['pandoc documents', pandocDocument, 'markdown', 'file:///w/paper.md'],
  ['LaTeX documents', latexDocument, 'latex', 'file:///w/paper.tex'],
];

describe('fix properties', { timeout: TIMEOUT }, () => {
  for (const [name, arbitrary, languageId, uri] of documents) {
    it(`every quick fix applies cleanly and removes its own diagnostic: ${name}`, (t) => {
      let fixesApplied = 0;
      checkProperty(t, `quick fixes: ${name}`, RUNS, arbitrary, (text) => {
        const document = TextDocument.create(uri, languageId, 1, text);
        const shape = shapeOf(document);
        const service = freshService();
        const before = service.getDiagnostics(document);
        for (const diagnostic of before.slice(0, 15)) {
          const actions = service
            .getCodeActions(document, diagnostic.range, [CodeActionKind.QuickFix])
            .filter((a) => a.diagnostics?.some((d) => sameDiagnostic(d, diagnostic)));
          for (const action of actions.slice(0, 4)) {
            const what = `'${action.title}' for ${String(diagnostic.code)} '${diagnostic.message}'`;
            const changes = action.edit?.changes ?? {};
            assert.deepEqual(Object.keys(changes), [uri], `${what}: edits this document only`);
            const edits = changes[uri];
            assert.ok(edits.length > 0, `${what}: has edits`);
            const after = applyChecked(shape, edits, what);
            assert.notEqual(after, text, `${what}: changes the text`);
            const spans = checkedEdits(shape, edits, what);
            const [start, end] = mappedSpan(spans, document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end));
            // Other findings of the same code that were there before may move into the place (a list entry after a
            // removed one): they are not this diagnostic.
            const moved = new Set(
              before
                .filter((d) => d !== diagnostic && d.code === diagnostic.code)
                .map((d) => `${d.message}@${mapOffset(spans, document.offsetAt(d.range.start))}`),
            );
            const fixed = TextDocument.create(uri, languageId, 2, after);
            const remaining = freshService().getDiagnostics(fixed).filter((d) => {
              if (d.code !== diagnostic.code) return false;
              const s = fixed.offsetAt(d.range.start);
              const e = fixed.offsetAt(d.range.end);
              if (moved.has(`${d.message}@${s}`)) return false;
              return (s < end && start < e) || s === start;
            });
            assert.deepEqual(
              remaining.map((d) => `${String(d.code)} '${d.message}' at ${d.range.start.line}:${d.range.start.character}`),
              [],
              `${what}: the diagnostic is still there after the fix.\n--- before\n${text}\n--- after\n${after}`,
            );
            fixesApplied++;
          }
        }
      });
      t.diagnostic(`quick fixes: ${name}: ${fixesApplied} fixes applied and re-checked`);
    });

    it(`fix-all twice equals fix-all once: ${name}`, (t) => {
      let changed = 0;
      checkProperty(t, `fix-all idempotent: ${name}`, RUNS, arbitrary, (text) => {
        const document = TextDocument.create(uri, languageId, 1, text);
        const once = applyChecked(shapeOf(document), freshService().getFixAllEdits(document), 'fix-all');
        if (once !== text) changed++;
        const second = TextDocument.create(uri, languageId, 2, once);
        const twice = applyChecked(shapeOf(second), freshService().getFixAllEdits(second), 'fix-all (second time)');
        assert.equal(twice, once, `fix-all is not idempotent.\n--- original\n${text}\n--- once\n${once}\n--- twice\n${twice}`);
      });
      t.diagnostic(`fix-all idempotent: ${name}: ${changed} documents changed by fix-all`);
    });
  }
});
