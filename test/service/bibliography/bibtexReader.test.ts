// The .bib reader: entries at their lines, fields, macros, crossref, accents, broken entries, duplicate keys.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import type { BibliographyReadResult } from '../../../server/src/service/bibliography/bibliographyEntry';
import { bibEntryType, bibFieldRange, bibFields } from '../../../server/src/service/bibliography/bibliographyEntry';
import { readBibtex } from '../../../server/src/service/bibliography/bibtexReader';
import type { ReferenceEntry } from '../../../server/src/service/model';
import { bibliographyFixture, compact, entrySummaries, problemSummaries } from './bibliographyTestHelpers';

describe('readBibtex on library.bib', () => {
  const text = bibliographyFixture('library.bib');
  const result = readBibtex('refs/library.bib', text);

  test('loads every entry but the broken one, each at its line, with its facts', () => {
    assert.deepEqual(entrySummaries(result), [
      {
        id: 'R1', key: 'tompson1997', range: [7, 0, 14, 1], keyRange: [7, 9, 7, 20],
        authors: ['Tompson', 'Müller'], authorRanges: [[8, 15, 8, 22], [8, 39, 8, 49]],
        year: '1997', yearRange: [11, 14, 11, 18], title: 'Khrushchev: A Political Life',
        container: 'Journal of Historical Studies', editors: [], pages: ['130--152', 130, 152, [13, 15, 13, 23]],
        kind: 'article', label: 'Tompson, W. J. and Müller, J. (1997)',
      },
      {
        id: 'R2', key: 'breslauer1982', range: [18, 0, 24, 1], keyRange: [18, 6, 18, 19],
        authors: ['Breslauer'], authorRanges: [[19, 25, 19, 34]], year: '1982', yearRange: [23, 15, 23, 19],
        title: 'Khrushchev and Brezhnev as Leaders: Building Authority in Soviet Politics', container: null,
        editors: [], pages: null, kind: 'book', label: 'Breslauer, G. W. (1982)',
      },
      {
        // Year, editors and book title come from the crossref parent cohen1980 (its date is on line 43).
        id: 'R3', key: 'medvedev1977', range: [31, 0, 36, 1], keyRange: [31, 14, 31, 26],
        authors: ['Medvedev', 'Medvedev'], authorRanges: [[32, 22, 32, 30], [32, 45, 32, 53]],
        year: '1980', yearRange: [42, 15, 42, 19], title: 'Khrushchev: The Years in Power & After',
        container: 'The Soviet Union since Stalin', editors: ['Cohen', 'de la Boétie'],
        pages: ['50--70', 50, 70, [35, 15, 35, 21]], kind: 'chapter', label: 'Medvedev, R. A. and Medvedev, Z. A. (1980)',
      },
      {
        id: 'R4', key: 'cohen1980', range: [38, 0, 43, 1], keyRange: [38, 12, 38, 21], authors: [], authorRanges: [],
        year: '1980', yearRange: [42, 15, 42, 19], title: 'The Soviet Union since Stalin', container: null,
        editors: ['Cohen', 'de la Boétie'], pages: null, kind: 'book', label: 'Cohen, S. F. and de la Boétie, É. (eds.) (1980)',
      },
      {
        id: 'R5', key: 'who2020', range: [45, 0, 51, 1], keyRange: [45, 8, 45, 15],
        authors: ['World Health Organization'], authorRanges: [[46, 16, 46, 41]], year: '2020', yearRange: [50, 14, 50, 18],
        title: 'Coronavirus disease (COVID-19) – situation report', container: null, editors: [], pages: null,
        kind: 'web', label: 'World Health Organization (2020)',
      },
      {
        id: 'R6', key: 'breslauer1982', range: [53, 0, 57, 1], keyRange: [53, 6, 53, 19],
        authors: ['Breslauer'], authorRanges: [[54, 15, 54, 24]], year: '1982', yearRange: [56, 15, 56, 19],
        title: 'A duplicate key', container: null, editors: [], pages: null, kind: 'book', label: 'Breslauer, G. (1982)',
      },
      {
        id: 'R7', key: 'vangoudoever1986', range: [59, 0, 63, 1], keyRange: [59, 6, 59, 22],
        authors: ['van Goudoever', 'Straße', 'Škrabal'], authorRanges: [[60, 15, 60, 28], [60, 44, 60, 54], [60, 75, 60, 88]],
        year: '1986', yearRange: [62, 15, 62, 19], title: 'The TeXbook and Other Stories — Revised', container: null,
        editors: [], pages: null, kind: 'other', label: 'van Goudoever, A. P. et al. (1986)',
      },
    ]);
  });

  test('reports the broken entry at its line and the duplicate key at the second key', () => {
    assert.deepEqual(problemSummaries(result), [
      {
        kind: 'syntax',
        message: "Entry 'broken1980' cannot be read: the '{' at line 28, column 15 is never closed; a new entry starts at line 32. It is skipped; the other entries still load.",
        range: [26, 0, 26, 24],
        related: ['Reading stopped here', [31, 0, 31, 0]],
      },
      {
        kind: 'duplicate-key',
        message: "Duplicate key 'breslauer1982': already defined on line 19",
        range: [53, 6, 53, 19],
        related: ["First definition of 'breslauer1982'", [18, 6, 18, 19]],
      },
    ]);
  });

  test('gives each entry its text, source and offsets', () => {
    const [first] = result.entries;
    assert.equal(first.source, 'refs/library.bib');
    assert.equal(first.text, text.slice(first.start, first.end));
    assert.ok(first.text.startsWith('@article{tompson1997,'));
    assert.ok(first.text.endsWith('pages     = {130--152},\n}'));
  });

  test('gives the fields as written, with @string macros, # joins and month macros expanded', () => {
    assert.deepEqual([...(bibFields(result.entries[0]) ?? [])], [
      ['author', 'Tompson, William J. and M{\\"u}ller, J{\\"o}rg'],
      ['title', '{Khrushchev}: A Political Life'],
      ['journal', 'Journal of Historical Studies'],
      ['year', '1997'],
      ['month', '3'],
      ['pages', '130--152'],
    ]);
    assert.equal(bibEntryType(result.entries[0]), 'article');
    assert.deepEqual(compact(bibFieldRange(result.entries[0], 'journal')), [10, 14, 10, 17]);
    assert.deepEqual(compact(bibFieldRange(result.entries[0], 'Pages')), [13, 14, 13, 24]);
    assert.equal(bibFieldRange(result.entries[0], 'editor'), null);
  });

  test('takes crossref fields under biblatex names: the parent title becomes the booktitle', () => {
    assert.deepEqual([...(bibFields(result.entries[2]) ?? [])], [
      ['author', 'Roy A. Medvedev and Zhores A. Medvedev'],
      ['title', 'Khrushchev: The Years in Power \\& After'],
      ['crossref', 'cohen1980'],
      ['pages', '50--70'],
      ['editor', "Cohen, Stephen F. and {\\'E}tienne de la Bo{\\'e}tie"],
      ['booktitle', 'The Soviet Union since {Stalin}'],
      ['publisher', 'Indiana University Press'],
      ['date', '1980-05'],
    ]);
    assert.deepEqual(compact(bibFieldRange(result.entries[2], 'booktitle')), [40, 14, 40, 47]);
  });

  test('gives nothing for entries that do not come from a .bib file', () => {
    // JSON keeps the fields of the model and nothing of what the reader knew.
    const plain: ReferenceEntry = JSON.parse(JSON.stringify(result.entries[0]));
    assert.equal(plain.key, 'tompson1997');
    assert.equal(bibFields(plain), null);
    assert.equal(bibEntryType(plain), null);
    assert.equal(bibFieldRange(plain, 'title'), null);
  });

  test('gives every field of the model, and nothing else, to JSON', () => {
    assert.deepEqual(Object.keys(JSON.parse(JSON.stringify(result.entries[1]))), [
      'id', 'source', 'range', 'start', 'end', 'text', 'key', 'keyRange', 'authors', 'authorRanges', 'year', 'yearRange',
      'title', 'container', 'editors', 'pages', 'label', 'kind',
    ]);
  });

  test('numbers ids from the options', () => {
    const numbered = readBibtex('library.bib', text, { idPrefix: 'library.bib#', firstIdNumber: 0 });
    assert.deepEqual(numbered.entries.map((entry) => entry.id).slice(0, 3), ['library.bib#0', 'library.bib#1', 'library.bib#2']);
  });
});

