/**
 * The Khrushchev essay (test/fixtures/vscode-workspace/essay.md, a copy of shared/corpus/khrushchev-essay.md)
 * in a real VS Code: every feature through the `vscode.execute…` commands, with exact expected values.
 * Lines and characters are 0-based (VS Code's Position); issue 2 counts lines from 1.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  applyEdit, citewrightDiagnostics, completionViews, copyOfFixture, diagnosticViews, DiagnosticView, hoverTexts,
  locationViews, markdownText, openDocument, rangeTuple, RangeTuple, toRange, waitForDiagnostics, workspaceEditView,
  workspaceUri,
} from './helpers';

/** The 14 findings of issue 2's "Done when", with the server's messages. */
const ESSAY_DIAGNOSTICS: DiagnosticView[] = [
  { code: 'misspelled-author', severity: 'Error', range: [12, 733, 12, 741], message: "'Breslaur 1980' has no entry; did you mean Breslauer, G. W. (1980)?" },
  { code: 'misspelled-author', severity: 'Error', range: [16, 106, 16, 114], message: "'Breslaur 1980' has no entry; did you mean Breslauer, G. W. (1980)?" },
  { code: 'page-out-of-range', severity: 'Warning', range: [20, 735, 20, 741], message: 'p.41-2 is outside the pages of Medvedev, R. A. (1980) (p.12-32)' },
  { code: 'year-mismatch', severity: 'Error', range: [20, 1042, 20, 1046], message: "'Taubman 2000' has no entry for 2000; did you mean Taubman, W. (2003)?" },
  { code: 'year-mismatch', severity: 'Error', range: [24, 727, 24, 731], message: "'Taubman 2000' has no entry for 2000; did you mean Taubman, W. (2003)?" },
  { code: 'adjacent-citations', severity: 'Information', range: [24, 1008, 24, 1046], message: '(Chubarov 2011) and (Westwood 2002: p.416) stand side by side; merge them into (Chubarov 2011; Westwood 2002: p.416)' },
  { code: 'misspelled-author', severity: 'Error', range: [26, 134, 26, 141], message: "'Hoffman 1980' has no entry; did you mean Hoffmann, E. P. (1980)?" },
  { code: 'misspelled-author', severity: 'Error', range: [26, 453, 26, 460], message: "'Hoffman 1980' has no entry; did you mean Hoffmann, E. P. (1980)?" },
  { code: 'page-out-of-range', severity: 'Warning', range: [28, 247, 28, 251], message: 'p.14 is outside the pages of McCauley, M. (1987) (p.1-9)' },
  { code: 'page-out-of-range', severity: 'Warning', range: [34, 560, 34, 566], message: 'p.44-5 is outside the pages of Medvedev, R. A. (1980) (p.12-32)' },
  { code: 'reference-format', severity: 'Information', range: [40, 0, 40, 179], message: "The Bibliography list mixes entry shapes (8 paragraphs, 9 '-' items); expected '-' items throughout" },
  { code: 'reference-order', severity: 'Information', range: [58, 2, 58, 176], message: 'Medvedev, R. A. (1980) should come before Medvedev, R. A. (1982): the list is ordered by author, then year' },
  { code: 'inconsistent-page-ranges', severity: 'Warning', range: [58, 171, 58, 176], message: 'Pages 12-32 of Medvedev, R. A. (1980) overlap pages 11-31 of Cohen, S. F. (1980), another chapter of The Soviet Union Since Stalin' },
  { code: 'unused-reference', severity: 'Warning', range: [60, 2, 60, 199], message: 'Sharlet, R. (1980) is never cited' },
];

/** Entry ranges of the reference list. */
const BRESLAUER_ENTRY: RangeTuple = [40, 0, 40, 179];
const CRANKSHAW_ENTRY: RangeTuple = [48, 0, 48, 75];
const TOMPSON_ENTRY: RangeTuple = [62, 2, 62, 84];
/** `Tompson 1997: p.142` in `(Tompson 1997: p.142)`. */
const TOMPSON_CITATION: RangeTuple = [4, 283, 4, 302];
/** The four citations of Crankshaw (1966). */
const CRANKSHAW_CITATIONS: RangeTuple[] = [[6, 1163, 6, 1186], [32, 123, 32, 147], [32, 417, 32, 440], [32, 792, 32, 815]];
/** The surname inside each of them. */
const CRANKSHAW_NAMES: RangeTuple[] = [[6, 1163, 6, 1172], [32, 123, 32, 132], [32, 417, 32, 426], [32, 792, 32, 801]];

