// Reference lists: headings, entry shapes, fields of each entry, and which list serves which text.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyse, fixture } from './helpers';

function entries(text: string): string[] {
  return analyse(text).model.entries.map((e) => `${e.authors.join('+')}|${e.year}|${e.kind}|${e.title}|${e.container ?? ''}|${e.pages ? `${e.pages.first}-${e.pages.last}` : ''}|${e.shape.marker}`);
}

describe('reference-list headings', () => {
  for (const heading of ['## References', '# Bibliography', '### Works Cited', '## Reference List', '**References**', 'References', 'References\n==========', '## 7. References']) {
    test(JSON.stringify(heading), () => {
      const text = `Body (Smith 2019).\n\n${heading}\n\nSmith, J. (2019) *Book*. London: Penguin\n`;
      assert.deepEqual(entries(text), ['Smith|2019|book|Book|||']);
    });
  }

  test('a heading inside a code fence is not a list', () => {
    assert.deepEqual(entries('```\n## References\n\nSmith, J. (2019) *Book*.\n```\n'), []);
  });

  test('a list ends at the next heading of its level', () => {
    const analysis = analyse('## References\n\nSmith, J. (2019) *Book*.\n\n## Appendix\n\nJones, K. (2001) *Not an entry*.\n');
    assert.deepEqual(analysis.model.entries.map((e) => e.authors[0]), ['Smith']);
  });
});

describe('entries', () => {
  test('Harvard chapter in an edited book, with its page range', () => {
    const [entry] = analyse("## Bibliography\n\nBreslauer, G. W. (1980) 'Khrushchev Reconsidered' in *The Soviet Union Since Stalin*. ed. by Cohen, S.F., Rabinowitch, A and Sharlet, R. London and Basingstoke: Macmillan, p.50-70\n").model.entries;
    assert.deepEqual(
      [entry.authors, entry.year, entry.title, entry.container, entry.editors, entry.pages?.first, entry.pages?.last, entry.kind, entry.label],
      [['Breslauer'], '1980', 'Khrushchev Reconsidered', 'The Soviet Union Since Stalin', ['Cohen', 'Rabinowitch', 'Sharlet'], 50, 70, 'chapter', 'Breslauer, G. W. (1980)'],
    );
  });

  test('APA journal article with volume, issue and pages', () => {
    assert.deepEqual(entries('## References\n\nSmith, J. and Lee, K. (2019). Title of paper. *Journal of Things*, 12(3), pp. 45–67.\n'), ['Smith+Lee|2019|article|Title of paper|Journal of Things|45-67|']);
  });

  test('Harvard with the year after a comma', () => {
    assert.deepEqual(entries('## References\n\nSmith, J., 2019. Title. Place: Publisher.\n'), ['Smith|2019|book|Title|||']);
  });

  test('lectures and web pages', () => {
    assert.deepEqual(entries('## References\n\nChubarov, A. (2011) *Post-War Years* [lecture] module 272ISS. Coventry: Coventry University\n\nBBC (2020) Climate. Available at: https://bbc.co.uk (Accessed: 1 May 2020).\n'), [
      'Chubarov|2011|lecture|Post-War Years|||',
      'BBC|2020|web|Climate|||',
    ]);
  });

  test('particles, diacritics and three authors with an ampersand', () => {
    assert.deepEqual(entries('## References\n\n- van der Berg, P. (2001) *A*.\n- Müller, K., O\'Brien, T. & Lloyd-Jones, M. (2002) *B*.\n'), [
      'van der Berg|2001|book|A|||-',
      "Müller+O'Brien+Lloyd-Jones|2002|book|B|||-",
    ]);
  });

  test('numbered items, bold heading, bare years', () => {
    assert.deepEqual(entries(fixture('harvard-numbered.md')), [
      'Adams|2015|book|Green Cities|||1.',
      'Jones|2010|book|Gardens|||1.',
    ]);
  });

  test('one entry per line without blank lines, and wrapped entries', () => {
    assert.deepEqual(entries('## References\n\nAdams, P. (2015) *Green*. London:\nVerso.\nJones, R. (2010) *Gardens*. Leeds: LUP.\n'), [
      'Adams|2015|book|Green|||',
      'Jones|2010|book|Gardens|||',
    ]);
  });

  test('APA fixture: every entry read', () => {
    assert.deepEqual(entries(fixture('apa-paper.md')), [
      'Brown|2018a|article|Naps and learning|Journal of Sleep Research|101-115|',
      'Brown|2018b|book|Sleep: A guide|||',
      'Garcia|2017|article|Memory consolidation during sleep|Neuron|1-19|',
      'Lee+Park|2020|chapter|Napping and recall|Sleep science|40-70|',
      'Nguyen|2016|book|Why we sleep|||',
      'Smith+Jones+Brown|2019|article|Sleep in older adults|Sleep|12-30|',
      'Smith|2019|book|Short sleep|||',
      'World Health Organization|2021|book|Sleep guidelines|||',
    ]);
  });
});

