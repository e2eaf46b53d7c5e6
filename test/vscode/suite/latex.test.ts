/**
 * A LaTeX paper (test/fixtures/vscode-workspace/latex/paper.tex) citing with `\parencite`, `\textcite` and
 * `\cite` against the `sources.bib` of `\addbibresource`. Lines and characters are 0-based.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  citewrightDiagnostics, CompletionView, completionViews, diagnosticViews, hoverTexts, locationViews, openDocument,
  toRange, waitForDiagnostics, workspaceEditView, workspaceUri,
} from './helpers';

const paper = workspaceUri('latex', 'paper.tex');

describe('LaTeX paper (\\cite against \\addbibresource)', () => {
  before(async () => {
    const editor = await openDocument('latex/paper.tex');
    assert.equal(editor.document.languageId, 'latex');
    await waitForDiagnostics(paper, (diagnostics) => diagnostics.length > 0);
  });

  it('reports the one key that is not in sources.bib (and not the commented-out \\cite)', () => {
    assert.deepEqual(diagnosticViews(citewrightDiagnostics(paper)), [{
      code: 'unresolved-citation', severity: 'Error', range: [8, 41, 8, 53],
      message: "'medvedev1978' has no entry in sources.bib; did you mean medvedev1977?",
    }]);
  });

  it('offers the key that differs only in its year as a quick fix', async () => {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', paper, toRange([8, 41, 8, 53]), vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(actions.map((a) => [a.title, a.edit && workspaceEditView(a.edit)]), [
      ['Change to medvedev1977', [{ path: 'latex/paper.tex', range: [8, 41, 8, 53], newText: 'medvedev1977' }]],
    ]);
  });

  it('completes keys after `\\cite{` and after a comma', async () => {
    const both = (character: number): CompletionView[] => [
      { label: 'crankshaw1966', kind: 'Reference', detail: 'Crankshaw (1966) Khrushchev: A Biography', insertText: 'crankshaw1966', range: [8, character, 8, character] },
      { label: 'medvedev1977', kind: 'Reference', detail: 'Medvedev & Medvedev (1977) Khrushchev: The Years in Power', insertText: 'medvedev1977', range: [8, character, 8, character] },
    ];
    // `\cite{|crankshaw1966,|medvedev1978}`
    assert.deepEqual(await completionViews(paper, new vscode.Position(8, 27)), both(27));
    assert.deepEqual(await completionViews(paper, new vscode.Position(8, 41)), both(41));
  });

  it('shows the formatted entry on hover', async () => {
    assert.deepEqual(await hoverTexts(paper, new vscode.Position(6, 66)), [[
      'Crankshaw, E. (1966) *Khrushchev: A Biography*. London: Collins.\n\n'
      + '*sources.bib, line 1*\n\n---\n\nCited 2 times (lines 7, 9)',
    ]]);
  });

  it('goes to the entry in sources.bib', async () => {
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider', paper, new vscode.Position(7, 75));
    assert.deepEqual(locationViews(locations), [{ path: 'latex/sources.bib', range: [8, 0, 14, 1] }]);
  });

  it('finds every citation of a key, and the key in sources.bib', async () => {
    const locations = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider', paper, new vscode.Position(6, 66));
    assert.deepEqual(locationViews(locations), [
      { path: 'latex/paper.tex', range: [6, 64, 6, 77] },
      { path: 'latex/paper.tex', range: [8, 27, 8, 40] },
      { path: 'latex/sources.bib', range: [0, 6, 0, 19] },
    ]);
  });
});
