// Pandoc citations in Markdown, tokenized with VS Code's Markdown grammar and our injection.
import { before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, lineContaining, ownTokens, scopesOf, spansByLine, tokenizeMarkdown, type Line } from './textmate';

const MD = 'text.html.markdown';
const P = 'meta.paragraph.markdown';
const BRACKETED = 'meta.citation.pandoc.parenthetical.citewright';
const NARRATIVE = 'meta.citation.pandoc.narrative.citewright';
const KEY_WRAPPER = 'entity.name.type.citation-key.citewright';
const KEY = 'constant.other.reference.citation.pandoc.citewright';
const AT = 'punctuation.definition.citation-key.citewright';
const BEGIN = 'punctuation.definition.citation.begin.citewright';
const END = 'punctuation.definition.citation.end.citewright';
const LOCATOR = 'variable.parameter.locator.citewright';
const COMMA = 'punctuation.separator.comma.citewright';
const SEQUENCE = 'punctuation.separator.sequence.citewright';
const PREFIX = 'meta.citation.prefix.citewright';
const SUPPRESS = 'keyword.operator.suppress-author.citewright';

let lines: Line[];
before(async () => {
  lines = await tokenizeMarkdown(fixture('pandoc.md'));
});

const line = (needle: string): Line => lineContaining(lines, needle);

describe('pandoc citations in Markdown', () => {
  test('each line has exactly the citations it should, and no others', () => {
    const { actual, wanted } = spansByLine(lines, 'meta.citation.pandoc.', [
      [
        'Bracketed',
        ['[@doe99]', '[@doe99, p. 33]', '[see @doe99, pp. 33-35; also @smith04, chap. 1]', '[-@smith04]'],
      ],
      ['Narrative @smith04', ['@smith04', '@smith04 [p. 33]', '[@a; @b]', '[@{https://example.org/x}]']],
      ['inner punctuation', ['[@Smith:2019.a-b]', '@doe99', '@doe99']],
      ['A mixed bracket', ['[@fig:map; @real]']],
    ]);
    assert.deepEqual(actual, wanted);
  });

  test('[@key]: brackets, the @ and the key', () => {
    const l = line('Bracketed');
    assert.deepEqual(scopesOf(l, '['), [MD, P, BRACKETED, BEGIN]);
    assert.deepEqual(scopesOf(l, '@'), [MD, P, BRACKETED, KEY_WRAPPER, AT]);
    assert.deepEqual(scopesOf(l, 'doe99'), [MD, P, BRACKETED, KEY_WRAPPER, KEY]);
    assert.deepEqual(scopesOf(l, ']'), [MD, P, BRACKETED, END]);
  });

  test('prefixes, locators, several items and a suppressed author', () => {
    const l = line('Bracketed');
    assert.deepEqual(scopesOf(l, ','), [MD, P, BRACKETED, COMMA]);
    assert.deepEqual(scopesOf(l, 'p. 33'), [MD, P, BRACKETED, LOCATOR]);
    assert.deepEqual(scopesOf(l, 'see'), [MD, P, BRACKETED, PREFIX]);
    assert.deepEqual(scopesOf(l, 'pp. 33-35'), [MD, P, BRACKETED, LOCATOR]);
    assert.deepEqual(scopesOf(l, ';'), [MD, P, BRACKETED, SEQUENCE]);
    assert.deepEqual(scopesOf(l, 'also'), [MD, P, BRACKETED, PREFIX]);
    assert.deepEqual(scopesOf(l, 'smith04'), [MD, P, BRACKETED, KEY_WRAPPER, KEY]);
    assert.deepEqual(scopesOf(l, 'chap. 1'), [MD, P, BRACKETED, LOCATOR]);
    assert.deepEqual(scopesOf(l, '-'), [MD, P, BRACKETED, SUPPRESS]);
    assert.deepEqual(scopesOf(l, 'smith04', 1), [MD, P, BRACKETED, KEY_WRAPPER, KEY]);
  });

  test('@key in the text, with or without a locator', () => {
    const l = line('Narrative @smith04');
    assert.deepEqual(scopesOf(l, '@'), [MD, P, NARRATIVE, KEY_WRAPPER, AT]);
    assert.deepEqual(scopesOf(l, 'smith04'), [MD, P, NARRATIVE, KEY_WRAPPER, KEY]);
    assert.deepEqual(scopesOf(l, 'smith04', 1), [MD, P, NARRATIVE, KEY_WRAPPER, KEY]);
    assert.deepEqual(scopesOf(l, '['), [MD, P, NARRATIVE, BEGIN]);
    assert.deepEqual(scopesOf(l, 'p. 33'), [MD, P, NARRATIVE, LOCATOR]);
    assert.deepEqual(scopesOf(l, '{https://example.org/x}'), [MD, P, BRACKETED, KEY_WRAPPER, KEY]);
  });

  test('inner punctuation belongs to the key, trailing punctuation does not', () => {
    const l = line('inner punctuation');
    assert.deepEqual(scopesOf(l, 'Smith:2019.a-b'), [MD, P, BRACKETED, KEY_WRAPPER, KEY]);
    assert.deepEqual(scopesOf(l, 'doe99', 1), [MD, P, NARRATIVE, KEY_WRAPPER, KEY]);
    assert.deepEqual(scopesOf(l, '.'), [MD, P]);
  });

  test('not e-mail addresses, URLs, cross-references, links or escaped @', () => {
    for (const needle of ['E-mail a@b.org', 'Cross-references', 'Links [@link]']) {
      assert.deepEqual(ownTokens(line(needle)), [], needle);
    }
  });

  test('not the marker of an example list', () => {
    assert.deepEqual(ownTokens(line('(@good) This is an example list item.')), []);
  });

  test('a cross-reference inside a bracket is not a key', () => {
    const l = line('A mixed bracket');
    assert.deepEqual(scopesOf(l, '@fig:map'), [MD, P, BRACKETED]);
    assert.deepEqual(scopesOf(l, 'real'), [MD, P, BRACKETED, KEY_WRAPPER, KEY]);
  });

  test('nothing in the YAML front matter', () => {
    const frontMatter = lines.slice(0, 5);
    assert.ok(frontMatter.every((l) => l.some((token) => token.scopes.includes('meta.embedded.block.frontmatter') || token.text === '---')));
    assert.deepEqual(frontMatter.flatMap(ownTokens), []);
  });
});