describe('long author lists', () => {
  const fourteen = ['Jor', 'Wingate', 'Zhong', 'Harris', 'Vachet', 'Clark', 'Londono', 'Green', 'Stokes', 'Wignall', 'Glish', 'Porter', 'Evans', 'Murray'];

  test('Harvard, 14 authors (bench corpus): the initials N. D. are not the year n.d.', () => {
    const entry = "Jor, M. J., Wingate, J. E., Zhong, C. J., Harris, J. E., Vachet, R. W., Clark, M. R., Londono, J. D., Green, S. J., Stokes, J. J., Wignall, G. D., Glish, G. L., Porter, M. D., Evans, N. D. and Murray, R. W. (2002) 'Alkanethiolate gold cluster molecules with core diameters from 1.5 to 5.2 nm: Core and monolayer properties as a function of core size', *Langmuir*, 14(1), p.17-30";
    assert.deepEqual(entries(`## References\n\n${entry}\n`), [`${fourteen.join('+')}|2002|article|Alkanethiolate gold cluster molecules with core diameters from 1.5 to 5.2 nm: Core and monolayer properties as a function of core size|Langmuir|17-30|`]);
  });

  test('APA, 14 authors with given names: the year more than 300 characters in', () => {
    const given = ['Michael J. A.', 'Jennifer E. B.', 'Charles J. C.', 'Jonathan E. D.', 'Richard W. E.', 'Margaret R. F.', 'Jose D. G.', 'Stephen J. H.', 'Jeremy J. I.', 'George D. J.', 'Gregory L. K.', 'Marc D. L.', 'Nicola D. M.'];
    const authors = `${fourteen.slice(0, -1).map((name, i) => `${name}, ${given[i]}`).join(', ')}, & Murray, Royce W. N.`;
    const entry = `${authors} (2002). Alkanethiolate gold cluster molecules. *Langmuir*, 14(1), 17–30.`;
    assert.ok(entry.indexOf('(2002)') > 300, `the year at ${entry.indexOf('(2002)')}`);
    const [read] = analyse(`## References\n\n${entry}\n`).model.entries;
    assert.deepEqual([read.authors, read.year, read.title, read.container, read.pages?.first, read.pages?.last, read.label],
      [fourteen, '2002', 'Alkanethiolate gold cluster molecules', 'Langmuir', 17, 30, `${authors} (2002)`]);
  });

  test("APA 7's ellipsis before the last of twenty-one authors", () => {
    const names = Array.from({ length: 19 }, (_, i) => `Author${String.fromCharCode(65 + i)}, Q. R.`).join(', ');
    const entry = `${names}, . . . Last, Z. (2021). Title. *Journal*, 3(2), 4–5.`;
    assert.ok(entry.indexOf('(2021)') > 300);
    const [read] = analyse(`## References\n\n${entry}\n`).model.entries;
    assert.deepEqual([read.year, read.authors.length, read.authors.at(-1)], ['2021', 20, 'Last']);
  });

  test('a year in a long title after a normal author part is not the year', () => {
    const title = 'A very long title about reform and policy in the Soviet Union, '.repeat(5);
    const noYear = analyse(`## References\n\nSmith, J. ${title}from 1953 to 1964. London: Verso.\n`).model.entries;
    assert.deepEqual(noYear, []);
    const [labelled] = analyse(`## References\n\nSmith, J. (2001) ${title}from 1953 to 1964. London: Verso.\n`).model.entries;
    assert.deepEqual([labelled.authors, labelled.year], [['Smith'], '2001']);
  });
});

describe('several lists', () => {
  test('each list serves the text between the previous list and itself', () => {
    const analysis = analyse(fixture('two-lists.md'));
    assert.deepEqual(analysis.model.citations.map((c) => `${c.text}->${c.listIndex}`), ['Ames 1990->0', 'Baker 2000->0', 'Ames 1991->1', 'Baker 2000->1']);
    assert.deepEqual(analysis.items.map((c) => c.resolution.status), ['resolved', 'resolved', 'resolved', 'unresolved']);
  });
});
