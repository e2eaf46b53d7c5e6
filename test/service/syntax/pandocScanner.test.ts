// The pandoc scanner: every citation form with exact keys, ranges, prefixes, locators and forms; and what is not a citation.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Citation } from '../../../server/src/service/model';
import { scanPandoc } from '../../../server/src/service/syntax/pandocScanner';
import { markdown, range, type Source } from './scanHelpers';

function scan(doc: Source): Citation[] {
  return scanPandoc(doc.masked, doc.text, doc.toRange);
}

/** `form:key,key` per citation: compact for the cases where only what was found matters. */
function summary(doc: Source): string[] {
  return scan(doc).map((c) => `${c.form}:${c.items.map((i) => i.key).join(',')}`);
}

describe('pandoc bracketed citations', () => {
  test('[@key] is one parenthetical citation with every field set', () => {
    const doc = markdown('As shown [@smith04].');
    assert.deepEqual(scan(doc), [{
      syntax: 'pandoc',
      form: 'parenthetical',
      text: '@smith04',
      range: range(0, 10, 0, 18),
      outerRange: range(0, 9, 0, 19),
      outerStart: 9,
      outerEnd: 19,
      items: [{
        authors: [],
        authorRanges: [],
        etAl: false,
        year: null,
        yearRange: null,
        key: 'smith04',
        keyRange: range(0, 11, 0, 18),
        prefix: null,
        locator: null,
        suffix: null,
        suppressAuthor: false,
        range: range(0, 10, 0, 18),
      }],
      listIndex: -1,
    }]);
  });

  test('[@key, p. 33] reads the locator', () => {
    const doc = markdown('Text [@key, p. 33].');
    const [citation] = scan(doc);
    const [item] = citation.items;
    assert.deepEqual(item.locator, { text: 'p. 33', range: doc.rangeOf('p. 33'), kind: 'page', first: 33, last: 33, problem: null });
    assert.equal(item.suffix, null);
    assert.deepEqual(item.range, doc.rangeOf('@key, p. 33'));
    assert.equal(citation.text, '@key, p. 33');
  });

  test('[see @a, pp. 33-35; @b, ch. 2] gives two items with prefix and locators', () => {
    const doc = markdown('Claim [see @a, pp. 33-35; @b, ch. 2].');
    const [citation] = scan(doc);
    assert.equal(citation.text, 'see @a, pp. 33-35; @b, ch. 2');
    assert.deepEqual(citation.range, doc.rangeOf('see @a, pp. 33-35; @b, ch. 2'));
    assert.deepEqual(citation.outerRange, doc.rangeOf('[see @a, pp. 33-35; @b, ch. 2]'));
    const [a, b] = citation.items;
    assert.equal(a.key, 'a');
    assert.equal(a.prefix, 'see');
    assert.deepEqual(a.keyRange, doc.toRange(doc.offsetOf('@a') + 1, doc.offsetOf('@a') + 2));
    assert.deepEqual(a.range, doc.rangeOf('see @a, pp. 33-35'));
    assert.deepEqual(a.locator, { text: 'pp. 33-35', range: doc.rangeOf('pp. 33-35'), kind: 'page', first: 33, last: 35, problem: null });
    assert.equal(b.key, 'b');
    assert.equal(b.prefix, null);
    assert.deepEqual(b.keyRange, doc.toRange(doc.offsetOf('@b') + 1, doc.offsetOf('@b') + 2));
    assert.deepEqual(b.range, doc.rangeOf('@b, ch. 2'));
    assert.deepEqual(b.locator, { text: 'ch. 2', range: doc.rangeOf('ch. 2'), kind: 'chapter', first: 2, last: 2, problem: null });
  });

  test('[@a; @b] gives two items without prefix or locator', () => {
    const doc = markdown('[@a; @b]');
    const [citation] = scan(doc);
    assert.deepEqual(citation.items.map((i) => [i.key, i.keyRange, i.range, i.prefix, i.locator]), [
      ['a', range(0, 2, 0, 3), range(0, 1, 0, 3), null, null],
      ['b', range(0, 6, 0, 7), range(0, 5, 0, 7), null, null],
    ]);
  });

  test('[-@key] suppresses the author and stays parenthetical; the item starts at the minus', () => {
    const doc = markdown('Smith says [-@smith04, p. 4].');
    const [citation] = scan(doc);
    assert.equal(citation.form, 'parenthetical');
    const [item] = citation.items;
    assert.equal(item.key, 'smith04');
    assert.equal(item.suppressAuthor, true);
    assert.deepEqual(item.keyRange, doc.rangeOf('smith04'));
    assert.deepEqual(item.range, doc.rangeOf('-@smith04, p. 4'));
  });

  test('a suffix after the locator is kept apart from it', () => {
    const doc = markdown('[@h, p. 33, emphasis added] [@i, and passim] [@l, 33] [@k, pp. 4–7, 9]');
    const items = scan(doc).map((c) => c.items[0]);
    assert.deepEqual(items.map((i) => [i.key, i.locator?.text ?? null, i.suffix]), [
      ['h', 'p. 33', ', emphasis added'],
      ['i', null, ', and passim'],
      ['l', '33', null],
      ['k', 'pp. 4–7, 9', null],
    ]);
    assert.deepEqual(items[0].range, doc.rangeOf('@h, p. 33, emphasis added'));
    assert.deepEqual(items[1].range, doc.rangeOf('@i, and passim'));
    assert.deepEqual([items[2].locator?.kind, items[2].locator?.first, items[2].locator?.last], ['page', 33, 33]);
    assert.deepEqual([items[3].locator?.first, items[3].locator?.last], [4, 9]);
  });

  test('a reversed page range is read, with its problem', () => {
    const doc = markdown('[@k, p. 30-20]');
    assert.deepEqual(scan(doc)[0].items[0].locator, {
      text: 'p. 30-20', range: doc.rangeOf('p. 30-20'), kind: 'page', first: 30, last: 20, problem: 'the range 30-20 runs backwards',
    });
  });

  test('a locator without a comma and a roman page after a label', () => {
    const doc = markdown('[@a p. 4] [@b, p. xiv]');
    assert.deepEqual(scan(doc).map((c) => c.items[0].locator?.text), ['p. 4', 'p. xiv']);
  });

  test('a part without a key joins the next prefix, as in pandoc', () => {
    const doc = markdown('[see; also @a]');
    const [citation] = scan(doc);
    assert.equal(citation.items.length, 1);
    assert.equal(citation.items[0].prefix, 'see; also');
    assert.deepEqual(citation.items[0].range, doc.rangeOf('see; also @a'));
  });

  test('a last part without a key makes the brackets prose, with a narrative citation inside', () => {
    const doc = markdown('[@a; not a key]');
    assert.deepEqual(scan(doc).map((c) => [c.form, c.items[0].key, c.outerRange]), [['narrative', 'a', range(0, 1, 0, 3)]]);
  });

  test('a citation over two lines', () => {
    const doc = markdown('Text [see\n@a, p. 3;\n  @b].');
    const [citation] = scan(doc);
    assert.deepEqual(citation.range, range(0, 6, 2, 4));
    assert.deepEqual(citation.outerRange, range(0, 5, 2, 5));
    assert.deepEqual(citation.items.map((i) => [i.key, i.prefix, i.range]), [
      ['a', 'see', range(0, 6, 1, 8)],
      ['b', null, range(2, 2, 2, 4)],
    ]);
  });

  test('a key in a suffix is a narrative citation of its own', () => {
    const doc = markdown('[@m, cited in @n]');
    const citations = scan(doc);
    assert.deepEqual(citations.map((c) => [c.form, c.items.map((i) => i.key), c.outerRange]), [
      ['parenthetical', ['m'], doc.rangeOf('[@m, cited in @n]')],
      ['narrative', ['n'], doc.rangeOf('@n')],
    ]);
    assert.equal(citations[0].items[0].suffix, ', cited in @n');
  });

  test('citations are in document order', () => {
    assert.deepEqual(summary(markdown('@a then [@b; @c] then @d [p. 1] and [-@e].')), [
      'narrative:a', 'parenthetical:b,c', 'narrative:d', 'parenthetical:e',
    ]);
  });
});

