// The essay from the shared corpus: exactly the findings issue 2 lists, and nothing else.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { resolvedEntry } from '../../server/src/service/resolve/resolver';
import { applyEdits, codesAndLines, doc, ESSAY_PATH, service } from './helpers';

const essay = doc(readFileSync(ESSAY_PATH, 'utf8'), 'markdown', 'file:///corpus/khrushchev-essay.md');

describe('the Khrushchev essay', () => {
  test('reports exactly the 14 expected findings', () => {
    assert.deepEqual(codesAndLines(essay), [
      'adjacent-citations@25',
      'inconsistent-page-ranges@59',
      'misspelled-author@13',
      'misspelled-author@17',
      'misspelled-author@27',
      'misspelled-author@27',
      'page-out-of-range@21',
      'page-out-of-range@29',
      'page-out-of-range@35',
      'reference-format@41',
      'reference-order@59',
      'unused-reference@61',
      'year-mismatch@21',
      'year-mismatch@25',
    ]);
  });

  test('finds 44 citations and 17 entries; 38 items resolve', () => {
    const analysis = service().analyse(essay);
    assert.equal(analysis.model.citations.length, 44);
    assert.equal(analysis.model.entries.length, 17);
    assert.equal(analysis.items.filter((c) => resolvedEntry(c.resolution) !== null).length, 38);
  });

  test('names what was found and what was expected', () => {
    const messages = service().getDiagnostics(essay).map((d) => d.message);
    assert.ok(messages.includes("'Breslaur 1980' has no entry; did you mean Breslauer, G. W. (1980)?"));
    assert.ok(messages.includes("'Taubman 2000' has no entry for 2000; did you mean Taubman, W. (2003)?"));
    assert.ok(messages.includes("'Hoffman 1980' has no entry; did you mean Hoffmann, E. P. (1980)?"));
    assert.ok(messages.includes('p.41-2 is outside the pages of Medvedev, R. A. (1980) (p.12-32)'));
    assert.ok(messages.includes('Sharlet, R. (1980) is never cited'));
  });

  test('the misspelt names and wrong years are fixed to Breslauer, Hoffmann and 2003', () => {
    const svc = service();
    const fixed = new Map<string, string>();
    for (const d of svc.getDiagnostics(essay)) {
      if (d.code !== 'misspelled-author' && d.code !== 'year-mismatch') continue;
      const [action] = svc.getCodeActions(essay, d.range, ['quickfix']).filter((a) => a.diagnostics?.[0]?.code === d.code);
      const edits = action.edit!.changes![essay.uri];
      assert.equal(edits.length, 1);
      const line = applyEdits(essay, edits).split('\n')[d.range.start.line];
      const { character } = d.range.start;
      assert.deepEqual(edits[0].range, d.range);
      assert.match(essay.getText(d.range), /^(?:Breslaur|Hoffman|2000)$/);
      assert.equal(line.slice(character, character + edits[0].newText.length), edits[0].newText);
      fixed.set(`${d.code}@${d.range.start.line + 1}:${character}`, edits[0].newText);
    }
    assert.deepEqual([...fixed.values()].sort(), ['2003', '2003', 'Breslauer', 'Breslauer', 'Hoffmann', 'Hoffmann']);
  });

  test('fix-all leaves only findings without an obvious fix, and a second fix-all changes nothing', () => {
    const svc = service();
    const once = doc(applyEdits(essay, svc.getFixAllEdits(essay)), 'markdown', 'file:///corpus/fixed.md');
    // Sorting moved Medvedev (1980) up to line 58.
    assert.deepEqual(codesAndLines(once, svc), [
      'inconsistent-page-ranges@58',
      'page-out-of-range@21',
      'page-out-of-range@29',
      'page-out-of-range@35',
      'unused-reference@61',
    ]);
    assert.deepEqual(svc.getFixAllEdits(once), []);
    const text = once.getText();
    assert.ok(text.includes('(Breslauer 1980: p.51-2)'));
    assert.ok(text.includes('(Chubarov 2011; Westwood 2002: p.416)'));
    assert.ok(text.includes('- Medvedev, R. A. (1980) \'The Stalin Question\''));
    assert.ok(text.indexOf('- Medvedev, R. A. (1980)') < text.indexOf('- Medvedev, R. A. (1982)'));
    assert.ok(text.includes('\n- Breslauer, G. W. (1980)'));
  });
});
