// Completion, hover, definition, references, rename and symbols on small documents.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-types';
import { applyWorkspaceEdit, doc, service, withCursor } from './helpers';

const HARVARD_REFS = `## References

- Adams, P. (2015) *Green Cities*. London: Verso
- Jones, R. and Lee, K. (2010) 'Gardens' in *Urban Nature*. ed. by Holt, T. Leeds: LUP, p.20-40
- Smith, J., Brown, T. and Green, A. (2019) Roots. *Soil*, 4(2), 10-30.
`;

function completionSummary(items: CompletionItem[]): string[] {
  return items.map((i) => `${i.label} => ${i.textEdit && 'newText' in i.textEdit ? i.textEdit.newText : ''}`);
}

describe('completion', () => {
  test('after ( it offers every entry, in the document\'s style: `Name Year: p.`', () => {
    const { document, position } = withCursor(`Cities grow (Tompson 1997: p.4). Parks (|\n\n${HARVARD_REFS}`);
    const list = service().getCompletions(document, position)!;
    assert.deepEqual(completionSummary(list.items), [
      'Adams 2015 => Adams 2015: p.${1})$0',
      'Jones and Lee 2010 => Jones and Lee 2010: p.${1})$0',
      'Smith et al. 2019 => Smith et al. 2019: p.${1})$0',
    ]);
    assert.deepEqual(list.items[1].textEdit && 'range' in list.items[1].textEdit ? list.items[1].textEdit.range : null, { start: position, end: position });
  });

  test('APA style `Name, Year, p. ` and `&`, typed text filters, a closing bracket is not doubled', () => {
    const { document, position } = withCursor(`Sleep (Ames & Bell, 2001, p. 3). Again (Jo|)\n\n${HARVARD_REFS}`);
    const list = service().getCompletions(document, position)!;
    assert.deepEqual(completionSummary(list.items), ['Jones & Lee 2010 => Jones & Lee, 2010, p. ${1}$0']);
    assert.deepEqual(list.items[0].textEdit && 'range' in list.items[0].textEdit ? list.items[0].textEdit.range : null, {
      start: { line: 0, character: position.character - 2 }, end: position,
    });
  });

  test('matches title words and years too', () => {
    const { document, position } = withCursor(`Text (roots|\n\n${HARVARD_REFS}`);
    assert.deepEqual(service().getCompletions(document, position)!.items.map((i) => i.label), ['Smith et al. 2019']);
    const byYear = withCursor(`Text (2010|\n\n${HARVARD_REFS}`);
    assert.deepEqual(service().getCompletions(byYear.document, byYear.position)!.items.map((i) => i.label), ['Jones and Lee 2010']);
  });

  test('after a narrative name it offers that author\'s works and inserts the year', () => {
    const { document, position } = withCursor(`As Adams (|\n\n${HARVARD_REFS}`);
    assert.deepEqual(completionSummary(service().getCompletions(document, position)!.items), ['Adams 2015 => 2015: p.${1})$0']);
  });

  test('after several narrative authors the first one chooses the works; the typed year comes first', () => {
    const refs = `## References

- Adams, P. and Baker, S. (2015) *Green Cities*. London: Verso
- Adams, P. (2019) *Grey Cities*. London: Verso
- Adamz, Q. (2019) *Blue Cities*. London: Verso
- Baker, S. (2011) *Roofs*. Leeds: LUP
`;
    const pair = withCursor(`As Adams and Baker (2015|\n\n${refs}`);
    assert.deepEqual(service().getCompletions(pair.document, pair.position)!.items.map((i) => i.label), ['Adams and Baker 2015', 'Adams 2019', 'Adamz 2019']);
    const near = withCursor(`As Adams (2019|\n\n${refs}`);
    assert.deepEqual(service().getCompletions(near.document, near.position)!.items.map((i) => i.label), ['Adams 2019', 'Adams and Baker 2015', 'Adamz 2019']);
    const etAl = withCursor(`As Baker et al. (|\n\n${refs}`);
    assert.deepEqual(service().getCompletions(etAl.document, etAl.position)!.items.map((i) => i.label), ['Baker 2011']);
  });

  test('after ; in a citation, and nothing outside brackets or in code', () => {
    const after = withCursor(`Text (Adams 2015; |)\n\n${HARVARD_REFS}`);
    assert.equal(service().getCompletions(after.document, after.position)!.items.length, 3);
    for (const marked of [`Text | here\n\n${HARVARD_REFS}`, `Text (Adams 2015) |\n\n${HARVARD_REFS}`, `Code \`(|\`\n\n${HARVARD_REFS}`]) {
      const { document, position } = withCursor(marked);
      assert.equal(service().getCompletions(document, position), null, marked);
    }
  });
});

