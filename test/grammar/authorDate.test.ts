// Author-date citations in Markdown, tokenized with VS Code's Markdown grammar and our injection.
import { before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, lineContaining, ownTokens, scopesOf, spansByLine, tokenizeMarkdown, type Line } from './textmate';

const MD = 'text.html.markdown';
const P = 'meta.paragraph.markdown';
const PAREN = 'meta.citation.author-date.parenthetical.citewright';
const NARR = 'meta.citation.author-date.narrative.citewright';
const AUTHOR = 'entity.name.type.author.citewright';
const YEAR = 'constant.numeric.year.citewright';
const NO_DATE = 'constant.language.year.citewright';
const LOCATOR = 'variable.parameter.locator.citewright';
const LOCATOR_SEP = 'punctuation.separator.locator.citewright';
const COMMA = 'punctuation.separator.comma.citewright';
const SEQUENCE = 'punctuation.separator.sequence.citewright';
const BEGIN = 'punctuation.definition.citation.begin.citewright';
const END = 'punctuation.definition.citation.end.citewright';
const ET_AL = 'keyword.other.et-al.citewright';
const AND = 'keyword.operator.conjunction.citewright';
const PREFIX = 'meta.citation.prefix.citewright';

let lines: Line[];
before(async () => {
  lines = await tokenizeMarkdown(fixture('author-date.md'));
});

const line = (needle: string): Line => lineContaining(lines, needle);

