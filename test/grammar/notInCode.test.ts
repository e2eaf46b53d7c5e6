// Nothing that looks like a citation is coloured inside code, front matter or comments.
import { before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, lineContaining, lineText, ownTokens, spansWith, tokenizeMarkdown, type Line } from './textmate';

let lines: Line[];
before(async () => {
  lines = await tokenizeMarkdown(fixture('code.md'));
});

const CONTROL = 'Control:';

/** The scopes of the first token of a line whose text contains `text`. */
function hostScopesAt(needle: string, text: string): readonly string[] {
  const token = lineContaining(lines, needle).find((t) => t.text.includes(text));
  assert.ok(token, `${text} in ${needle}`);
  return token.scopes;
}

describe('no citation colouring in code, front matter or comments', () => {
  test('the control line in prose is coloured, so the injection is active', () => {
    assert.deepEqual(spansWith(lineContaining(lines, CONTROL), 'meta.citation.'), ['(Smith 2019)', '[@key]']);
  });

  test('no other line carries any Citewright scope', () => {
    const offending = lines.filter((line) => !lineText(line).startsWith(CONTROL)).flatMap(ownTokens);
    assert.deepEqual(offending, []);
  });

  test('the fixture puts its citations where it says: the host grammar scopes them as code', () => {
    assert.ok(hostScopesAt('title: Citations', '(Smith 2019)').includes('meta.embedded.block.frontmatter'));
    assert.ok(hostScopesAt('references:', '@key').includes('meta.embedded.block.frontmatter'));
    assert.ok(hostScopesAt('Inline code', '(Smith 2019)').includes('markup.inline.raw.string.markdown'));
    assert.ok(hostScopesAt('Inline code', 'Taubman (2003)').includes('markup.inline.raw.string.markdown'));
    assert.ok(hostScopesAt('(Smith 2019) Taubman (2003) [@key] @key', '(Smith').includes('markup.fenced_code.block.markdown'));
    assert.ok(hostScopesAt('quote = ', '(Smith 2019)').includes('meta.embedded.block.python'));
    assert.ok(hostScopesAt('indented code', '(Smith 2019)').includes('markup.raw.block.markdown'));
    assert.ok(hostScopesAt('<!-- (Smith 2019)', '(Smith 2019)').includes('comment.block.html'));
    assert.ok(hostScopesAt('in a comment over several lines', '(Smith 2019)').includes('comment.block.html'));
  });
});
