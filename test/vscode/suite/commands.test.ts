/**
 * The client's own features in a real VS Code: the code lens over reference-list entries, the commands
 * "Sort Reference List", "Generate Reference List" and "Check All Documents in Workspace". Fixtures live in
 * test/fixtures/vscode-workspace/commands/ (the essay is the shared copy of shared/corpus/khrushchev-essay.md,
 * which this file only reads). Everything waits on events; lines and characters are 0-based.
 * ("Insert Citation" drives a quick pick, which the extension host cannot see: the UI test covers it.)
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { citewrightDiagnostics, diagnosticViews, openDocument, waitForDiagnostics, workspaceUri } from './helpers';

const essay = workspaceUri('essay.md');

/** The command a cited entry's lens runs (the server's SHOW_CITATIONS_COMMAND). */
const SHOW_CITATIONS = 'citewright.showCitations';

/**
 * One lens per entry of the essay's Bibliography, at the entry's start (a '-' item's text starts after `- `),
 * with how often the essay cites it. Misspelt citations (`Breslaur 1980`, `Hoffman 1980`, `Taubman 2000`)
 * count for the entry they were meant for, as the hover does.
 */
const ESSAY_LENSES: ReadonlyArray<readonly [line: number, character: number, title: string]> = [
  [40, 0, 'cited 2 times'], // Breslauer 1980 (both as `Breslaur 1980`)
  [42, 0, 'cited 4 times'], // Chubarov 2001
  [44, 0, 'cited 4 times'], // Chubarov 2011
  [46, 0, 'cited once'], // Cohen 1980
  [48, 0, 'cited 4 times'], // Crankshaw 1966
  [50, 0, 'cited once'], // Frankland 1966 (narrative)
  [52, 0, 'cited 2 times'], // Hoffmann 1980 (both as `Hoffman`)
  [54, 0, 'cited 2 times'], // McAuley 1987
  [56, 2, 'cited 3 times'], // McCauley 1987
  [57, 2, 'cited once'], // Medvedev 1982
  [58, 2, 'cited 2 times'], // Medvedev 1980
  [59, 2, 'cited 6 times'], // Medvedev & Medvedev 1977
  [60, 2, 'not cited'], // Sharlet 1980
  [61, 2, 'cited 4 times'], // Taubman 2003 (two as `Taubman 2000`)
  [62, 2, 'cited once'], // Tompson 1997
  [63, 2, 'cited 2 times'], // Van Goudoever 1986
  [64, 2, 'cited 5 times'], // Westwood 2002
];

/** Resolves with the next change of `uri`'s text (subscribe before running the command that changes it). */
function nextChange(uri: vscode.Uri): Promise<vscode.TextDocumentChangeEvent> {
  return new Promise((resolve) => {
    const subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.uri.toString() !== uri.toString() || event.contentChanges.length === 0) return;
      subscription.dispose();
      resolve(event);
    });
  });
}