const essay = workspaceUri('essay.md');

function inside([line, character]: RangeTuple, offset = 1): vscode.Position {
  return new vscode.Position(line, character + offset);
}

describe('Khrushchev essay (author-date, reference list in the document)', () => {
  before(async () => {
    await openDocument('essay.md');
    await waitForDiagnostics(essay, (diagnostics) => diagnostics.length > 0);
  });

  it('reports exactly the 14 findings of issue 2, with codes, severities, ranges and messages', () => {
    assert.deepEqual(diagnosticViews(citewrightDiagnostics(essay)), ESSAY_DIAGNOSTICS);
  });

  it('completes a citation after `(Tomp`, in the document\'s own style (`Name Year: p.`)', async () => {
    // `(Tomp|son 1997: p.142)`: the item replaces what was typed and inserts the page as a placeholder.
    assert.deepEqual(await completionViews(essay, inside(TOMPSON_CITATION, 4)), [{
      label: 'Tompson 1997',
      kind: 'Reference',
      detail: 'Khrushchev: A Political Life',
      insertText: 'Tompson 1997: p.${1}$0',
      range: [4, 283, 4, 287],
    }]);
  });

  it('offers every entry of the list after a bare `(`', async () => {
    const editor = await openDocument('essay.md');
    const line = editor.document.lineAt(4).text;
    const open = line.indexOf('(Tompson');
    const labels = (await completionViews(essay, new vscode.Position(4, open + 1), '(')).map((item) => item.label).sort();
    assert.deepEqual(labels, [
      'Breslauer 1980', 'Chubarov 2001', 'Chubarov 2011', 'Cohen 1980', 'Crankshaw 1966', 'Frankland 1966',
      'Hoffmann 1980', 'McAuley 1987', 'McCauley 1987', 'Medvedev & Medvedev 1977', 'Medvedev 1980',
      'Medvedev 1982', 'Sharlet 1980', 'Taubman 2003', 'Tompson 1997', 'Van Goudoever 1986', 'Westwood 2002',
    ]);
  });

  it('shows the entry as written, and how often it is cited, on hover', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', essay, inside(TOMPSON_CITATION, 3));
    assert.equal(hovers.length, 1);
    const [hover] = hovers;
    assert.deepEqual(hover.contents.map(markdownText), [
      'Tompson, W. J. (1997) *Khrushchev: A Political Life*. New York: Palgrave Macmillan\n\n---\n\nCited once (line 5)',
    ]);
    assert.deepEqual(hover.range && rangeTuple(hover.range), TOMPSON_CITATION);
  });

  it('shows where an entry is cited on hover over the entry', async () => {
    assert.deepEqual(await hoverTexts(essay, inside(CRANKSHAW_ENTRY, 5)), [['Cited 4 times (lines 7, 33)']]);
  });

  it('goes to the entry from a citation, and to the intended entry from a misspelt one', async () => {
    const fromTompson = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider', essay, inside(TOMPSON_CITATION, 2));
    assert.deepEqual(locationViews(fromTompson), [{ path: 'essay.md', range: TOMPSON_ENTRY }]);
    const fromBreslaur = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider', essay, new vscode.Position(12, 735));
    assert.deepEqual(locationViews(fromBreslaur), [{ path: 'essay.md', range: BRESLAUER_ENTRY }]);
  });

  it('finds every citation of an entry', async () => {
    const locations = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider', essay, inside(CRANKSHAW_ENTRY, 3));
    assert.deepEqual(locationViews(locations), [CRANKSHAW_ENTRY, ...CRANKSHAW_CITATIONS]
      .map((range) => ({ path: 'essay.md', range })).sort(byRange));
  });

  it('renames a surname in the entry and in every citation', async () => {
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider', essay, inside(CRANKSHAW_NAMES[1], 2), 'Cranckshaw');
    assert.deepEqual(workspaceEditView(edit), [[48, 0, 48, 9] as RangeTuple, ...CRANKSHAW_NAMES]
      .map((range) => ({ path: 'essay.md', range, newText: 'Cranckshaw' })).sort(byRange));
  });

  it('lists the reference list and its 17 entries as document symbols', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', essay);
    // VS Code's Markdown extension adds its headings (as strings); Citewright's lists are namespaces.
    const lists = symbols.filter((s) => s.kind === vscode.SymbolKind.Namespace);
    assert.deepEqual(lists.map((s) => [s.name, s.children.length]), [['Bibliography', 17]]);
    assert.deepEqual(lists[0].children.map((entry) => entry.name).slice(13, 15), ['Taubman, W. (2003)', 'Tompson, W. J. (1997)']);
    assert.deepEqual(rangeTuple(lists[0].children[14].range), TOMPSON_ENTRY);
  });

  it('offers the quick fix of a misspelt author, which makes exactly that diagnostic go away', async () => {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', essay, toRange(ESSAY_DIAGNOSTICS[0].range), vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(actions.map((a) => [a.title, a.kind?.value, a.edit && workspaceEditView(a.edit)]), [
      ["Replace 'Breslaur' with 'Breslauer'", 'quickfix', [{ path: 'essay.md', range: [12, 733, 12, 741], newText: 'Breslauer' }]],
    ]);

    // Applied to a copy of the essay, the edit removes that finding and no other.
    const copy = await copyOfFixture('essay.md', 'essay-quick-fix.md');
    const document = await vscode.workspace.openTextDocument(copy);
    await vscode.window.showTextDocument(document);
    await waitForDiagnostics(copy, (diagnostics) => diagnostics.length === ESSAY_DIAGNOSTICS.length);
    const fix = new vscode.WorkspaceEdit();
    fix.replace(copy, toRange(ESSAY_DIAGNOSTICS[0].range), 'Breslauer');
    await applyEdit(fix);
    const after = await waitForDiagnostics(copy, (diagnostics) => diagnostics.length !== ESSAY_DIAGNOSTICS.length);
    assert.deepEqual(diagnosticViews(after), ESSAY_DIAGNOSTICS.slice(1));
    assert.equal(document.getText(new vscode.Range(12, 732, 12, 756)), '(Breslauer 1980: p.51-2)');
  });

  it('fixes every unambiguous problem with source.fixAll.citewright, idempotently', async () => {
    const copy = await copyOfFixture('essay.md', 'essay-fix-all.md');
    const document = await vscode.workspace.openTextDocument(copy);
    await vscode.window.showTextDocument(document);
    await waitForDiagnostics(copy, (diagnostics) => diagnostics.length === ESSAY_DIAGNOSTICS.length);
    const fixAll = async (): Promise<vscode.CodeAction[]> => vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', copy, new vscode.Range(0, 0, 0, 0), 'source.fixAll.citewright');
    const [action, ...others] = await fixAll();
    assert.equal(others.length, 0);
    assert.equal(action.title, 'Fix all citation problems');
    assert.ok(action.edit);
    await applyEdit(action.edit);
    const text = document.getText();
    assert.equal(count(text, '(Breslauer 1980'), 2);
    assert.equal(count(text, 'Hoffmann (1980'), 1);
    assert.equal(count(text, '(Hoffmann 1980'), 1);
    assert.equal(count(text, 'Taubman 2000'), 0);
    assert.equal(count(text, '(Taubman 2003: p.514-15)'), 1);
    const after = await waitForDiagnostics(copy, (diagnostics) =>
      !diagnostics.some((d) => d.code === 'misspelled-author' || d.code === 'year-mismatch'));
    assert.deepEqual(after.map((d) => d.code).filter((code) => code === 'misspelled-author' || code === 'year-mismatch'), []);
    // Nothing unambiguous is left to fix.
    assert.deepEqual(await fixAll(), []);
  });
});

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

function byRange(a: { range: RangeTuple }, b: { range: RangeTuple }): number {
  return a.range[0] - b.range[0] || a.range[1] - b.range[1];
}
