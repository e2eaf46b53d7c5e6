// Which bibliography files a document names: front matter, _quarto.yml, \bibliography and \addbibresource;
// inline references; embedded thebibliography entries.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  frontMatterBibliographies,
  inlineReferences,
  latexBibliographies,
  quartoBibliographies,
  readBibitems,
} from '../../../server/src/service/syntax/bibliographyLinks';
import { latex, markdown, range } from './scanHelpers';

describe('front matter bibliography', () => {
  test('a plain string, with a comment after it', () => {
    const doc = markdown('---\ntitle: Essay\nbibliography: refs.bib # exported from Zotero\n---\nText.');
    assert.deepEqual(frontMatterBibliographies(doc.text, doc.toRange), [{ path: 'refs.bib', range: range(2, 14, 2, 22) }]);
  });

  test('quoted strings: the range is the path inside the quotes', () => {
    const doc = markdown('---\nbibliography: "my refs.json"\n---\n');
    assert.deepEqual(frontMatterBibliographies(doc.text, doc.toRange), [{ path: 'my refs.json', range: range(1, 15, 1, 27) }]);
    const single = markdown("---\nbibliography: 'it''s.bib'\n---\n");
    assert.deepEqual(frontMatterBibliographies(single.text, single.toRange), [{ path: "it's.bib", range: single.rangeOf("it''s.bib") }]);
  });

  test('a flow list, quoted and unquoted, also over two lines', () => {
    const doc = markdown('---\nbibliography: [a.bib, "b.json", c.yaml,\n   d.ris]\n---\n');
    assert.deepEqual(frontMatterBibliographies(doc.text, doc.toRange), [
      { path: 'a.bib', range: range(1, 15, 1, 20) },
      { path: 'b.json', range: range(1, 23, 1, 29) },
      { path: 'c.yaml', range: range(1, 32, 1, 38) },
      { path: 'd.ris', range: range(2, 3, 2, 8) },
    ]);
  });

  test('a block list, with comments, blank lines and a key after it', () => {
    const doc = markdown('---\nbibliography:\n  - a.bib\n  # old: - x.bib\n\n  - "b.yaml"\nlink-citations: true\n- stray.bib\n---\n');
    assert.deepEqual(frontMatterBibliographies(doc.text, doc.toRange), [
      { path: 'a.bib', range: range(2, 4, 2, 9) },
      { path: 'b.yaml', range: range(5, 5, 5, 11) },
    ]);
  });

  test('a block list without indentation', () => {
    const doc = markdown('---\nbibliography:\n- a.bib\n- b.bib\n...\n');
    assert.deepEqual(frontMatterBibliographies(doc.text, doc.toRange).map((l) => l.path), ['a.bib', 'b.bib']);
  });

  test('CRLF line ends', () => {
    const doc = markdown('---\r\nbibliography:\r\n  - a.bib\r\n---\r\n');
    assert.deepEqual(frontMatterBibliographies(doc.text, doc.toRange), [{ path: 'a.bib', range: range(2, 4, 2, 9) }]);
  });

  test('nothing without front matter, for nested keys, or for bibliography: in the body', () => {
    for (const text of [
      'bibliography: refs.bib\n',
      '---\nformat:\n  html:\n    bibliography: nested.bib\n---\n',
      '---\ntitle: x\n---\nbibliography: body.bib\n',
      '---\nbibliographies: no.bib\n---\n',
    ]) {
      const doc = markdown(text);
      assert.deepEqual(frontMatterBibliographies(doc.text, doc.toRange), [], text);
    }
  });
});

describe('inline references', () => {
  test('the YAML of references: up to the next top-level key, with its offset', () => {
    const yaml = 'references:\n- id: smith04\n  title: A title\n\n- id: jones\n  author:\n    - family: Jones';
    const text = `---\ntitle: x\n${yaml}\nnocite: "@*"\n---\nBody.`;
    assert.deepEqual(inlineReferences(text), { yaml, start: text.indexOf('references:') });
  });

  test('null when there is no front matter or no references key', () => {
    assert.equal(inlineReferences('references:\n- id: a\n'), null);
    assert.equal(inlineReferences('---\ntitle: x\n---\n'), null);
  });
});

