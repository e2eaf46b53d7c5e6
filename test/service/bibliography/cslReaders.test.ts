// CSL-JSON and CSL-YAML readers: entries with their ranges, broken items reported at their line.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { entrySource } from '../../../server/src/service/bibliography/bibliographyEntry';
import { readCslJson } from '../../../server/src/service/bibliography/cslJsonReader';
import { readCslYaml } from '../../../server/src/service/bibliography/cslYamlReader';
import { bibliographyFixture, entrySummaries, problemSummaries } from './bibliographyTestHelpers';

const taubman = {
  id: 'R1', key: 'taubman2003', range: [1, 2, 8, 3], keyRange: [2, 11, 2, 22], authors: ['Taubman'], authorRanges: [[4, 28, 4, 35]],
  year: '2003', yearRange: [7, 32, 7, 36], title: 'Khrushchev: The Man and His Era', container: null, editors: [], pages: null,
  kind: 'book', label: 'Taubman, W. (2003)',
};

describe('readCslJson', () => {
  test('reads references.json: every item but the broken one, which is reported at its line', () => {
    const result = readCslJson('references.json', bibliographyFixture('references.json'));
    assert.deepEqual(entrySummaries(result), [
      taubman,
      {
        id: 'R2', key: 'goudoever1986', range: [15, 2, 27, 3], keyRange: [16, 11, 16, 24],
        authors: ['van Goudoever', 'Institute of Soviet Studies'], authorRanges: [[19, 19, 19, 28], [20, 20, 20, 47]],
        year: '1986', yearRange: [26, 24, 26, 28], title: 'The Limits of Destalinization', container: 'The Soviet Union since Stalin',
        editors: ['Cohen'], pages: ['4-20', 4, 20, [25, 13, 25, 17]], kind: 'chapter',
        label: 'van Goudoever, A. P. and Institute of Soviet Studies (1986)',
      },
    ]);
    assert.deepEqual(problemSummaries(result), [{
      kind: 'syntax',
      message: "The item at line 10 cannot be read: expected ',' or '}', found '\"' (line 14, column 5). It is skipped; the other items still load.",
      range: [9, 2, 9, 3],
      related: ['Reading stopped here', [13, 4, 13, 4]],
    }]);
  });

  test('keeps the item as it was written', () => {
    const result = readCslJson('references.json', bibliographyFixture('references.json'));
    const source = entrySource(result.entries[0]);
    assert.deepEqual(source, {
      format: 'csl-json',
      item: {
        id: 'taubman2003', type: 'book', author: [{ family: 'Taubman', given: 'William' }],
        title: 'Khrushchev: The Man and His Era', publisher: 'W. W. Norton', issued: { 'date-parts': [[2003]] },
      },
    });
  });

  const messages = (text: string): string[] => readCslJson('x.json', text).problems.map((problem) => `${problem.range.start.line}: ${problem.message}`);
  const keys = (text: string): (string | null)[] => readCslJson('x.json', text).entries.map((entry) => entry.key);

  test('loads all items but reports a missing comma between them and a trailing comma', () => {
    const text = '[\n {"id": "a"}\n {"id": "b"},\n {"id": 3},\n]';
    assert.deepEqual(keys(text), ['a', 'b', '3']);
    assert.deepEqual(messages(text), [
      "2: Invalid JSON: expected ',' between items.",
      "4: Invalid JSON: a ',' after the last item.",
    ]);
  });

  test('reads a single item, an empty list, and reports what is not a list', () => {
    assert.deepEqual(keys('{"id": "only", "title": "T"}'), ['only']);
    assert.deepEqual(keys('  [ ]  '), []);
    assert.deepEqual(messages('"text"'), ['0: The file is not a list of CSL items: expected a JSON array (`[`)']);
    assert.deepEqual(messages('[{"id": "a"}, 42]'), ['0: The item at line 1 cannot be read: a CSL item must be a JSON object. It is skipped; the other items still load.']);
  });

  test('resynchronises on the next item at the same indentation after a broken string', () => {
    const text = '[\n  {\n    "id": "a",\n    "title": "never closed\n  },\n  {\n    "id": "b"\n  }\n]';
    assert.deepEqual(keys(text), ['b']);
    assert.deepEqual(messages(text), [
      '1: The item at line 2 cannot be read: the string is not closed on its line (line 4, column 27). It is skipped; the other items still load.',
    ]);
  });

  test('reports an unclosed list', () => {
    assert.deepEqual(messages('[{"id": "a"}'), ["0: Invalid JSON: the list is not closed with ']'."]);
  });

  test('reads escapes and keeps the range of an escaped family name as its whole text', () => {
    const result = readCslJson('x.json', '[{"id": "k", "author": [{"family": "M\\u00fcller"}], "issued": {"date-parts": [["1999"]]}}]');
    assert.deepEqual(entrySummaries(result).map((entry) => (entry as { authors: string[] }).authors), [['Müller']]);
    assert.deepEqual(result.entries[0].authorRanges.map((range) => [range.start.character, range.end.character]), [[36, 47]]);
    assert.equal(result.entries[0].year, '1999');
  });
});

