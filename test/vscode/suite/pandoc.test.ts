/**
 * A pandoc paper (test/fixtures/vscode-workspace/pandoc/paper.md) citing `[@key]` and `@key` against the
 * `sources.bib` named in its YAML front matter. Lines and characters are 0-based.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  citewrightDiagnostics, completionViews, diagnosticViews, hoverTexts, locationViews, openDocument, toRange,
  waitForDiagnostics, workspaceEditView, workspaceUri,
} from './helpers';

const paper = workspaceUri('pandoc', 'paper.md');

describe('pandoc paper ([@key] against a .bib named in the front matter)', () => {
  before(async () => {
    await openDocument('pandoc/paper.md');
    await waitForDiagnostics(paper, (diagnostics) => diagnostics.length > 0);
  });

  it('reports the one key that is not in sources.bib, and nothing else', () => {
    assert.deepEqual(diagnosticViews(citewrightDiagnostics(paper)), [{
      code: 'unresolved-citation', severity: 'Error', range: [9, 71, 9, 83],
      message: "'@taubmann2003' has no entry in sources.bib; did you mean @taubman2003?",
    }]);
  });

  it('offers the key a small edit away as a quick fix', async () => {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', paper, toRange([9, 71, 9, 83]), vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(actions.map((a) => [a.title, a.edit && workspaceEditView(a.edit)]), [
      ['Change to @taubman2003', [{ path: 'pandoc/paper.md', range: [9, 71, 9, 83], newText: 'taubman2003' }]],
    ]);
  });

  it('completes keys after `[@`, matched on what was typed', async () => {
    // `[see @breslauer1980, pp. 51-52; @tomp|son1997]`
    assert.deepEqual(await completionViews(paper, new vscode.Position(8, 65)), [{
      label: 'tompson1997', kind: 'Reference', detail: 'Tompson (1997) Khrushchev: A Political Life',
      insertText: 'tompson1997', range: [8, 61, 8, 65],
    }]);
  });

  it('shows the formatted entry on hover', async () => {
    // The misspelt `@taubmann2003` of line 10 counts as a citation of the entry it was meant for.
    assert.deepEqual(await hoverTexts(paper, new vscode.Position(7, 53)), [[
      'Taubman, W. (2003) *Khrushchev: The Man and His Era*. New York: W. W. Norton.\n\n'
      + '*sources.bib, line 1*\n\n---\n\nCited 2 times (lines 8, 10)',
    ]]);
  });

  it('goes to the entry in sources.bib', async () => {
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider', paper, new vscode.Position(7, 53));
    assert.deepEqual(locationViews(locations), [{ path: 'pandoc/sources.bib', range: [0, 0, 6, 1] }]);
  });

  it('finds the citations of a key, and the entry', async () => {
    const locations = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider', paper, new vscode.Position(9, 3));
    assert.deepEqual(locationViews(locations), [
      { path: 'pandoc/paper.md', range: [8, 61, 8, 72] },
      { path: 'pandoc/paper.md', range: [9, 1, 9, 12] },
      { path: 'pandoc/sources.bib', range: [19, 6, 19, 17] },
    ]);
  });

  it('renames a key in the paper and in sources.bib', async () => {
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider', paper, new vscode.Position(9, 3), 'tompson1997political');
    assert.deepEqual(workspaceEditView(edit), [
      { path: 'pandoc/paper.md', range: [8, 61, 8, 72], newText: 'tompson1997political' },
      { path: 'pandoc/paper.md', range: [9, 1, 9, 12], newText: 'tompson1997political' },
      { path: 'pandoc/sources.bib', range: [19, 6, 19, 17], newText: 'tompson1997political' },
    ]);
  });
});