describe('_quarto.yml', () => {
  test('the top-level bibliography, with offsets in the YAML text', () => {
    const yaml = 'project:\n  type: book\nbook:\n  title: Thesis\nbibliography: [references.bib, extra.json]\n';
    assert.deepEqual(quartoBibliographies(yaml), [
      { path: 'references.bib', start: yaml.indexOf('references.bib'), end: yaml.indexOf('references.bib') + 14 },
      { path: 'extra.json', start: yaml.indexOf('extra.json'), end: yaml.indexOf('extra.json') + 10 },
    ]);
  });

  test('none when it has none', () => {
    assert.deepEqual(quartoBibliographies('project:\n  type: website\n'), []);
  });
});

describe('LaTeX bibliography commands', () => {
  test('\\bibliography{a,b} adds .bib unless the name ends in it; the range is the name as written', () => {
    const doc = latex('\\bibliography{refs, ../shared/more.bib,\n  extra}');
    assert.deepEqual(latexBibliographies(doc.masked, doc.text, doc.toRange), [
      { path: 'refs.bib', range: range(0, 14, 0, 18) },
      { path: '../shared/more.bib', range: range(0, 20, 0, 38) },
      { path: 'extra.bib', range: range(1, 2, 1, 7) },
    ]);
  });

  test('\\addbibresource keeps the name; remote resources are left out', () => {
    const doc = latex('\\addbibresource{x.bib}\n\\addbibresource[location=remote]{http://example.org/y.bib}\n\\addbibresource[datatype=bibtex]{z.bib}\n\\addglobalbib{g.json}');
    assert.deepEqual(latexBibliographies(doc.masked, doc.text, doc.toRange), [
      { path: 'x.bib', range: doc.rangeOf('x.bib') },
      { path: 'z.bib', range: doc.rangeOf('z.bib') },
      { path: 'g.json', range: doc.rangeOf('g.json') },
    ]);
  });

  test('not in comments, not \\bibliographystyle, not escaped', () => {
    const doc = latex('% \\bibliography{old}\n\\bibliographystyle{plain}\n\\\\bibliography{no} \\bibliography{yes}');
    assert.deepEqual(latexBibliographies(doc.masked, doc.text, doc.toRange).map((l) => l.path), ['yes.bib']);
  });
});

describe('thebibliography', () => {
  const text = [
    '\\begin{thebibliography}{9}',
    '\\bibitem[Lamport(1994)]{lamport94} Leslie Lamport. \\newblock {\\LaTeX}. 1994.',
    '',
    '% \\bibitem{commented}',
    '\\bibitem{ knuth84 }',
    '  D. Knuth. The \\TeX book.',
    '\\end{thebibliography}',
    '\\bibitem{outside}',
  ].join('\n');

  test('each \\bibitem: key, key range, item text and its range, printed label, ids in order', () => {
    const doc = latex(text);
    const items = readBibitems(doc.masked, doc.text, doc.toRange, 3);
    assert.deepEqual(items.map((i) => [i.id, i.key, i.keyRange, i.text, i.range, i.printedLabel, i.label, i.source]), [
      ['R3', 'lamport94', range(1, 24, 1, 33), 'Leslie Lamport. \\newblock {\\LaTeX}. 1994.', range(1, 35, 1, 76), 'Lamport(1994)', 'lamport94', 'document'],
      ['R4', 'knuth84', range(4, 10, 4, 17), 'D. Knuth. The \\TeX book.', range(5, 2, 5, 26), null, 'knuth84', 'document'],
    ]);
    assert.deepEqual([items[0].start, items[0].end], [doc.offsetOf('Leslie'), doc.offsetOf('1994.') + 5]);
    assert.deepEqual([items[1].authors, items[1].year, items[1].title, items[1].kind], [[], null, null, 'other']);
  });

  test('no environment, no items', () => {
    const doc = latex('\\bibitem{a} text');
    assert.deepEqual(readBibitems(doc.masked, doc.text, doc.toRange), []);
  });
});