describe('readCslYaml', () => {
  test('reads references.yaml: every item but the broken one, which is reported at its line', () => {
    const result = readCslYaml('references.yaml', bibliographyFixture('references.yaml'));
    assert.deepEqual(entrySummaries(result), [
      {
        id: 'R1', key: 'tompson1997', range: [1, 0, 9, 14], keyRange: [1, 6, 1, 17], authors: ['Tompson'], authorRanges: [[4, 14, 4, 21]],
        year: '1997', yearRange: [9, 9, 9, 13], title: 'Khrushchev: A Political Life', container: null, editors: [], pages: null,
        kind: 'book', label: 'Tompson, W. J. (1997)',
      },
      {
        id: 'R2', key: 'medvedev1977', range: [13, 0, 24, 14], keyRange: [13, 6, 13, 18], authors: ['Medvedev', 'Medvedev'],
        authorRanges: [[16, 12, 16, 20], [18, 13, 18, 21]], year: '1977', yearRange: [24, 10, 24, 14],
        title: 'Khrushchev: The Years in Power', container: 'The Soviet Union since Stalin', editors: [],
        pages: ['50-70', 50, 70, [23, 8, 23, 13]], kind: 'chapter', label: 'Medvedev, R. A. and Medvedev, Z. A. (1977)',
      },
    ]);
    assert.deepEqual(problemSummaries(result), [{
      kind: 'syntax',
      message: "The reference at line 11 cannot be read: expected ',' or ']' (line 13, column 3). It is skipped; the other references still load.",
      range: [10, 0, 10, 16],
      related: ['Reading stopped here', [12, 2, 12, 2]],
    }]);
  });

  test("reads pandoc's references: key in a YAML document, with anchors, flow collections, quotes and block text", () => {
    const result = readCslYaml('pandoc-references.yaml', bibliographyFixture('pandoc-references.yaml'));
    assert.deepEqual(entrySummaries(result), [
      {
        id: 'R1', key: 'khrushchev1970', range: [4, 2, 11, 28], keyRange: [4, 8, 4, 22], authors: ['Nikita Khrushchev'],
        authorRanges: [[7, 17, 7, 34]], year: '1970', yearRange: [10, 12, 10, 16], title: 'Khrushchev Remembers',
        container: null, editors: [], pages: null, kind: 'book', label: 'Nikita Khrushchev (1970)',
      },
      {
        id: 'R2', key: 'smith2019', range: [12, 2, 19, 41], keyRange: [13, 9, 13, 18], authors: ['Smith', 'Lee'],
        authorRanges: [[15, 22, 15, 27], [15, 52, 15, 55]], year: '2019', yearRange: [18, 27, 18, 31],
        title: 'Citation practices: a survey', container: 'Journal of "Writing" Studies', editors: [],
        pages: ['45–67', 45, 67, [17, 10, 17, 15]], kind: 'article', label: 'Smith, J. and Lee, K. (2019)',
      },
    ]);
    assert.deepEqual(result.problems, []);
    const source = entrySource(result.entries[0]);
    assert.deepEqual(source, {
      format: 'csl-yaml',
      item: { id: 'khrushchev1970', type: 'book', author: [{ literal: 'Nikita Khrushchev' }], title: 'Khrushchev Remembers\n', issued: '1970-01', publisher: 'Little, Brown' },
    });
  });

  test('reads the references of a Markdown document front matter', () => {
    const result = readCslYaml('paper.md', bibliographyFixture('pandoc-references.md'));
    assert.deepEqual(result.entries.map((entry) => [entry.key, entry.year, entry.title, [entry.range.start.line, entry.range.end.line]]), [
      ['breslauer1982', '1982', 'Khrushchev and Brezhnev as Leaders', [6, 13]],
      ['n.d.entry', null, 'Undated', [14, 15]],
    ]);
    assert.deepEqual(result.problems, []);
  });

  const read = (text: string): { keys: (string | null)[]; messages: string[] } => {
    const result = readCslYaml('x.yaml', text);
    return {
      keys: result.entries.map((entry) => entry.key),
      messages: result.problems.map((problem) => `${problem.range.start.line}: ${problem.message}`),
    };
  };

  test('reads inline references, folded and literal text, and values with colons', () => {
    const inline = readCslYaml('x.yaml', 'references: [{id: a, title: "One"}, {id: b, title: Two}]\n');
    assert.deepEqual(inline.entries.map((entry) => [entry.key, entry.title]), [['a', 'One'], ['b', 'Two']]);
    const blocks = readCslYaml('x.yaml', '- id: c\n  title: >\n    Folded\n    lines\n\n    Second\n  note: |-\n    kept\n    as is\n  container-title: Part one: the start\n');
    assert.deepEqual(entrySource(blocks.entries[0]), {
      format: 'csl-yaml',
      item: { id: 'c', title: 'Folded lines\nSecond\n', note: 'kept\nas is', 'container-title': 'Part one: the start' },
    });
  });

  test('reports each broken item and keeps the others', () => {
    assert.deepEqual(read('- id: a\n- id: b\n  title: *alias\n- id: c\n   bad: indentation\n- id: d\n'), {
      keys: ['a', 'd'],
      messages: [
        '1: The reference at line 2 cannot be read: aliases (*name) are not supported (line 3, column 10). It is skipped; the other references still load.',
        '3: The reference at line 4 cannot be read: unexpected indentation (line 5, column 4). It is skipped; the other references still load.',
      ],
    });
  });

  test('reports what is not a list of references', () => {
    assert.deepEqual(read('title: no references here\n'), { keys: [], messages: [] });
    assert.deepEqual(read('references: none\n'), { keys: [], messages: ['0: The `references:` key does not hold a list of `- id: ...` items.'] });
    assert.deepEqual(read('just text\n'), { keys: [], messages: ['0: The file is not a list of references: expected `- id: ...` items or a `references:` key.'] });
    assert.deepEqual(read('- plain text item\n'), {
      keys: [],
      messages: ['0: The reference at line 1 cannot be read: a reference must be a mapping of `key: value` lines. It is skipped; the other references still load.'],
    });
    assert.deepEqual(read(''), { keys: [], messages: [] });
  });

  test('keeps ids as written: 007 stays text, 2005 becomes the key "2005"', () => {
    assert.deepEqual(read('- id: 007\n- id: 2005\n'), { keys: ['007', '2005'], messages: [] });
  });
});
