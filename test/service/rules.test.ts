// Each rule on a small document of its own: exact code, range, message, and the text after its fix.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, applyWorkspaceEdit, doc, fixture, service } from './helpers';

const REFS = `## References

- Adams, P. (2015) *Green Cities*. London: Verso
- Jones, R. and Lee, K. (2010) 'Gardens' in *Urban Nature*. ed. by Holt, T. Leeds: LUP, p.20-40
- Smith, J., Brown, T. and Green, A. (2019) Roots. *Soil*, 4(2), 10-30.
`;

interface Seen { code: string; text: string; message: string; fixes: string[] }

function check(text: string, code?: string): Seen[] {
  const document = doc(text);
  const svc = service();
  return svc.getDiagnostics(document)
    .filter((d) => code === undefined || d.code === code)
    .map((d) => ({
      code: String(d.code),
      text: document.getText(d.range),
      message: String(d.message),
      fixes: svc.getCodeActions(document, d.range, ['quickfix'])
        .filter((a) => a.diagnostics?.[0]?.code === d.code && a.diagnostics?.[0]?.message === d.message)
        .map((a) => a.title),
    }));
}

/** The document after the fix titled `title` of the first diagnostic with `code`. */
function fixed(text: string, code: string, title?: string): string {
  const document = doc(text);
  const svc = service();
  const diagnostic = svc.getDiagnostics(document).find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} diagnostic`);
  const action = svc.getCodeActions(document, diagnostic.range, ['quickfix'])
    .find((a) => a.diagnostics?.[0]?.code === code && (title === undefined || a.title === title));
  assert.ok(action?.edit, `no fix for ${code}`);
  const after = applyWorkspaceEdit(document, action.edit);
  assert.deepEqual(check(after, code).filter((d) => d.text === document.getText(diagnostic.range)), [], 'the fix must remove its diagnostic');
  return after;
}

describe('resolution rules', () => {
  test('unresolved-citation, with a stub entry at its alphabetical place', () => {
    const text = `Cities (Baker 2001) and (Adams 2015; Jones and Lee 2010: p.22; Smith et al. 2019).\n\n${REFS}`;
    assert.deepEqual(check(text), [{ code: 'unresolved-citation', text: 'Baker 2001', message: "'Baker 2001' has no entry in the reference list", fixes: ["Add a stub entry for 'Baker 2001' to the References list"] }]);
    assert.equal(fixed(text, 'unresolved-citation'), text.replace('- Jones, R.', '- Baker (2001) [Title].\n- Jones, R.'));
  });

  test('unresolved-citation: a stub among paragraph entries on consecutive lines gets a paragraph of its own', () => {
    // Found by the full-mode fix properties: the stub read as the end of the entry before it.
    const text = '## References\n\nJones, J., 1900. Khrushchev. London: Verso.\nSmith, J., 1900. Khrushchev. London: Verso.\n\n(Quixote 1900)';
    assert.equal(fixed(text, 'unresolved-citation'), text.replace('Verso.\nSmith', 'Verso.\n\nQuixote, 1900. [Title].\n\nSmith'));
  });

  test('misspelled-author: a surname a small edit away, diacritics included', () => {
    const text = `(Adamss 2015; Jones and Lees 2010; Smith et al. 2019)\n\n${REFS}`;
    assert.deepEqual(check(text).map((d) => [d.code, d.text, d.message, d.fixes]), [
      ['misspelled-author', 'Adamss', "'Adamss 2015' has no entry; did you mean Adams, P. (2015)?", ["Replace 'Adamss' with 'Adams'"]],
      ['misspelled-author', 'Lees', "'Jones and Lees 2010' has no entry; did you mean Jones, R. and Lee, K. (2010)?", ["Replace 'Lees' with 'Lee'"]],
    ]);
    assert.ok(fixed(text, 'misspelled-author').startsWith('(Adams 2015;'));
    const umlaut = '(Muller 2010)\n\n## References\n\nMüller, K. (2010) *Bau*. Berlin: Ullstein\n';
    assert.deepEqual(check(umlaut).map((d) => d.message), ["'Muller 2010' has no entry; did you mean Müller, K. (2010)?"]);
  });

  test('ambiguous-citation gives a work listed twice its letter in both listings', () => {
    // Found by the full-mode fix properties: the second listing kept `1900b`, and the citation stayed ambiguous.
    const text = '(Smith 1900b) the\n\n## References\n\nSmith, J. (1900b) *Khrushchev*. London: Macmillan\nSmith, J. (1900b) *Khrushchev*. London: Macmillan\n\nSmith (1900b) the\n';
    const document = doc(text);
    const diagnostic = service().getDiagnostics(document).find((d) => d.code === 'ambiguous-citation')!;
    const action = service().getCodeActions(document, diagnostic.range).find((a) => a.title === "Cite Smith (1900b) 'the' as 1900b")!;
    const after = applyWorkspaceEdit(document, action.edit!);
    assert.equal(after, text.replaceAll('Smith, J. (1900b)', 'Smith, J. (1900a)'));
    assert.deepEqual(service().getDiagnostics(doc(after)).filter((d) => d.code === 'ambiguous-citation'), []);
  });

  test('misspelled-author offers no fix whose name a citation cannot carry', () => {
    // Found by the full-mode fix properties: the entry `as Unlisted's (1999)` made the fix write `(as Unlisted's 1999)`.
    const text = "Unlisted's (1999)\n\n## References\n\n\n\nas Unlisted's (1999) (Unlisted 1999)\n";
    assert.deepEqual(check(text).filter((d) => d.code === 'misspelled-author').map((d) => [d.message, d.fixes]), [
      ["'Unlisted 1999' has no entry; did you mean as Unlisted's (1999)?", []],
    ]);
  });

  test('year-mismatch: one fix per candidate year, and only a single candidate is fixed by fix-all', () => {
    const text = '(Ames 2002)\n\n## References\n\n- Ames, J. (2001) *A*.\n- Ames, J. (2003) *B*.\n';
    assert.deepEqual(check(text, 'year-mismatch'), [{
      code: 'year-mismatch', text: '2002',
      message: "'Ames 2002' has no entry for 2002; did you mean Ames, J. (2001) or Ames, J. (2003)?",
      fixes: ['Change the year to 2001', 'Change the year to 2003'],
    }]);
    assert.ok(fixed(text, 'year-mismatch', 'Change the year to 2003').startsWith('(Ames 2003)'));
    const document = doc(text);
    assert.deepEqual(service().getFixAllEdits(document), [], 'fix-all must not pick one of two years');
  });

  test('author-list-mismatch: et al. for two authors, a co-author dropped', () => {
    const text = `(Adams 2015; Jones et al. 2010: p.22; Smith 2019)\n\n${REFS}`;
    assert.deepEqual(check(text).map((d) => [d.code, d.text, d.message, d.fixes]), [
      ['author-list-mismatch', 'Jones et al.', "'Jones et al. 2010' uses et al. for 2 authors; expected 'Jones and Lee' for Jones, R. and Lee, K. (2010)", ["Cite as 'Jones and Lee'"]],
      ['author-list-mismatch', 'Smith', "'Smith 2019' names 1 of the 3 authors; expected 'Smith et al.' for Smith, J., Brown, T. and Green, A. (2019)", ["Cite as 'Smith et al.'"]],
    ]);
    assert.ok(fixed(text, 'author-list-mismatch').startsWith('(Adams 2015; Jones and Lee 2010: p.22;'));
  });

  test('author-list-mismatch: a different co-author', () => {
    const text = `(Adams 2015; Jones and Park 2010; Smith et al. 2019)\n\n${REFS}`;
    assert.deepEqual(check(text).map((d) => [d.code, d.text, d.message]), [
      ['author-list-mismatch', 'Jones and Park', "'Jones and Park 2010' names Park where the entry has Lee; expected 'Jones and Lee' for Jones, R. and Lee, K. (2010)"],
    ]);
  });

  test('ambiguous-citation: suffixes added to both entries and the citation', () => {
    const text = '(Lee 2001)\n\n## References\n\n- Lee, A. (2001) *First*.\n- Lee, A. (2001) *Second*.\n';
    assert.deepEqual(check(text, 'ambiguous-citation').map((d) => [d.text, d.message, d.fixes]), [[
      '2001',
      "'Lee 2001' matches 2 entries: Lee, A. (2001) 'First'; Lee, A. (2001) 'Second'; add a year suffix",
      ["Cite Lee, A. (2001) 'First' as 2001a", "Cite Lee, A. (2001) 'Second' as 2001b"],
    ]]);
    assert.equal(fixed(text, 'ambiguous-citation', "Cite Lee, A. (2001) 'Second' as 2001b"), '(Lee 2001b)\n\n## References\n\n- Lee, A. (2001a) *First*.\n- Lee, A. (2001b) *Second*.\n');
  });
});

describe('page and locator rules', () => {
  test('page-out-of-range names the entry and its range', () => {
    const text = `(Adams 2015; Jones and Lee 2010: p.41-2; Smith et al. 2019, pp. 29-31)\n\n${REFS}`;
    assert.deepEqual(check(text).map((d) => [d.code, d.text, d.message]), [
      ['page-out-of-range', 'p.41-2', 'p.41-2 is outside the pages of Jones, R. and Lee, K. (2010) (p.20-40)'],
      ['page-out-of-range', 'pp. 29-31', 'pp. 29-31 is outside the pages of Smith, J., Brown, T. and Green, A. (2019) (p.10-30)'],
    ]);
  });

  test('page-out-of-range with pages written as two ranges: p. 600 is outside both, p. 800 inside the second', () => {
    const refs = '## References\n\n- Smith, J. (2019). Two parts. In K. Lee (Ed.), *Collected*, pp. 431–456, 791–823. Springer.\n- Jones, R. (2018). An article. *Journal*, 12(3), 431--456, 791--823.\n';
    const text = `(Smith 2019, p. 600) (Smith 2019, p. 800) (Smith 2019, pp. 440-450) (Smith 2019, pp. 450-800) (Jones 2018, p. 600) (Jones 2018, p. 800) (Jones 2018, p. 900)\n\n${refs}`;
    assert.deepEqual(check(text, 'page-out-of-range').map((d) => [d.text, d.message]), [
      ['p. 600', 'p. 600 is outside the pages of Smith, J. (2019) (p.431-456, 791-823)'],
      ['pp. 450-800', 'pp. 450-800 is outside the pages of Smith, J. (2019) (p.431-456, 791-823)'],
      ['p. 600', 'p. 600 is outside the pages of Jones, R. (2018) (p.431-456, 791-823)'],
      ['p. 900', 'p. 900 is outside the pages of Jones, R. (2018) (p.431-456, 791-823)'],
    ]);
  });

  test('invalid-locator for a reversed range', () => {
    const text = `(Adams 2015: p.30-20; Jones and Lee 2010; Smith et al. 2019)\n\n${REFS}`;
    assert.deepEqual(check(text).map((d) => [d.code, d.text, d.message]), [['invalid-locator', 'p.30-20', "Cannot read the locator 'p.30-20': the range 30-20 runs backwards"]]);
  });

  test('inconsistent-page-ranges for overlapping chapters of one volume', () => {
    const text = "(Ames 2001; Bell 2001)\n\n## References\n\n- Ames, J. (2001) 'One' in *Vol*. ed. by Holt, T. London: Verso, p.1-20\n- Bell, K. (2001) 'Two' in *Vol*. ed. by Holt, T. London: Verso, p.15-30\n";
    assert.deepEqual(check(text).map((d) => [d.code, d.text, d.message]), [['inconsistent-page-ranges', '15-30', 'Pages 15-30 of Bell, K. (2001) overlap pages 1-20 of Ames, J. (2001), another chapter of Vol']]);
  });

  test('quote-without-page for double quotes and long single quotes, not for a quoted name', () => {
    const text = "It was \"a devastating attack\" (Adams 2015). The 'Secret Speech' (Jones and Lee 2010: p.21). As Smith et al. (2019) put it, 'roots hold the soil in place'.\n\n" + REFS;
    assert.deepEqual(check(text).map((d) => [d.code, d.text, d.message]), [
      ['quote-without-page', 'Adams 2015', "A direct quotation is cited as 'Adams 2015' without a page"],
      ['quote-without-page', 'Smith et al. (2019', "A direct quotation is cited as 'Smith et al. 2019' without a page"],
    ]);
  });
});

describe('list rules', () => {
  test('unused-reference removes the entry and its line', () => {
    const text = `(Adams 2015; Smith et al. 2019)\n\n${REFS}`;
    assert.deepEqual(check(text).map((d) => [d.code, d.message, d.fixes]), [['unused-reference', 'Jones, R. and Lee, K. (2010) is never cited', ['Remove Jones, R. and Lee, K. (2010) from the list']]]);
    assert.equal(fixed(text, 'unused-reference'), text.replace(/- Jones.*\n/, ''));
  });

  test('duplicate-reference removes the second listing', () => {
    const text = '(Ames 2001)\n\n## References\n\nAmes, J. (2001) *One*. London: Verso\n\nAmes, J. (2001) *One.* London: Verso\n';
    assert.deepEqual(check(text).map((d) => [d.code, d.text, d.message]), [['duplicate-reference', 'Ames, J. (2001) *One.* London: Verso', 'Ames, J. (2001) is listed twice (first on line 5)']]);
    assert.equal(fixed(text, 'duplicate-reference'), '(Ames 2001)\n\n## References\n\nAmes, J. (2001) *One*. London: Verso\n');
  });

  test('reference-order sorts by author, a single author first, then year', () => {
    const text = '(Bell 2001; Ames 2003; Ames 2001; Ames and Cole 2000)\n\n## References\n\n1. Bell, K. (2001) *B*.\n2. Ames, J. and Cole, P. (2000) *AC*.\n3. Ames, J. (2003) *A3*.\n4. Ames, J. (2001) *A1*.\n';
    assert.deepEqual(check(text).map((d) => [d.code, d.message]), [['reference-order', 'Ames, J. and Cole, P. (2000) should come before Bell, K. (2001): the list is ordered by author, then year']]);
    assert.equal(fixed(text, 'reference-order').split('## References\n\n')[1], '1. Ames, J. (2001) *A1*.\n2. Ames, J. (2003) *A3*.\n3. Ames, J. and Cole, P. (2000) *AC*.\n4. Bell, K. (2001) *B*.\n');
  });

  test('reference-format normalises list markers to the majority', () => {
    const text = '(Ames 2001; Bell 2002; Cole 2003)\n\n## References\n\nAmes, J. (2001) *A*.\n\n- Bell, K. (2002) *B*.\n- Cole, P. (2003) *C*.\n';
    assert.deepEqual(check(text).map((d) => [d.code, d.text, d.message, d.fixes]), [[
      'reference-format', 'Ames, J. (2001) *A*.', "The References list mixes entry shapes (1 paragraph, 2 '-' items); expected '-' items throughout", ["Write every entry as '-' items"],
    ]]);
    assert.equal(fixed(text, 'reference-format').split('## References\n\n')[1], '- Ames, J. (2001) *A*.\n\n- Bell, K. (2002) *B*.\n- Cole, P. (2003) *C*.\n');
  });

  test('reference-format to paragraphs puts a blank line between entries', () => {
    const text = '(Ames 2001; Bell 2002; Cole 2003)\n\n## References\n\nAmes, J. (2001) *A*.\n\nBell, K. (2002) *B*.\n\n- Cole, P. (2003) *C*.\n- Dunn, P. (2004) *D*.\n\nEvans, P. (2005) *E*.\n';
    const after = fixed(text, 'reference-format');
    assert.equal(after.split('## References\n\n')[1], 'Ames, J. (2001) *A*.\n\nBell, K. (2002) *B*.\n\nCole, P. (2003) *C*.\n\nDunn, P. (2004) *D*.\n\nEvans, P. (2005) *E*.\n');
  });

  test('reference-format: a marker goes before a byte-order mark, and fix-all then has nothing left to do', () => {
    // Found by the full-mode fix properties: the mark counted as indentation, and every fix-all pass added `2. `.
    const text = '## References\n\n1. Smith, J. (1900) *Khrushchev*. London: Macmillan\n\n\uFEFF the (Smith 1900)';
    const document = doc(text);
    const once = applyEdits(document, service().getFixAllEdits(document));
    assert.equal(once, '## References\n\n1. Smith, J. (1900) *Khrushchev*. London: Macmillan\n\n2. \uFEFF the (Smith 1900)');
    const again = doc(once);
    assert.equal(applyEdits(again, service().getFixAllEdits(again)), once);
  });

  test('reference-format offers no fix when an entry\'s line starts in text the mask hides', () => {
    // Found by the full-mode fix properties: a marker written after a comment, or inside a code span running on
    // from the line before, was no marker, and every fix-all pass added twenty more.
    for (const text of [
      '## References\n\n- Smith, J. (1900) *Khrushchev*. London: Macmillan\n\n<!-- (Smith 2001) --> the (n.d.)',
      '## References\n\n1. Smith, J. (1900) *Khrushchev*. London: Macmillan\n`(\n2. Smith, J. (1900) *`code` (1953–1964) Khrushchev*. London: Macmillan\n',
    ]) {
      assert.deepEqual(check(text).filter((d) => d.message.includes('mixes entry shapes')).map((d) => d.fixes), [[]], text);
      const document = doc(text);
      const once = applyEdits(document, service().getFixAllEdits(document));
      assert.equal(applyEdits(doc(once), service().getFixAllEdits(doc(once))), once, text);
      assert.ok(!once.includes('2. 2.') && !once.includes('- -'), once);
    }
  });

  test('reference-format to paragraphs keeps a comment line between entries (it was deleted as a separator)', () => {
    const text = '(Ames 2001; Bell 2002; Cole 2003)\n\n## References\n\nAmes, J. (2001) *A*.\n<!-- check -->\nBell, K. (2002) *B*.\n\n- Cole, P. (2003) *C*.\n';
    assert.equal(fixed(text, 'reference-format').split('## References\n\n')[1], 'Ames, J. (2001) *A*.\n<!-- check -->\nBell, K. (2002) *B*.\n\nCole, P. (2003) *C*.\n');
  });

  test('reference-format to paragraphs keeps a line that is no entry, and puts the blank line before the entry', () => {
    const text = '(Ames 2001; Bell 2002; Cole 2003; Dunn 2004)\n\n## References\n\nAmes, J. (2001) *A*.\n*$8;$]2\n* Bell, K. (2002) *B*.\n\nCole, P. (2003) *C*.\n\nDunn, P. (2004) *D*.\n';
    assert.equal(fixed(text, 'reference-format').split('## References\n\n')[1], 'Ames, J. (2001) *A*.\n*$8;$]2\n\nBell, K. (2002) *B*.\n\nCole, P. (2003) *C*.\n\nDunn, P. (2004) *D*.\n');
  });

  test('reference-format reports years written two ways', () => {
    const text = '(Ames 2001; Bell 2002; Cole 2003)\n\n## References\n\nAmes, J. (2001) *A*.\n\nBell, K., 2002. *B*.\n\nCole, P. (2003) *C*.\n';
    assert.deepEqual(check(text).map((d) => [d.code, d.text, d.message]), [['reference-format', '2002', "The References list writes years both as '(2019)' (2) and as ', 2019.' (1)"]]);
  });
});