/** Opens a fixture in the active editor and waits until the server has checked it (its diagnostics are in). */
async function openChecked(name: string, uri: vscode.Uri, ready: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.TextEditor> {
  const editor = await openDocument(name);
  assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
  await waitForDiagnostics(uri, ready);
  return editor;
}

describe('client commands and code lens', () => {
  it('puts a code lens on every reference-list entry of the essay: "cited N times", "cited once", "not cited"', async () => {
    // Not a preview editor: the essay stays open while the other tests open their documents.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(essay), { preview: false });
    await waitForDiagnostics(essay, (diagnostics) => diagnostics.length > 0);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', essay);
    const views = lenses
      .filter((lens) => lens.command?.command === SHOW_CITATIONS || lens.command?.title === 'not cited')
      .map((lens) => [lens.range.start.line, lens.range.start.character, lens.command?.title ?? ''] as const)
      .sort((a, b) => a[0] - b[0]);
    assert.deepEqual(views, ESSAY_LENSES);
    // No other lens of Citewright's: every lens there is either one of those or another extension's.
    assert.equal(lenses.filter((lens) => /^(?:cited|not cited)/.test(lens.command?.title ?? '')).length, ESSAY_LENSES.length);
    for (const lens of lenses.filter((l) => l.command?.command === SHOW_CITATIONS)) {
      // The lens runs showCitations with the document and the entry's start.
      assert.deepEqual(lens.command?.arguments, [essay.toString(), { line: lens.range.start.line, character: lens.range.start.character }]);
      assert.ok(lens.range.isEmpty);
    }
    // The entry nobody cites has no command to run.
    const notCited = lenses.find((lens) => lens.command?.title === 'not cited');
    assert.equal(notCited?.command?.command, '');
  });

  it('sorts an unsorted reference list with citewright.sortReferenceList', async () => {
    const uri = workspaceUri('commands', 'unsorted.md');
    const editor = await openChecked('commands/unsorted.md', uri, (diagnostics) => diagnostics.length > 0);
    assert.deepEqual(diagnosticViews(citewrightDiagnostics(uri)).map((d) => [d.code, d.range[0]]), [['reference-order', 7]]);
    const changed = nextChange(uri);
    await vscode.commands.executeCommand('citewright.sortReferenceList');
    await changed;
    assert.equal(editor.document.getText(), [
      '# Sorting a reference list',
      '',
      'Reform came slowly (Tompson 1997; Breslauer 1980), as the first biographers saw (Crankshaw 1966).',
      '',
      '## References',
      '',
      "- Breslauer, G. W. (1980) 'Khrushchev Reconsidered' in *The Soviet Union Since Stalin*. London: Macmillan, p.50-70",
      '- Crankshaw, E. (1966) *Khrushchev: A Biography*. London and Glasgow: Collins',
      '- Tompson, W. J. (1997) *Khrushchev: A Political Life*. New York: Palgrave Macmillan',
      '',
    ].join('\n'));
    // The order finding goes once the list is sorted.
    await waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 0);
  });

  it('generates a Harvard reference list of the cited works of a pandoc paper with citewright.generateReferenceList', async () => {
    const uri = workspaceUri('commands', 'generate', 'paper.md');
    // The paper's one finding (a work not yet in library.bib) shows that the server has it and its library.
    const editor = await openChecked('commands/generate/paper.md', uri, (diagnostics) => diagnostics.length > 0);
    assert.deepEqual(diagnosticViews(citewrightDiagnostics(uri)), [{
      code: 'unresolved-citation', severity: 'Error', range: [8, 29, 8, 43], message: "'@khrushchev1970' has no entry in library.bib",
    }]);
    const before = editor.document.getText();
    const changed = nextChange(uri);
    await vscode.commands.executeCommand('citewright.generateReferenceList');
    await changed;
    assert.equal(editor.document.getText(), before + [
      '',
      '## References',
      '',
      'Frankland, M. (1966) *Khrushchev*. Harmondsworth: Penguin.',
      '',
      'Hoffmann, E.P. (1980) “Changing Perspectives on Leadership,” in S.F. Cohen (ed.) *The Soviet Union Since Stalin*. London: Macmillan, pp. 71–92.',
      '',
    ].join('\n'));
    // Only the cited works: chubarov2001 is in library.bib but not cited, khrushchev1970 is cited but not there.
  });

  it('checks documents that are not open with citewright.checkWorkspace, next to the open ones', async () => {
    const draft = workspaceUri('commands', 'unopened', 'draft.md');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === draft.toString()), 'the draft must not be open');
    assert.deepEqual(citewrightDiagnostics(draft), []);
    const found = waitForDiagnostics(draft, (diagnostics) => diagnostics.length > 0);
    await vscode.commands.executeCommand('citewright.checkWorkspace');
    assert.deepEqual(diagnosticViews(await found), [{
      code: 'misspelled-author', severity: 'Error', range: [2, 58, 2, 65],
      message: "'Westwod 2002' has no entry; did you mean Westwood, J. N. (2002)?",
    }]);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === draft.toString()), 'the check opened the draft');
    // An open document keeps its one set of findings (from the server), not a second copy from the check.
    const essayOpen = vscode.workspace.textDocuments.some((d) => d.uri.toString() === essay.toString());
    assert.equal(citewrightDiagnostics(essay).length, 14, `the essay (open: ${essayOpen}) has ${citewrightDiagnostics(essay).length} findings`);
  });
});