describe('pandoc narrative citations', () => {
  test('@key in prose', () => {
    const doc = markdown('As @smith04 argues.');
    assert.deepEqual(scan(doc), [{
      syntax: 'pandoc',
      form: 'narrative',
      text: '@smith04',
      range: range(0, 3, 0, 11),
      outerRange: range(0, 3, 0, 11),
      outerStart: 3,
      outerEnd: 11,
      items: [{
        authors: [],
        authorRanges: [],
        etAl: false,
        year: null,
        yearRange: null,
        key: 'smith04',
        keyRange: range(0, 4, 0, 11),
        prefix: null,
        locator: null,
        suffix: null,
        suppressAuthor: false,
        range: range(0, 3, 0, 11),
      }],
      listIndex: -1,
    }]);
  });

  test('@key [p. 33] takes the brackets as its locator', () => {
    const doc = markdown('As @smith04 [p. 33] says.');
    const [citation] = scan(doc);
    assert.equal(citation.form, 'narrative');
    assert.equal(citation.text, '@smith04 [p. 33]');
    assert.deepEqual(citation.range, doc.rangeOf('@smith04 [p. 33]'));
    assert.deepEqual(citation.outerRange, doc.rangeOf('@smith04 [p. 33]'));
    const [item] = citation.items;
    assert.deepEqual(item.keyRange, doc.rangeOf('smith04'));
    assert.deepEqual(item.locator?.range, doc.rangeOf('p. 33'));
    assert.deepEqual(item.range, doc.rangeOf('@smith04 [p. 33'));
  });

  test('@key with its brackets on the next line, and more citations in them', () => {
    const doc = markdown('As @a\n[p. 3; see @b] says.');
    const [citation] = scan(doc);
    assert.deepEqual(citation.outerRange, range(0, 3, 1, 14));
    assert.deepEqual(citation.items.map((i) => [i.key, i.prefix, i.locator?.text ?? null]), [['a', null, 'p. 3'], ['b', 'see', null]]);
  });

  test('brackets that are a link or a citation group are not the narrative key\'s locator', () => {
    assert.deepEqual(summary(markdown('@a [p. 3](http://x.org) and @b [@c]')), ['narrative:a', 'narrative:b', 'parenthetical:c']);
    const doc = markdown('@a [p. 3](http://x.org)');
    assert.deepEqual(scan(doc)[0].outerRange, doc.rangeOf('@a'));
  });

  test('bare -@key suppresses the author', () => {
    const doc = markdown('Smith -@smith04 says.');
    const [citation] = scan(doc);
    assert.equal(citation.items[0].suppressAuthor, true);
    assert.deepEqual(citation.outerRange, doc.rangeOf('-@smith04'));
  });
});