describe('adjacent-citations', () => {
  test('merges two bracketed citations side by side', () => {
    const text = `Cities (Adams 2015) (Jones and Lee 2010: p.22) grow (Smith et al. 2019).\n\n${REFS}`;
    assert.deepEqual(check(text).map((d) => [d.code, d.text, d.message]), [['adjacent-citations', '(Adams 2015) (Jones and Lee 2010: p.22)', '(Adams 2015) and (Jones and Lee 2010: p.22) stand side by side; merge them into (Adams 2015; Jones and Lee 2010: p.22)']]);
    assert.ok(fixed(text, 'adjacent-citations').startsWith('Cities (Adams 2015; Jones and Lee 2010: p.22) grow'));
  });
});

describe('an APA draft with a fault of each kind', () => {
  test('every rule finds its fault, and nothing else is reported', () => {
    const document = doc(fixture('apa-faults.md'));
    assert.deepEqual(service().getDiagnostics(document).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`), [
      "3:70 misspelled-author 'Garica 2017' has no entry; did you mean Garcia, M. (2017)?",
      "4:2 author-list-mismatch 'Lee et al. 2020' uses et al. for 2 authors; expected 'Lee & Park' for Lee, K., & Park, S. (2020)",
      "4:40 year-mismatch 'Nguyen 2015' has no entry for 2015; did you mean Nguyen, H. (2016)?",
      "4:83 ambiguous-citation 'Brown 2018' matches 2 entries: Brown, T. (2018) 'Naps and learning'; Brown, T. (2018) 'Sleep: A guide'; add a year suffix",
      "5:57 quote-without-page A direct quotation is cited as 'Garcia 2017' without a page",
      '6:1 adjacent-citations (Garcia, 2017, p. 25) and (Nguyen, 2016, pp. 30–20) stand side by side; merge them into (Garcia, 2017, p. 25; Nguyen, 2016, pp. 30–20)',
      '6:16 page-out-of-range p. 25 is outside the pages of Garcia, M. (2017) (p.1-19)',
      "6:38 invalid-locator Cannot read the locator 'pp. 30–20': the range 30–20 runs backwards",
      "10:1 reference-format The References list mixes entry shapes (3 paragraphs, 4 '-' items); expected '-' items throughout",
      '18:3 reference-order Nguyen, H. (2016) should come before Smith, J. (2019): the list is ordered by author, then year',
      '19:3 unused-reference Adams, R. (2010) is never cited',
    ]);
  });
});

describe('severity settings', () => {
  test('a rule set to off is not reported, another changes severity', () => {
    const text = `(Adams 2015) (Smith et al. 2019)\n\n${REFS}`;
    const document = doc(text);
    const svc = service({ rules: { 'unused-reference': 'off', 'adjacent-citations': 'error' } });
    assert.deepEqual(svc.getDiagnostics(document).map((d) => [d.code, d.severity]), [['adjacent-citations', 1]]);
  });
});