describe('readBibtex syntax', () => {
  const keys = (text: string): (string | null)[] => readBibtex('x.bib', text).entries.map((entry) => entry.key);
  const messages = (text: string): string[] => readBibtex('x.bib', text).problems.map((problem) => `${problem.range.start.line}: ${problem.message}`);

  test('reads parenthesised entries, quoted values with braces, numbers and empty entries', () => {
    const result = readBibtex('x.bib', '@book(a, title = "A {"}quoted{"} title", year = 2001)\n@misc{b}\n@misc{c,}\n');
    assert.deepEqual(result.entries.map((entry) => [entry.key, entry.title, entry.year]), [
      ['a', 'A "quoted" title', '2001'],
      ['b', null, null],
      ['c', null, null],
    ]);
    assert.deepEqual(result.problems, []);
  });

  test('ignores text and commented-out entries outside entries', () => {
    const text = [
      'Some notes, with an @ sign in them.',
      '% @electronic{commented,',
      '%   title = {gone}',
      '@comment{ @article{inside, title = {a comment}} }',
      '@Comment This line is a comment too',
      '@article{kept, title = {Kept}}',
    ].join('\n');
    assert.deepEqual(keys(text), ['kept']);
    assert.deepEqual(messages(text), []);
  });

  test('accepts % comment lines between fields', () => {
    const result = readBibtex('x.bib', '@article{a,\n  title = {T},\n% year = {1999},\n  year = {2000}\n}\n');
    assert.deepEqual([...(bibFields(result.entries[0]) ?? [])], [['title', 'T'], ['year', '2000']]);
  });

  test('reports an entry without a key and reads on', () => {
    const text = '@article{\n  title = {No key},\n}\n@book{b, title = {B}}\n';
    assert.deepEqual(keys(text), ['b']);
    assert.deepEqual(messages(text), [
      "0: This @article entry cannot be read: the entry has no key: 'title =' is a field (line 2, column 3). It is skipped; the other entries still load.",
    ]);
  });

  test('reports a missing comma between fields at the entry, saying where reading stopped', () => {
    const text = '@article{a,\n  title = {T}\n  year = {2000}\n}\n@book{b, title = {B}}\n';
    const result = readBibtex('x.bib', text);
    assert.deepEqual(keys(text), ['b']);
    assert.deepEqual(problemSummaries(result), [{
      kind: 'syntax',
      message: "Entry 'a' cannot be read: expected ',' or '}' after the value of 'title', found 'y' (line 3, column 3). It is skipped; the other entries still load.",
      range: [0, 0, 0, 10],
      related: ['Reading stopped here', [2, 2, 2, 2]],
    }]);
  });

  test('reports garbage after @, an unclosed quote and an unbalanced brace in quotes', () => {
    const text = '@@@ garbage\n@article{a, title = "open\n@book{b, title = {B}}\n@misc{c, note = "x}"}\n@misc{d}';
    assert.deepEqual(keys(text), ['b', 'd']);
    assert.deepEqual(messages(text), [
      "0: This entry cannot be read: expected '{' after '@@@', found 'g'. It is skipped; the other entries still load.",
      "1: Entry 'a' cannot be read: the '\"' at line 2, column 21 is never closed; a new entry starts at line 3. It is skipped; the other entries still load.",
      "3: Entry 'c' cannot be read: unbalanced '}' inside the quoted value that opens at line 4, column 17 (line 4, column 19). It is skipped; the other entries still load.",
    ]);
  });

  test('reads on to the end when the last line is `@type` and nothing more (it once never returned)', () => {
    // In a child process with a deadline, so that a regression fails instead of hanging the suite.
    const script = `const { readBibtex } = require(${JSON.stringify(require.resolve('../../../server/src/service/bibliography/bibtexReader'))});
      const text = '@article{x, title = {abc\\n@abc';
      const reads = [readBibtex('x.bib', text), readBibtex('x.bib', Buffer.from(text))];
      process.stdout.write(JSON.stringify(reads.map((r) => ({ entries: r.entries.length, problems: r.problems }))));`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(child.signal, null, 'the read did not finish in 20 s');
    const results = JSON.parse(child.stdout) as { entries: number; problems: BibliographyReadResult['problems'] }[];
    assert.equal(results.length, 2);
    for (const result of results) {
      assert.equal(result.entries, 0);
      assert.deepEqual(problemSummaries({ entries: [], problems: result.problems }), [
        {
          kind: 'syntax',
          message: "Entry 'x' cannot be read: the '{' at line 1, column 21 is never closed (line 2, column 5). It is skipped; the other entries still load.",
          range: [0, 0, 0, 10],
          related: ['Reading stopped here', [1, 4, 1, 4]],
        },
        {
          kind: 'syntax',
          message: "This entry cannot be read: expected '{' after '@abc', found the end of the file. It is skipped; the other entries still load.",
          range: [1, 0, 1, 4],
          related: null,
        },
      ]);
    }
  });

  test('reports an entry the file ends in', () => {
    const text = '@book{b, title = {B}}\n@article{a, title = {T},\n';
    assert.deepEqual(keys(text), ['b']);
    assert.deepEqual(messages(text), [
      "1: Entry 'a' cannot be read: expected a field name or '}', found the end of the file (line 3, column 1). It is skipped; the other entries still load.",
    ]);
  });

  test('reports a broken @string and keeps reading', () => {
    const text = '@string{x = }\n@book{b, title = x}\n';
    const result = readBibtex('x.bib', text);
    assert.deepEqual(result.entries.map((entry) => [entry.key, entry.title]), [['b', null]]);
    assert.deepEqual(messages(text), [
      "0: This @string cannot be read: expected a value ({text}, \"text\", a number or a @string name), found '}' (line 1, column 13). It is skipped; the other entries still load.",
    ]);
  });

  test('counts lines and characters the LSP way with CRLF line ends and a BOM', () => {
    const result = readBibtex('x.bib', '\uFEFF@book{a,\r\n  author = {Ann Lee},\r\n  year = {2001}}\r\n');
    assert.deepEqual(compact(result.entries[0].range), [0, 1, 2, 16]);
    assert.deepEqual(compact(result.entries[0].authorRanges[0]), [1, 16, 1, 19]);
    assert.deepEqual(compact(result.entries[0].yearRange), [2, 10, 2, 14]);
  });

  test('inherits from @xdata and does not list @xdata containers', () => {
    const text = '@xdata{pub, publisher = {Oxford University Press}, location = {Oxford}}\n@book{a, title = {A}, xdata = {pub}, year = 1999}\n';
    const result = readBibtex('x.bib', text);
    assert.deepEqual(result.entries.map((entry) => entry.key), ['a']);
    assert.equal(bibFields(result.entries[0])?.get('publisher'), 'Oxford University Press');
  });

  test('stops at a crossref cycle', () => {
    const result = readBibtex('x.bib', '@book{a, crossref = {b}}\n@book{b, crossref = {a}, year = 2000}\n');
    assert.deepEqual(result.entries.map((entry) => [entry.key, entry.year]), [['a', '2000'], ['b', '2000']]);
  });

  test('keeps reading after many unclosed braces (each costs one entry only)', () => {
    const broken = Array.from({ length: 200 }, (_, i) => `@misc{m${i}, title = {open\n`).join('');
    const result = readBibtex('x.bib', `${broken}@book{last, title = {Last}}\n`);
    assert.deepEqual(result.entries.map((entry) => entry.key), ['last']);
    assert.equal(result.problems.length, 200);
  });
});