describe('pandoc citation keys', () => {
  test('internal punctuation belongs to the key, trailing punctuation does not', () => {
    const doc = markdown('@smith:2004.x, @a#b-c+d, @doe_99. @smith04\'s @2020report? @müller2001; @x/y//z.');
    const keys = scan(doc).map((c) => c.items[0].key);
    assert.deepEqual(keys, ['smith:2004.x', 'a#b-c+d', 'doe_99', 'smith04', '2020report', 'müller2001', 'x/y//z']);
    assert.deepEqual(scan(doc)[0].items[0].keyRange, doc.rangeOf('smith:2004.x'));
  });

  test('@{key with spaces}: the key range is inside the braces', () => {
    const doc = markdown('See [@{key with spaces}, p. 2] and @{https://x.org/a?b=c}.');
    const [group, narrative] = scan(doc);
    assert.equal(group.items[0].key, 'key with spaces');
    assert.deepEqual(group.items[0].keyRange, doc.rangeOf('key with spaces'));
    assert.deepEqual(group.items[0].range, doc.rangeOf('@{key with spaces}, p. 2'));
    assert.equal(narrative.items[0].key, 'https://x.org/a?b=c');
    assert.deepEqual(narrative.outerRange, doc.rangeOf('@{https://x.org/a?b=c}'));
  });
});

describe('what pandoc does not read as a citation', () => {
  test('e-mail addresses', () => {
    assert.deepEqual(summary(markdown('Write to name@example.org or <first.last@uni.edu> or (jo@x.io).')), []);
  });

  test('pandoc-crossref and Quarto cross-references', () => {
    const doc = markdown('See @fig:one, @Fig:two, [@tbl:a; @tbl:b], [-@sec:intro], @eq:1, @lst:code, @fig-plot and @tbl-data.');
    assert.deepEqual(summary(doc), []);
  });

  test('a cross-reference among citations is left out, the citations stay', () => {
    const doc = markdown('[@fig:a; @smith04]');
    assert.deepEqual(scan(doc).map((c) => c.items.map((i) => i.key)), [['smith04']]);
    assert.deepEqual(summary(markdown('[@fig:a, after @smith04]')), ['narrative:smith04']);
  });

  test('code spans, fenced code, math and HTML comments', () => {
    const doc = markdown([
      'Inline `@code` and ``[@code2]`` and $@math$ and $$[@display]$$.',
      '```',
      '@fenced [@fenced2]',
      '```',
      '~~~ {.python}',
      '@tilde',
      '~~~',
      '<!-- [@comment] @comment2 -->',
      'Only @real.',
    ].join('\n'));
    assert.deepEqual(summary(doc), ['narrative:real']);
  });

  test('YAML front matter', () => {
    const doc = markdown('---\ntitle: "On @notakey"\nnocite: |\n  [@also]\n---\nBody [@real].');
    assert.deepEqual(summary(doc), ['parenthetical:real']);
    assert.deepEqual(scan(doc)[0].outerRange, range(5, 5, 5, 12));
  });

  test('escaped @ and escaped brackets', () => {
    assert.deepEqual(summary(markdown('\\@notakey and \\[@a\\]')), ['narrative:a']);
  });

  test('autolinks, HTML tags and link destinations', () => {
    const doc = markdown('<https://medium.com/@user> <a href="https://x.org/@tag">x</a> [profile](https://x.com/@handle) @real');
    assert.deepEqual(summary(doc), ['narrative:real']);
  });

  test('example-list labels and references to them', () => {
    const doc = markdown('(@good) This is a good example.\n\nAs @good shows, and @smith04 agrees.');
    assert.deepEqual(summary(doc), ['narrative:smith04']);
  });

  test('footnotes: [^1] is no citation, the text of an inline note ^[...] is prose', () => {
    assert.deepEqual(summary(markdown('Text[^1] and ^[see @a].\n\n[^1]: As [@b] says.')), ['narrative:a', 'parenthetical:b']);
  });

  test('a lone @, an @ before a space, and brackets without a key', () => {
    assert.deepEqual(summary(markdown('@ home, a @ b, [no key], [p. 3], (@)')), []);
  });
});
