// RIS reader: records with their ranges, broken records reported at their line.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readRis } from '../../../server/src/service/bibliography/risReader';
import { bibliographyFixture, entrySummaries, problemSummaries } from './bibliographyTestHelpers';

describe('readRis', () => {
  test('reads references.ris: every record but the one without ER, which is reported at its TY line', () => {
    const result = readRis('references.ris', bibliographyFixture('references.ris'));
    assert.deepEqual(entrySummaries(result), [
      {
        id: 'R1', key: 'smith2019', range: [0, 0, 9, 5], keyRange: [8, 6, 8, 15], authors: ['Smith', 'Lee'],
        authorRanges: [[1, 6, 1, 11], [2, 6, 2, 9]], year: '2019', yearRange: [3, 6, 3, 10],
        title: 'Citation practices in student essays', container: 'Journal of Writing Studies', editors: [],
        pages: ['45-67', 45, 67, [6, 6, 6, 8]], kind: 'article', label: 'Smith, J. and Lee, K. (2019)',
      },
      {
        id: 'R2', key: 'who2020', range: [16, 0, 24, 5], keyRange: [23, 6, 23, 13], authors: ['World Health Organization'],
        authorRanges: [[17, 6, 17, 31]], year: '2020', yearRange: [19, 6, 19, 10], title: 'Situation reports',
        container: 'Pandemic Documents', editors: ['Brown'], pages: ['100-112', 100, 112, [22, 6, 22, 13]], kind: 'chapter',
        label: 'World Health Organization (2020)',
      },
    ]);
    assert.deepEqual(problemSummaries(result), [{
      kind: 'syntax',
      message: 'The record at line 12 has no ER line before the next record (line 17). It is skipped; the other records still load.',
      range: [11, 0, 11, 10],
      related: null,
    }]);
  });

  const read = (text: string): { keys: (string | null)[]; messages: string[] } => {
    const result = readRis('x.ris', text);
    return { keys: result.entries.map((entry) => entry.key), messages: result.problems.map((problem) => `${problem.range.start.line}: ${problem.message}`) };
  };

  test('reports tags outside a record once and skips them up to ER', () => {
    assert.deepEqual(read('AU  - Lost, A.\nTI  - No TY\nER  - \nTY  - BOOK\nID  - kept\nER  - \n'), {
      keys: ['kept'],
      messages: ['0: The tag AU at line 1 is outside a record: a record starts with a TY line. The lines up to the next ER are skipped.'],
    });
  });

  test('reports a record the file ends in', () => {
    assert.deepEqual(read('TY  - BOOK\nID  - a\nER  -\nTY  - JOUR\nID  - b\n'), {
      keys: ['a'],
      messages: ['3: The record at line 4 has no ER line: the file ends inside it. It is skipped; the other records still load.'],
    });
  });

  test('joins wrapped lines to the value before them, and reads a record without ID', () => {
    const result = readRis('x.ris', 'TY  - BOOK\r\nTI  - A title wrapped\r\n  over two lines\r\nAU  - Ann Other\r\nDA  - 2004/05/01/\r\nER  - \r\n');
    assert.deepEqual(result.entries.map((entry) => [entry.key, entry.title, entry.authors, entry.year, entry.kind]), [
      [null, 'A title wrapped over two lines', ['Ann Other'], '2004', 'book'],
    ]);
  });
});