describe('hover', () => {
  test('on a citation: the entry, how often it is cited, and a page warning', () => {
    const { document, position } = withCursor(`See (Jo|nes and Lee 2010: p.45) and Jones and Lee (2010).\n\n${HARVARD_REFS}`);
    const hover = service().getHover(document, position)!;
    assert.equal((hover.contents as MarkupContent).value, [
      "Jones, R. and Lee, K. (2010) 'Gardens' in *Urban Nature*. ed. by Holt, T. Leeds: LUP, p.20-40",
      'Cited 2 times (line 1)',
      '⚠ p.45 is outside the pages of Jones, R. and Lee, K. (2010) (p.20-40)',
    ].join('\n\n---\n\n'));
  });

  test('on an unresolved citation: the problem', () => {
    const { document, position } = withCursor(`See (Ada|ms 2016).\n\n${HARVARD_REFS}`);
    assert.equal((service().getHover(document, position)!.contents as MarkupContent).value, "⚠ 'Adams 2016' has no entry for 2016; did you mean Adams, P. (2015)?");
  });

  test('on a list entry: the lines that cite it', () => {
    const { document, position } = withCursor(`(Adams 2015)\n\nAgain (Adams 2015).\n\n${HARVARD_REFS.replace('- Adams', '- Ad|ams')}`);
    assert.equal((service().getHover(document, position)!.contents as MarkupContent).value, 'Cited 2 times (lines 1, 3)');
    const uncited = withCursor(`(Adams 2015)\n\n${HARVARD_REFS.replace('- Smith', '- Smi|th')}`);
    assert.equal((service().getHover(uncited.document, uncited.position)!.contents as MarkupContent).value, 'Not cited in this document');
  });

  test('escapes HTML and links in entry text', () => {
    const { document, position } = withCursor('(Ev|il 2020)\n\n## References\n\nEvil, E. (2020) <img src=x> [click](command:workbench.action.quit).\n');
    assert.equal((service().getHover(document, position)!.contents as MarkupContent).value.split('\n')[0], 'Evil, E. (2020) &lt;img src=x&gt; \\[click\\](command:workbench.action.quit).');
  });
});

describe('navigation and rename', () => {
  const text = `(Adams 2015) and Adams (2015: p.3); (Adamss 2015).\n\n${HARVARD_REFS}`;
  const document = doc(text);

  test('definition goes from a citation to its entry, also from a misspelt one', () => {
    for (const at of [{ line: 0, character: 2 }, { line: 0, character: 40 }]) {
      const [location] = service().getDefinition(document, at);
      assert.equal(document.getText(location.range), '- Adams, P. (2015) *Green Cities*. London: Verso'.slice(2));
    }
  });

  test('references of an entry: every citation of it, and the entry with includeDeclaration', () => {
    const refs = service().getReferences(document, { line: 4, character: 4 }, true);
    assert.deepEqual(refs.map((r) => document.getText(r.range)), ['Adams, P. (2015) *Green Cities*. London: Verso', 'Adams 2015', 'Adams (2015: p.3', 'Adamss 2015']);
  });

  test('rename of a surname changes the entry and every citation that names it', () => {
    const svc = service();
    assert.deepEqual(svc.prepareRename(document, { line: 0, character: 3 }), { range: { start: { line: 0, character: 1 }, end: { line: 0, character: 6 } }, placeholder: 'Adams' });
    const edit = svc.getRenameEdits(document, { line: 0, character: 3 }, 'Addams')!;
    assert.equal(applyWorkspaceEdit(document, edit).split('\n').slice(0, 5).join('\n'), '(Addams 2015) and Addams (2015: p.3); (Adamss 2015).\n\n## References\n\n- Addams, P. (2015) *Green Cities*. London: Verso');
    assert.equal(svc.prepareRename(document, { line: 0, character: 12 }), null);
  });

  test('document symbols: the list and its entries', () => {
    const [list] = service().getDocumentSymbols(document);
    assert.equal(list.name, 'References');
    assert.deepEqual(list.children!.map((c) => [c.name, c.detail]), [
      ['Adams, P. (2015)', 'Green Cities'],
      ['Jones, R. and Lee, K. (2010)', 'Gardens'],
      ['Smith, J., Brown, T. and Green, A. (2019)', 'Roots'],
    ]);
  });
});

describe('size limit', () => {
  test('a document over citewright.maxFileSize is not checked and says so', () => {
    const text = `(Nobody 2001) ${'x'.repeat(1.2 * 1024 * 1024)}`;
    const diagnostics = service({ maxFileSize: 1 }).getDiagnostics(doc(text));
    assert.deepEqual(diagnostics.map((d) => [d.severity, d.message]), [[3, 'This document has 1.2 MB of text, more than citewright.maxFileSize (1 MB): Citewright does not check it']]);
    assert.equal(service({ maxFileSize: 1 }).getHover(doc(text), { line: 0, character: 2 }), null);
  });
});

describe('cancellation', () => {
  test('a cancelled request throws before doing work', () => {
    assert.throws(() => service().getDiagnostics(doc('(Adams 2015)'), { isCancellationRequested: true }), /Request cancelled/);
  });
});