describe('author-date citations in Markdown', () => {
  test('each line has exactly the citations it should, and no others', () => {
    const { actual, wanted } = spansByLine(lines, 'meta.citation.author-date.', [
      ['(Tompson 1997', ['(Tompson 1997: p.142)', 'Taubman (2003: p.271-2)']],
      ['Parenthetical forms', ['(Smith, 2019, p. 4)', '(Smith et al. 2019)', '(Smith et al., 2019)', '(WHO 2020)']],
      ['Two authors', ['(Medvedev & Medvedev 1977: p.10-12)', '(Jones and Brown 1999, pp. 4–7)', '(Lee 2001a; Lee 2001b)']],
      ['Prefixed', ['(see Brown 1999, ch. 3)', '(cf. Smith 2019; see also Jones 2020, p. 3)', '(e.g. Lee 2001)']],
      [
        'Particles',
        ['(Van Goudoever 1986: p.4)', '(de Beauvoir 1949)', "(O'Brien 2019)", '(Lloyd-Jones 2018)', '(Müller 2017)'],
      ],
      [
        'Lists',
        ['(Smith, Jones and Brown 2019)', '(World Health Organization 2020)', '(Smith n.d.)', '(Smith forthcoming)'],
      ],
      ['Narrative Van', ['Van Goudoever (1986)', 'Smith and Jones (2019, p. 4)', "Smith's (2019)", 'Smith et al. (2019)']],
      ["As Jones'", ["Jones' (2019)", 'Medvedev & Medvedev (1977)', 'Smith (2019, 2020)', 'Hoffman (1980: p.74)']],
      ['after a title works', ['(Chubarov 2011)', '(Taubman 2003)']],
      ['A list item', ['(Smith 2019)', 'Taubman (2003)']],
      ['A quotation', ['(Westwood 2002: p.402-3)']],
      ['| De-Stalinisation', ['(Chubarov 2011)']],
      ['Some *emphasis', ['(Smith 2019)', 'Taubman (2003)']],
    ]);
    assert.deepEqual(actual, wanted);
  });

  test('a parenthetical citation: parentheses, author, year, locator', () => {
    const l = line('(Tompson 1997');
    assert.deepEqual(scopesOf(l, '('), [MD, P, PAREN, BEGIN]);
    assert.deepEqual(scopesOf(l, 'Tompson'), [MD, P, PAREN, AUTHOR]);
    assert.deepEqual(scopesOf(l, '1997'), [MD, P, PAREN, YEAR]);
    assert.deepEqual(scopesOf(l, ':'), [MD, P, PAREN, LOCATOR_SEP]);
    assert.deepEqual(scopesOf(l, 'p.142'), [MD, P, PAREN, LOCATOR]);
    assert.deepEqual(scopesOf(l, ')'), [MD, P, PAREN, END]);
  });

  test('a narrative citation: the author outside, year and locator inside the parentheses', () => {
    const l = line('(Tompson 1997');
    assert.deepEqual(scopesOf(l, 'Taubman'), [MD, P, NARR, AUTHOR]);
    assert.deepEqual(scopesOf(l, '('), [MD, P, PAREN, BEGIN]);
    assert.deepEqual(scopesOf(l, '(', 1), [MD, P, NARR, BEGIN]);
    assert.deepEqual(scopesOf(l, '2003'), [MD, P, NARR, YEAR]);
    assert.deepEqual(scopesOf(l, 'p.271-2'), [MD, P, NARR, LOCATOR]);
    assert.deepEqual(scopesOf(l, ')', 1), [MD, P, NARR, END]);
  });

  test('commas: between author and year, and before a locator', () => {
    const l = line('Parenthetical forms');
    assert.deepEqual(scopesOf(l, 'Smith'), [MD, P, PAREN, AUTHOR]);
    assert.deepEqual(scopesOf(l, ',', 0), [MD, P, PAREN, COMMA]);
    assert.deepEqual(scopesOf(l, ',', 1), [MD, P, PAREN, LOCATOR_SEP]);
    assert.deepEqual(scopesOf(l, 'p. 4'), [MD, P, PAREN, LOCATOR]);
    assert.deepEqual(scopesOf(l, 'et al.'), [MD, P, PAREN, ET_AL]);
    assert.deepEqual(scopesOf(l, 'et al.', 1), [MD, P, PAREN, ET_AL]);
    assert.deepEqual(scopesOf(l, 'WHO'), [MD, P, PAREN, AUTHOR]);
  });

  test('several authors, page ranges and several works', () => {
    const l = line('Two authors');
    assert.deepEqual(scopesOf(l, 'Medvedev', 0), [MD, P, PAREN, AUTHOR]);
    assert.deepEqual(scopesOf(l, '&'), [MD, P, PAREN, AND]);
    assert.deepEqual(scopesOf(l, 'Medvedev', 1), [MD, P, PAREN, AUTHOR]);
    assert.deepEqual(scopesOf(l, 'p.10-12'), [MD, P, PAREN, LOCATOR]);
    assert.deepEqual(scopesOf(l, 'and'), [MD, P, PAREN, AND]);
    assert.deepEqual(scopesOf(l, 'pp. 4–7'), [MD, P, PAREN, LOCATOR]);
    assert.deepEqual(scopesOf(l, '2001a'), [MD, P, PAREN, YEAR]);
    assert.deepEqual(scopesOf(l, ';'), [MD, P, PAREN, SEQUENCE]);
    assert.deepEqual(scopesOf(l, '2001b'), [MD, P, PAREN, YEAR]);
  });

  test('prefixes are marked but not taken for authors', () => {
    const l = line('Prefixed');
    assert.deepEqual(scopesOf(l, 'see'), [MD, P, PAREN, PREFIX]);
    assert.deepEqual(scopesOf(l, 'Brown'), [MD, P, PAREN, AUTHOR]);
    assert.deepEqual(scopesOf(l, 'ch. 3'), [MD, P, PAREN, LOCATOR]);
    assert.deepEqual(scopesOf(l, 'cf.'), [MD, P, PAREN, PREFIX]);
    assert.deepEqual(scopesOf(l, 'see also'), [MD, P, PAREN, PREFIX]);
    assert.deepEqual(scopesOf(l, 'e.g.'), [MD, P, PAREN, PREFIX]);
  });

  test('a name with particles, apostrophes, hyphens or diacritics is one author token', () => {
    const l = line('Particles');
    for (const name of ['Van Goudoever', 'de Beauvoir', "O'Brien", 'Lloyd-Jones', 'Müller']) {
      assert.deepEqual(scopesOf(l, name), [MD, P, PAREN, AUTHOR], name);
    }
    assert.deepEqual(scopesOf(l, 'p.4'), [MD, P, PAREN, LOCATOR]);
  });

  test('organisations and undated or forthcoming works', () => {
    const l = line('Lists');
    assert.deepEqual(scopesOf(l, 'World Health Organization'), [MD, P, PAREN, AUTHOR]);
    assert.deepEqual(scopesOf(l, 'Jones'), [MD, P, PAREN, AUTHOR]);
    assert.deepEqual(scopesOf(l, 'n.d.'), [MD, P, PAREN, NO_DATE]);
    assert.deepEqual(scopesOf(l, 'forthcoming'), [MD, P, PAREN, NO_DATE]);
  });

  test('narrative forms: particles, two authors, possessives, et al.', () => {
    const l = line('Narrative Van');
    assert.deepEqual(scopesOf(l, 'Van Goudoever'), [MD, P, NARR, AUTHOR]);
    assert.deepEqual(scopesOf(l, 'Jones'), [MD, P, NARR, AUTHOR]);
    assert.deepEqual(scopesOf(l, 'and'), [MD, P, NARR, AND]);
    assert.deepEqual(scopesOf(l, "'s "), [MD, P, NARR]);
    assert.deepEqual(scopesOf(l, 'et al.'), [MD, P, NARR, ET_AL]);
    const m = line("As Jones'");
    assert.deepEqual(scopesOf(m, 'Jones'), [MD, P, NARR, AUTHOR]);
    assert.deepEqual(scopesOf(m, '2019', 1), [MD, P, NARR, YEAR]);
    assert.deepEqual(scopesOf(m, ',', 0), [MD, P, NARR, COMMA]);
    assert.deepEqual(scopesOf(m, '2020'), [MD, P, NARR, YEAR]);
  });

  test('not life dates, parenthetical prose, years in prose or titles before a year', () => {
    for (const needle of ['Life dates', 'Nor is the year', 'Nor (such as']) {
      assert.deepEqual(ownTokens(line(needle)), [], needle);
    }
  });

  test('in list items, block quotes, table cells and emphasis', () => {
    assert.deepEqual(scopesOf(line('A list item'), 'Smith'), [MD, 'markup.list.unnumbered.markdown', P, PAREN, AUTHOR]);
    assert.deepEqual(scopesOf(line('A quotation'), 'Westwood'), [MD, 'markup.quote.markdown', P, PAREN, AUTHOR]);
    assert.deepEqual(scopesOf(line('| De-Stalinisation'), 'Chubarov'), [MD, 'markup.table.markdown', PAREN, AUTHOR]);
    const l = line('Some *emphasis');
    assert.deepEqual(scopesOf(l, 'Smith'), [MD, P, 'markup.italic.markdown', PAREN, AUTHOR]);
    assert.deepEqual(scopesOf(l, 'Taubman'), [MD, P, 'markup.bold.markdown', NARR, AUTHOR]);
  });

  test('not inside the text of a link', () => {
    const l = line('Some *emphasis');
    const link = l.filter((token) => token.scopes.includes('meta.link.inline.markdown'));
    assert.ok(link.length > 0);
    assert.deepEqual(link.filter((token) => token.scopes.some((s) => s.endsWith('.citewright'))), []);
  });

  test('the reference-list heading is marked, its entries are not citations', () => {
    assert.deepEqual(scopesOf(line('## Bibliography'), 'Bibliography'), [
      MD,
      'markup.heading.markdown',
      'heading.2.markdown',
      'entity.name.section.markdown',
      'meta.reference-list.heading.citewright',
      'markup.heading.reference-list.citewright',
    ]);
    assert.deepEqual(ownTokens(line('Breslauer, G. W. (1980)')), []);
  });
});