describe('readBibtex on bytes', () => {
  // 2-, 3- and 4-byte characters before the positions asked for, CRLF line ends, a broken entry after them.
  const text = [
    '@book{müller2001,\r\n',
    '  author = {Gödel, Kurt and 東京, Ähm and Ünal, 😀},\r\n',
    '  title = {It’s 𝔘},\r\n',
    '  year = {2001}}\r\n',
    '@article{broken😀, title = {é\r\n',
    '@misc{z, note = {ü} 😀}\r\n',
  ].join('');

  test('positions count UTF-16 characters, as reading the text does', () => {
    const result = readBibtex('x.bib', Buffer.from(text, 'utf8'));
    const [entry] = result.entries;
    assert.equal(entry.key, 'müller2001');
    const end = text.indexOf('\r\n@article');
    assert.deepEqual([entry.start, entry.end], [0, end]);
    assert.deepEqual(compact(entry.keyRange), [0, 6, 0, 16]);
    assert.deepEqual(entry.authors, ['Gödel', '東京', 'Ünal']);
    assert.deepEqual(entry.authorRanges.map(compact), [[1, 12, 1, 17], [1, 28, 1, 30], [1, 40, 1, 44]]);
    assert.deepEqual(compact(entry.yearRange), [3, 10, 3, 14]);
    assert.equal(entry.title, 'It’s 𝔘');
    assert.equal(entry.text, text.slice(0, end));
    assert.deepEqual(compact(bibFieldRange(entry, 'title')), [2, 10, 2, 19]);
    assert.deepEqual(problemSummaries(result), problemSummaries(readBibtex('x.bib', text)));
    assert.deepEqual(result.problems.map((problem) => [problem.message, compact(problem.range)]), [
      [
        "Entry 'broken😀' cannot be read: the '{' at line 5, column 28 is never closed; a new entry starts at line 6. It is skipped; the other entries still load.",
        [4, 0, 4, 17],
      ],
      ["Entry 'z' cannot be read: expected ',' or '}' after the value of 'note', found '😀' (line 6, column 21). It is skipped; the other entries still load.", [5, 0, 5, 7]],
    ]);
  });

  test('positions far along one long line are those of the text', () => {
    const line = Array.from({ length: 40 }, (_, i) => `@misc{é${i % 30}, title = {ü 😀 東京}} `).join('');
    const bytes = Buffer.concat([Buffer.from(`${line}@misc{x, note = {a} `), Buffer.from([0xff]), Buffer.from('}\n')]);
    const decoded = bytes.toString('utf8');
    const fromBytes = readBibtex('x.bib', bytes);
    assert.deepEqual(problemSummaries(fromBytes), problemSummaries(readBibtex('x.bib', decoded)));
    assert.deepEqual(JSON.parse(JSON.stringify(fromBytes.entries)), JSON.parse(JSON.stringify(readBibtex('x.bib', decoded).entries)));
    const at = decoded.indexOf('@misc{x');
    assert.deepEqual(compact(fromBytes.problems.at(-1)!.range), [0, at, 0, at + 7]);
    assert.equal(fromBytes.problems.length, 11);
  });

  test('a byte order mark is dropped and invalid UTF-8 reads as U+FFFD, as in the decoded text', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('@book{a\xff,\n  title = {B', 'latin1'), Buffer.from([0xe2, 0x82]), Buffer.from('d ü}}\n')]);
    const decoded = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const fromBytes = readBibtex('x.bib', bytes);
    const [entry] = fromBytes.entries;
    assert.deepEqual([entry.key, entry.title, entry.start, compact(entry.keyRange)], ['a\uFFFD', 'B\uFFFDd ü', 0, [0, 6, 0, 8]]);
    assert.equal(entry.text, decoded.trimEnd());
    assert.deepEqual(JSON.parse(JSON.stringify(fromBytes.entries)), JSON.parse(JSON.stringify(readBibtex('x.bib', decoded).entries)));
  });
});

