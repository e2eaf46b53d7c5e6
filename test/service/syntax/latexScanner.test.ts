// The LaTeX scanner: natbib and biblatex commands, notes, several keys, multicites, \nocite; nothing in comments or verbatim.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Citation } from '../../../server/src/service/model';
import { scanLatex } from '../../../server/src/service/syntax/latexScanner';
import { latex, range, type Source } from './scanHelpers';

function scan(doc: Source): Citation[] {
  return scanLatex(doc.masked, doc.text, doc.toRange);
}

/** `form:key,key` per citation. */
function summary(doc: Source): string[] {
  return scan(doc).map((c) => `${c.form}:${c.items.map((i) => i.key).join(',')}`);
}

describe('LaTeX citation commands', () => {
  test('\\cite{key} is one parenthetical citation with every field set', () => {
    const doc = latex('As shown \\cite{smith04}.');
    assert.deepEqual(scan(doc), [{
      syntax: 'latex',
      form: 'parenthetical',
      text: '{smith04}',
      range: range(0, 14, 0, 23),
      outerRange: range(0, 9, 0, 23),
      outerStart: 9,
      outerEnd: 23,
      items: [{
        authors: [],
        authorRanges: [],
        etAl: false,
        year: null,
        yearRange: null,
        key: 'smith04',
        keyRange: range(0, 15, 0, 22),
        prefix: null,
        locator: null,
        suffix: null,
        suppressAuthor: false,
        range: range(0, 15, 0, 22),
      }],
      listIndex: -1,
      nocite: false,
    }]);
  });

  test('every command, with its form', () => {
    const commands = [
      'cite', 'citep', 'citet', 'citealp', 'citealt', 'citeauthor', 'citeyear', 'parencite', 'Parencite', 'textcite',
      'Textcite', 'autocite', 'Autocite', 'footcite', 'smartcite', 'supercite', 'nocite',
    ];
    const doc = latex(commands.map((name, i) => `\\${name}{k${i}}`).join(' '));
    const narrative = new Set(['citet', 'citeauthor', 'textcite', 'Textcite']);
    assert.deepEqual(summary(doc), commands.map((name, i) => `${narrative.has(name) ? 'narrative' : 'parenthetical'}:k${i}`));
  });

  test('starred forms', () => {
    const doc = latex('\\citet*{a} \\cite*{b} \\citeauthor*{c} \\parencite*[p. 2]{d}');
    assert.deepEqual(summary(doc), ['narrative:a', 'parenthetical:b', 'narrative:c', 'parenthetical:d']);
    assert.deepEqual(scan(doc)[0].outerRange, doc.rangeOf('\\citet*{a}'));
    assert.equal(scan(doc)[3].items[0].locator?.text, 'p. 2');
  });

  test('one optional argument is the postnote: \\citep[p.~33]{k}', () => {
    const doc = latex('\\citep[p.~33]{k}');
    const [citation] = scan(doc);
    assert.equal(citation.text, '[p.~33]{k}');
    assert.deepEqual(citation.range, doc.rangeOf('[p.~33]{k}'));
    assert.deepEqual(citation.items[0].locator, {
      text: 'p.~33', range: doc.rangeOf('p.~33'), kind: 'page', first: 33, last: 33, problem: null,
    });
    assert.equal(citation.items[0].prefix, null);
  });

  test('two optional arguments are the prenote and the postnote: \\cite[see][ch. 2]{k}', () => {
    const doc = latex('\\cite[see][ch. 2]{k}');
    const [item] = scan(doc)[0].items;
    assert.equal(item.prefix, 'see');
    assert.deepEqual(item.locator, { text: 'ch. 2', range: doc.rangeOf('ch. 2'), kind: 'chapter', first: 2, last: 2, problem: null });
  });

  test('an empty postnote, a postnote that is not a locator, and a bare page number', () => {
    const doc = latex('\\citep[see][]{a} \\cite[and passim]{b} \\cite[45--47]{c}');
    assert.deepEqual(scan(doc).map((c) => [c.items[0].prefix, c.items[0].locator?.text ?? null, c.items[0].suffix]), [
      ['see', null, null],
      [null, null, 'and passim'],
      [null, '45--47', null],
    ]);
    assert.deepEqual([scan(doc)[2].items[0].locator?.first, scan(doc)[2].items[0].locator?.last], [45, 47]);
  });

  test('several keys: each its own item and key range; prenote on the first, postnote on the last', () => {
    const doc = latex('\\cite[see][p.~4]{a, b,c ,\n  d}');
    const [citation] = scan(doc);
    assert.deepEqual(citation.items.map((i) => [i.key, i.keyRange, i.prefix, i.locator?.text ?? null]), [
      ['a', range(0, 17, 0, 18), 'see', null],
      ['b', range(0, 20, 0, 21), null, null],
      ['c', range(0, 22, 0, 23), null, null],
      ['d', range(1, 2, 1, 3), null, 'p.~4'],
    ]);
    assert.deepEqual(citation.outerRange, range(0, 0, 1, 4));
  });

  test('white space and a newline between the parts', () => {
    const doc = latex('\\autocite\n  [p. 5]\n  {k}');
    const [citation] = scan(doc);
    assert.deepEqual(citation.outerRange, range(0, 0, 2, 5));
    assert.deepEqual(citation.range, range(1, 2, 2, 5));
    assert.equal(citation.items[0].locator?.text, 'p. 5');
  });

  test('a blank line ends the command', () => {
    assert.deepEqual(summary(latex('\\cite\n\n{k}')), []);
  });

  test('multicite: each key group with its own notes', () => {
    const doc = latex('\\cites(Global)(notes)[see][p. 3]{a}[4]{b, c} after');
    const [citation] = scan(doc);
    assert.deepEqual(citation.items.map((i) => [i.key, i.prefix, i.locator?.text ?? null]), [
      ['a', 'see', 'p. 3'],
      ['b', null, null],
      ['c', null, '4'],
    ]);
    assert.deepEqual(citation.outerRange, doc.rangeOf('\\cites(Global)(notes)[see][p. 3]{a}[4]{b, c}'));
    assert.deepEqual(summary(latex('\\textcites{a}{b}')), ['narrative:a,b']);
  });

  test('\\nocite and \\nocite{*} are marked nocite', () => {
    const doc = latex('\\nocite{*} \\nocite{x,y} \\cite{z}');
    assert.deepEqual(scan(doc).map((c) => [c.nocite, c.items.map((i) => i.key)]), [[true, ['*']], [true, ['x', 'y']], [false, ['z']]]);
    assert.deepEqual(scan(doc)[0].items[0].keyRange, doc.rangeOf('*'));
  });

  test('\\citeyear suppresses the author', () => {
    assert.equal(scan(latex('\\citeyear{k}'))[0].items[0].suppressAuthor, true);
  });
});

describe('what is not a LaTeX citation', () => {
  test('comments, but not an escaped percent sign', () => {
    const doc = latex('50\\% \\cite{real} % \\cite{commented}\n%\\citep{whole}\n\\cite{second}');
    assert.deepEqual(summary(doc), ['parenthetical:real', 'parenthetical:second']);
  });

  test('verbatim environments and \\verb', () => {
    const doc = latex('\\begin{verbatim}\n\\cite{v1}\n\\end{verbatim}\n\\verb|\\cite{v2}| \\verb*+\\cite{v3}+ \\begin{lstlisting}\\cite{v4}\\end{lstlisting} \\cite{real}');
    assert.deepEqual(summary(doc), ['parenthetical:real']);
  });

  test('math', () => {
    assert.deepEqual(summary(latex('$\\cite{m1}$ \\[ \\cite{m2} \\] \\cite{real}')), ['parenthetical:real']);
  });

  test('a line break \\\\ before cite, other commands, and macro parameters', () => {
    const doc = latex('a\\\\cite{no} \\citation{aux} \\citekeys{no} \\newcommand{\\mycite}[1]{\\citep{#1}} \\cite{} \\cite');
    assert.deepEqual(summary(doc), []);
  });
});
