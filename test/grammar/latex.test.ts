// LaTeX citation commands, tokenized with VS Code's LaTeX grammar (and the TeX grammar it includes) and
// our injection.
import { before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, lineContaining, ownTokens, scopesOf, spansByLine, tokenizeLatex, type Line } from './textmate';

const TEX = 'text.tex.latex';
const CITE = 'meta.citation.latex.citewright';
const COMMAND = 'keyword.control.cite.latex';
const BACKSLASH = 'punctuation.definition.keyword.latex';
const KEY = ['entity.name.type.citation-key.citewright', 'constant.other.reference.citation.latex'];
const BRACE_OPEN = 'punctuation.definition.arguments.begin.latex';
const BRACE_CLOSE = 'punctuation.definition.arguments.end.latex';
const OPTIONAL_OPEN = 'punctuation.definition.arguments.optional.begin.latex';
const OPTIONAL_CLOSE = 'punctuation.definition.arguments.optional.end.latex';
const LOCATOR = 'variable.parameter.locator.citewright';
const PREFIX = 'meta.citation.prefix.citewright';
const COMMA = 'punctuation.separator.comma.citewright';

let lines: Line[];
before(async () => {
  lines = await tokenizeLatex(fixture('paper.tex'));
});

const line = (needle: string): Line => lineContaining(lines, needle);