describe('readBibtex byKey', () => {
  const firstOfEachKey = (entries: readonly ReferenceEntry[]) => {
    const map = new Map<string, ReferenceEntry>();
    for (const entry of entries) if (entry.key !== null && !map.has(entry.key)) map.set(entry.key, entry);
    return map;
  };

  test('gives the first entry of each key, in the order of the file, as a map would', () => {
    const result = readBibtex('x.bib', '@book{b, title = {B}}\n@book{a, title = {A}}\n@book{b, title = {B again}}\n@broken{\n@misc{c}\n');
    const byKey = result.byKey!;
    const expected = firstOfEachKey(result.entries);
    assert.deepEqual([...byKey], [...expected]);
    assert.deepEqual([[...byKey.keys()], [...byKey.values()], [...byKey.entries()], byKey.size], [[...expected.keys()], [...expected.values()], [...expected.entries()], 3]);
    assert.equal(byKey.get('b'), result.entries[0]);
    assert.deepEqual([byKey.has('a'), byKey.has('d'), byKey.get('d')], [true, false, undefined]);
    const seen: [string, string | null][] = [];
    byKey.forEach((entry, key, map) => {
      assert.equal(map, byKey);
      seen.push([key, entry.title]);
    });
    assert.deepEqual(seen, [['b', 'B'], ['a', 'A'], ['c', null]]);
  });

  test('is left to the caller when @xdata containers are not entries', () => {
    const result = readBibtex('x.bib', '@xdata{a, publisher = {P}}\n@book{a, title = {A}}\n');
    assert.deepEqual([result.byKey, result.entries.map((entry) => entry.title)], [undefined, ['A']]);
  });
});
