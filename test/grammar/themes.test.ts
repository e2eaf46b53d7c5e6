// Citations are visible in themes that know nothing about Citewright: every part gets a scope that
// ordinary themes colour. Themes are reduced to the rules that matter here.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { IRawTheme } from 'vscode-textmate';
import { colourLine, type ColouredToken } from './textmate';

const TYPE = '#4EC9B0';
const NUMBER = '#B5CEA8';
const VARIABLE = '#9CDCFE';
const KEYWORD = '#569CD6';
const CITATION = '#C586C0';

/** The rules of VS Code's Dark+ theme for the scope families our tokens belong to (colours as Dark+ has them). */
const DARK_PLUS_LIKE: IRawTheme = {
  settings: [
    { settings: { foreground: '#D4D4D4' } },
    { scope: ['entity.name.type', 'support.type'], settings: { foreground: TYPE } },
    { scope: ['constant.numeric'], settings: { foreground: NUMBER } },
    { scope: ['constant.language', 'keyword', 'markup.heading'], settings: { foreground: KEYWORD } },
    { scope: ['variable'], settings: { foreground: VARIABLE } },
  ],
};

/** A theme that colours citation keys as LaTeX-aware themes do. */
const CITATION_AWARE: IRawTheme = {
  settings: [...DARK_PLUS_LIKE.settings, { scope: 'constant.other.reference.citation', settings: { foreground: CITATION } }],
};

/** The colour of `text` in a line; every character of it must have the same colour. */
function colourOf(tokens: readonly ColouredToken[], text: string): string | null {
  const line = tokens.map((token) => token.text).join('');
  const start = line.indexOf(text);
  assert.ok(start >= 0, `${text} in ${line}`);
  const colours = new Set<string | null>();
  let offset = 0;
  for (const token of tokens) {
    const end = offset + token.text.length;
    if (end > start && offset < start + text.length) colours.add(token.foreground);
    offset = end;
  }
  assert.equal(colours.size, 1, `${text} has colours ${[...colours].join(', ')}`);
  return [...colours][0];
}

describe('colours under themes that know nothing of Citewright', () => {
  test('author-date: author, year, locator, et al. and undated works are coloured', async () => {
    const tokens = await colourLine('text.html.markdown', 'As (Tompson 1997: p.142) and Smith et al. (n.d.) say.', DARK_PLUS_LIKE);
    assert.equal(colourOf(tokens, 'Tompson'), TYPE);
    assert.equal(colourOf(tokens, '1997'), NUMBER);
    assert.equal(colourOf(tokens, 'p.142'), VARIABLE);
    assert.equal(colourOf(tokens, 'Smith'), TYPE);
    assert.equal(colourOf(tokens, 'et al.'), KEYWORD);
    assert.equal(colourOf(tokens, 'n.d.'), KEYWORD);
    assert.equal(colourOf(tokens, 'As '), null);
  });

  test('pandoc and LaTeX keys fall back to the type colour, @ included', async () => {
    const pandoc = await colourLine('text.html.markdown', 'See [@doe99, p. 33] and @smith04.', DARK_PLUS_LIKE);
    assert.equal(colourOf(pandoc, '@doe99'), TYPE);
    assert.equal(colourOf(pandoc, 'p. 33'), VARIABLE);
    assert.equal(colourOf(pandoc, '@smith04'), TYPE);
    const latex = await colourLine('text.tex.latex', 'See \\citep[p.~3]{doe99}.', DARK_PLUS_LIKE);
    assert.equal(colourOf(latex, 'doe99'), TYPE);
    assert.equal(colourOf(latex, 'p.~3'), VARIABLE);
    assert.equal(colourOf(latex, '\\citep'), KEYWORD);
  });

  test('a theme that colours citation keys colours ours with its citation colour', async () => {
    const pandoc = await colourLine('text.html.markdown', 'See [@doe99] here.', CITATION_AWARE);
    assert.equal(colourOf(pandoc, 'doe99'), CITATION);
    assert.equal(colourOf(pandoc, '@'), TYPE);
    const latex = await colourLine('text.tex.latex', 'See \\cite{doe99}.', CITATION_AWARE);
    assert.equal(colourOf(latex, 'doe99'), CITATION);
  });

  test('a reference-list heading keeps the heading colour', async () => {
    const tokens = await colourLine('text.html.markdown', '**References**', DARK_PLUS_LIKE);
    assert.equal(colourOf(tokens, 'References'), KEYWORD);
  });
});