describe('LaTeX citation commands', () => {
  test('each line has exactly the citations it should, and no others', () => {
    const { actual, wanted } = spansByLine(lines, CITE, [
      ['\\section{Introduction', ['\\cite{intro}']],
      ['Plain', ['\\cite{a,b}', '\\citep[p.~3]{k}', '\\citep[see][p.~3]{k1, k2}', '\\citet{x}', '\\citet*{y}']],
      ['Biblatex', ['\\parencite{p}', '\\textcite[12]{t}', '\\autocite{u}', '\\footcite{f}', '\\Textcite{T}']],
      ['Others', ['\\citeauthor{aa}', '\\citeyearpar{yy}', '\\nocite{*}']],
      ['Several', ['\\autocites[see][1]{a}[2]{b}', '\\cites{c}{d}']],
      ['Macros', ['\\citep{#1}', '\\footcitetexts{e}{g}']],
      ['Over lines', ['\\cite{first,']],
      ['  second,', ['  second, % a comment inside the keys']],
      ['  third}', ['  third}']],
      ['In a footnote', ['\\citet{foot}', '\\cite{emph}']],
    ]);
    assert.deepEqual(actual, wanted);
  });

  test('\\cite{a,b}: the command and every key', () => {
    const l = line('Plain');
    assert.deepEqual(scopesOf(l, '\\'), [TEX, CITE, COMMAND, BACKSLASH]);
    assert.deepEqual(scopesOf(l, 'cite'), [TEX, CITE, COMMAND]);
    assert.deepEqual(scopesOf(l, '{'), [TEX, CITE, BRACE_OPEN]);
    assert.deepEqual(scopesOf(l, 'a'), [TEX, CITE, ...KEY]);
    assert.deepEqual(scopesOf(l, ','), [TEX, CITE, COMMA]);
    assert.deepEqual(scopesOf(l, 'b'), [TEX, CITE, ...KEY]);
    assert.deepEqual(scopesOf(l, '}'), [TEX, CITE, BRACE_CLOSE]);
  });

  test('optional arguments: one is the locator, the first of two a prenote', () => {
    const l = line('Plain');
    assert.deepEqual(scopesOf(l, 'citep'), [TEX, CITE, COMMAND]);
    assert.deepEqual(scopesOf(l, '['), [TEX, CITE, OPTIONAL_OPEN]);
    assert.deepEqual(scopesOf(l, 'p.~3'), [TEX, CITE, LOCATOR]);
    assert.deepEqual(scopesOf(l, ']'), [TEX, CITE, OPTIONAL_CLOSE]);
    assert.deepEqual(scopesOf(l, 'see'), [TEX, CITE, PREFIX]);
    assert.deepEqual(scopesOf(l, 'p.~3', 1), [TEX, CITE, LOCATOR]);
    assert.deepEqual(scopesOf(l, 'k1'), [TEX, CITE, ...KEY]);
    assert.deepEqual(scopesOf(l, 'k2'), [TEX, CITE, ...KEY]);
    assert.deepEqual(scopesOf(l, 'citet*'), [TEX, CITE, COMMAND]);
    assert.deepEqual(scopesOf(l, 'y'), [TEX, CITE, ...KEY]);
  });

  test('biblatex, natbib and \\nocite commands', () => {
    for (const [needle, command, key] of [
      ['Biblatex', 'parencite', 'p'],
      ['Biblatex', 'textcite', 't'],
      ['Biblatex', 'autocite', 'u'],
      ['Biblatex', 'footcite', 'f'],
      ['Biblatex', 'Textcite', 'T'],
      ['Others', 'citeauthor', 'aa'],
      ['Others', 'citeyearpar', 'yy'],
      ['Others', 'nocite', '*'],
    ] as const) {
      assert.deepEqual(scopesOf(line(needle), command), [TEX, CITE, COMMAND], command);
      assert.deepEqual(scopesOf(line(needle), key), [TEX, CITE, ...KEY], key);
    }
    assert.deepEqual(scopesOf(line('Biblatex'), '12'), [TEX, CITE, LOCATOR]);
  });

  test('multi-citation commands: every key group', () => {
    const l = line('Several');
    assert.deepEqual(scopesOf(l, 'autocites'), [TEX, CITE, COMMAND]);
    assert.deepEqual(scopesOf(l, 'see'), [TEX, CITE, PREFIX]);
    assert.deepEqual(scopesOf(l, '1'), [TEX, CITE, LOCATOR]);
    assert.deepEqual(scopesOf(l, 'a'), [TEX, CITE, ...KEY]);
    assert.deepEqual(scopesOf(l, '2'), [TEX, CITE, LOCATOR]);
    assert.deepEqual(scopesOf(l, 'b'), [TEX, CITE, ...KEY]);
    assert.deepEqual(scopesOf(l, 'c'), [TEX, CITE, ...KEY]);
    assert.deepEqual(scopesOf(l, 'd'), [TEX, CITE, ...KEY]);
  });

  test('a macro parameter is not a key', () => {
    const l = line('Macros');
    assert.deepEqual(scopesOf(l, '#1'), [TEX, 'meta.parameter.newcommand.latex', CITE]);
    assert.deepEqual(scopesOf(l, 'footcitetexts'), [TEX, CITE, COMMAND]);
    assert.deepEqual(scopesOf(l, 'g'), [TEX, CITE, ...KEY]);
  });

  test('keys over several lines, with a comment between them', () => {
    assert.deepEqual(scopesOf(line('Over lines'), 'first'), [TEX, CITE, ...KEY]);
    const second = line('  second,');
    assert.deepEqual(scopesOf(second, 'second'), [TEX, CITE, ...KEY]);
    assert.deepEqual(scopesOf(second, '%'), [TEX, CITE, 'comment.line.percentage.tex', 'punctuation.definition.comment.tex']);
    assert.deepEqual(scopesOf(second, ' a comment inside the keys'), [TEX, CITE, 'comment.line.percentage.tex']);
    assert.deepEqual(scopesOf(line('  third}'), 'third'), [TEX, CITE, ...KEY]);
    assert.deepEqual(scopesOf(line('  third}'), '}'), [TEX, CITE, BRACE_CLOSE]);
  });

  test('in section titles, footnotes and other commands’ arguments', () => {
    const section = ['meta.function.section.section.latex', 'entity.name.section.latex'];
    assert.deepEqual(scopesOf(line('\\section{Introduction'), 'intro'), [TEX, ...section, CITE, ...KEY]);
    assert.deepEqual(scopesOf(line('In a footnote'), 'foot'), [TEX, 'entity.name.footnote.latex', CITE, ...KEY]);
    const emphasis = ['meta.function.emph.latex', 'markup.italic.emph.latex'];
    assert.deepEqual(scopesOf(line('In a footnote'), 'emph', 1), [TEX, ...emphasis, CITE, ...KEY]);
  });

  test('not in comments, verbatim text, comment environments, math or other commands', () => {
    for (const needle of ['% \\cite{commented}', '\\verb|', '\\cite{verbatim}', '\\cite{commentenv}', 'Math $x', '\\cite{displaymath}']) {
      assert.deepEqual(ownTokens(line(needle)), [], needle);
    }
  });
});
