// Every author-date form of DESIGN.md, and the brackets that are not citations.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyse, doc } from './helpers';

/** Each item as `authors|year|locator|form`, plus the exact text its range covers. */
function items(text: string): string[] {
  const analysis = analyse(text);
  const document = analysis.document;
  return analysis.model.citations.flatMap((c) =>
    c.items.map((i) => `${i.authors.join('+')}${i.etAl ? '+al' : ''}|${i.year}|${i.locator?.text ?? ''}|${c.form}${i.prefix ? `|${i.prefix}` : ''} <${document.getText(i.range)}>`),
  );
}

describe('parenthetical citations', () => {
  const cases: Array<[string, string[]]> = [
    ['(Tompson 1997: p.142)', ['Tompson|1997|p.142|parenthetical <Tompson 1997: p.142>']],
    ['(Smith, 2019, p. 4)', ['Smith|2019|p. 4|parenthetical <Smith, 2019, p. 4>']],
    ['(Smith et al. 2019)', ['Smith+al|2019||parenthetical <Smith et al. 2019>']],
    ['(Smith et al., 2019)', ['Smith+al|2019||parenthetical <Smith et al., 2019>']],
    ['(Medvedev & Medvedev 1977: p.10-12)', ['Medvedev+Medvedev|1977|p.10-12|parenthetical <Medvedev & Medvedev 1977: p.10-12>']],
    ['(Jones and Brown 1999, pp. 4–7)', ['Jones+Brown|1999|pp. 4–7|parenthetical <Jones and Brown 1999, pp. 4–7>']],
    ['(Smith, Jones and Brown 2001)', ['Smith+Jones+Brown|2001||parenthetical <Smith, Jones and Brown 2001>']],
    ['(Lee 2001a; Lee 2001b)', ['Lee|2001a||parenthetical <Lee 2001a>', 'Lee|2001b||parenthetical <Lee 2001b>']],
    ['(Lee 2001a, b)', ['Lee|2001a||parenthetical <Lee 2001a>', 'Lee|2001b||parenthetical <b>']],
    ['(Smith 2001, 2003)', ['Smith|2001||parenthetical <Smith 2001>', 'Smith|2003||parenthetical <2003>']],
    ['(see Brown 1999, ch. 3)', ['Brown|1999|ch. 3|parenthetical|see <Brown 1999, ch. 3>']],
    ['(e.g. Brown 1999; cf. Lee 2001)', ['Brown|1999||parenthetical|e.g. <Brown 1999>', 'Lee|2001||parenthetical|cf. <Lee 2001>']],
    ['(WHO 2020)', ['WHO|2020||parenthetical <WHO 2020>']],
    ['(World Health Organization 2020)', ['World Health Organization|2020||parenthetical <World Health Organization 2020>']],
    ['(Van Goudoever 1986: p.4)', ['Van Goudoever|1986|p.4|parenthetical <Van Goudoever 1986: p.4>']],
    ['(de Beauvoir 1949, p. 267)', ['de Beauvoir|1949|p. 267|parenthetical <de Beauvoir 1949, p. 267>']],
    ['(von Neumann 1945)', ['von Neumann|1945||parenthetical <von Neumann 1945>']],
    ["(O'Brien 2004)", ["O'Brien|2004||parenthetical <O'Brien 2004>"]],
    ['(Lloyd-Jones 1983)', ['Lloyd-Jones|1983||parenthetical <Lloyd-Jones 1983>']],
    ['(Müller 2010)', ['Müller|2010||parenthetical <Müller 2010>']],
    ['(Smith n.d.)', ['Smith|n.d.||parenthetical <Smith n.d.>']],
    ['(Smith forthcoming)', ['Smith|forthcoming||parenthetical <Smith forthcoming>']],
    ['(Smith 2019, para. 12)', ['Smith|2019|para. 12|parenthetical <Smith 2019, para. 12>']],
    ['(Taubman 2000: p.514-15)', ['Taubman|2000|p.514-15|parenthetical <Taubman 2000: p.514-15>']],
  ];
  for (const [text, expected] of cases) test(text, () => assert.deepEqual(items(`Prose ${text} here.`), expected));
});

