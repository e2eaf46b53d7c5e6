// LaTeX in field values to Unicode text.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { latexToUnicode } from '../../../server/src/service/bibliography/latexText';

describe('latexToUnicode', () => {
  const cases: [string, string][] = [
    ['M{\\"u}ller', 'Müller'],
    ['M\\"{u}ller', 'Müller'],
    ["Caf\\'e", 'Café'],
    ["{\\'E}tienne", 'Étienne'],
    ['Stra{\\ss}e', 'Straße'],
    ['Stra\\ss e', 'Straße'],
    ["Garc{\\'\\i}a", 'García'],
    ['{\\v{S}}krabal', 'Škrabal'],
    ['\\c{C}etinkaya', 'Çetinkaya'],
    ['\\c Cetinkaya', 'Çetinkaya'],
    ['Erd\\H{o}s', 'Erdős'],
    ['\\AA{}ngstr\\"om', 'Ångström'],
    ['{\\o}stergaard', 'østergaard'],
    ['\\L{}\\\'od\\\'z', 'Łódź'],
    ['Smith \\& Sons', 'Smith & Sons'],
    ['50\\% off, \\$5, \\#1, a\\_b', '50% off, $5, #1, a_b'],
    ['pages 10--20', 'pages 10–20'],
    ['Yes---no', 'Yes—no'],
    ['{\\TeX} and \\LaTeX', 'TeX and LaTeX'],
    ['The {\\TeX book}', 'The TeXbook'],
    ['\\emph{Lord} of the \\textbf{Rings}', 'Lord of the Rings'],
    ['{\\em Emphasised} text', 'Emphasised text'],
    ['\\enquote{quoted} and \\enquote*{inner}', '“quoted” and ‘inner’'],
    ["``double'' and `single'", '“double” and ‘single’'],
    ['a~b', 'a b'],
    ['{{Protected}} {Case}', 'Protected Case'],
    ['$\\alpha$-helix and $H_2O$', 'α-helix and H2O'],
    ['\\noopsort{1973}Title', 'Title'],
    ['\\href{https://x.org}{the site}', 'the site'],
    ['\\url{https://example.org/a~b_c}', 'https://example.org/a~b_c'],
    ['methodology\\hyphen independent', 'methodology-independent'],
    ['Multiple   spaces\n and\tlines ', 'Multiple spaces and lines'],
    ['\\unknowncommand{argument}', 'argument'],
    ['A \\Logo here', 'A Logohere'],
    ['Plain title', 'Plain title'],
  ];
  for (const [latex, text] of cases) {
    test(`${JSON.stringify(latex)} is ${JSON.stringify(text)}`, () => {
      assert.equal(latexToUnicode(latex), text);
    });
  }

  test('keeps the spaces after commands for text from citation-js', () => {
    assert.equal(latexToUnicode('with \\TeX and \\slash it', { keepSpacesAfterCommands: true }), 'with TeX and / it');
  });

  test('survives unbalanced braces and a trailing backslash', () => {
    assert.equal(latexToUnicode('{{open} end\\'), 'open end');
    assert.equal(latexToUnicode('close}} here'), 'close here');
  });
});