describe('narrative citations', () => {
  const cases: Array<[string, string[]]> = [
    ['Taubman (2003: p.271-2) describes', ['Taubman|2003|p.271-2|narrative <Taubman (2003: p.271-2>']],
    ['as Van Goudoever (1986) argues', ['Van Goudoever|1986||narrative <Van Goudoever (1986>']],
    ['Smith and Jones (2019, p. 4) show', ['Smith+Jones|2019|p. 4|narrative <Smith and Jones (2019, p. 4>']],
    ["in Smith's (2019) view", ['Smith|2019||narrative <Smith\'s (2019>']],
    ['Smith et al. (2019) found', ['Smith+al|2019||narrative <Smith et al. (2019>']],
    ['as de Beauvoir (1949) wrote', ['de Beauvoir|1949||narrative <de Beauvoir (1949>']],
    ['Smith (n.d.) and Jones (forthcoming)', ['Smith|n.d.||narrative <Smith (n.d.>', 'Jones|forthcoming||narrative <Jones (forthcoming>']],
  ];
  for (const [text, expected] of cases) test(text, () => assert.deepEqual(items(`Then ${text} it.`), expected));

  test('a longer name is read when the reference list has it', () => {
    const text = 'As the World Health Organization (2020) says.\n\n## References\n\nWorld Health Organization (2020) *Report*. Geneva: WHO.\n';
    assert.deepEqual(items(text), ['World Health Organization|2020||narrative <World Health Organization (2020>']);
  });
});

describe('a citation and the words before it stay within their paragraph', () => {
  const cases: Array<[string, string[]]> = [
    // `the` of the paragraph before does not make `Unlisted` a thing's name.
    ['the\n\nUnlisted (1999) wrote.', ['Unlisted|1999||narrative <Unlisted (1999>']],
    ['the\r\n\r\nUnlisted (1999) wrote.', ['Unlisted|1999||narrative <Unlisted (1999>']],
    ['the\r\rUnlisted (1999) wrote.', ['Unlisted|1999||narrative <Unlisted (1999>']],
    ['the\n  \nUnlisted (1999) wrote.', ['Unlisted|1999||narrative <Unlisted (1999>']],
    // Within a paragraph it still does, across a line break too.
    ['the\nUnlisted (1999) wrote.', []],
    ['the\r\nUnlisted (1999) wrote.', []],
    // A bracket does not close across a blank line, whatever the line breaks.
    ['a (Smith\r\n\r\n1999) b', []],
    ['a (Smith\r\r1999) b', []],
    ['a (Smith\r\n1999) b', ['Smith|1999||parenthetical <Smith\r\n1999>']],
  ];
  for (const [text, expected] of cases) test(JSON.stringify(text), () => assert.deepEqual(items(text), expected));
});

describe('not citations', () => {
  const cases = [
    'Khrushchev (1894–1971) led the USSR.',
    'He died in 1971 (aged 77).',
    'In 1956 (the same year as the Secret Speech) he spoke.',
    'The 1960s (1960) were long.',
    'It was the Secret Speech (1956) that mattered.',
    'Prices rose in May (2019) and fell.',
    'A year alone, 2019, in prose.',
    'See `(Smith 2019)` in code.',
    '```\n(Smith 2019)\n```',
    '<!-- (Smith 2019) -->',
    'Math $x = (Smith 2019)$ here.',
    '$$\n(Smith 2019)\n$$',
    '---\ntitle: (Smith 2019)\n---\nBody.',
    '(the use of political terror)',
    '(e.g. the use of political terror)',
    '(Figure 2019)',
  ];
  for (const text of cases) test(JSON.stringify(text), () => assert.deepEqual(items(text), []));
});

describe('citation ranges', () => {
  test('the citation range is inside the brackets; the outer range includes them', () => {
    const analysis = analyse('Text (Tompson 1997: p.142).');
    const [citation] = analysis.model.citations;
    const document = analysis.document;
    assert.equal(citation.text, 'Tompson 1997: p.142');
    assert.deepEqual(citation.range, { start: { line: 0, character: 6 }, end: { line: 0, character: 25 } });
    assert.equal(document.getText(citation.outerRange), '(Tompson 1997: p.142)');
    assert.equal(document.getText(citation.items[0].authorRanges[0]), 'Tompson');
    assert.equal(document.getText(citation.items[0].yearRange!), '1997');
    assert.equal(document.getText(citation.items[0].locator!.range), 'p.142');
  });

  test('abbreviated page ranges are expanded', () => {
    const analysis = analyse('(Ames 2001: p.271-2; Bell 2002: p.514-15; Cole 2003, pp. 1099-101; Dunn 2004: p.30-20)');
    assert.deepEqual(
      analysis.model.citations[0].items.map((i) => [i.locator?.first, i.locator?.last, i.locator?.problem]),
      [[271, 272, null], [514, 515, null], [1099, 1101, null], [30, 20, 'the range 30-20 runs backwards']],
    );
  });

  test('positions are UTF-16 characters on their line', () => {
    const document = doc('Ünïcödé — “quoted” (Müller 2010: p.3)\n');
    const analysis = analyse(document.getText());
    assert.deepEqual(analysis.model.citations[0].items[0].authorRanges[0], { start: { line: 0, character: 20 }, end: { line: 0, character: 26 } });
  });
});
