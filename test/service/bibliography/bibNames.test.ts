// BibTeX name lists: surnames (with particles), given names, offsets of the surname, initials.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { initialsOf, parseBibNames } from '../../../server/src/service/bibliography/bibNames';

function names(latex: string): [string, string, string][] {
  return parseBibNames(latex).names.map((name) => [name.surname, name.given, latex.slice(name.surnameStart, name.surnameEnd)]);
}

describe('parseBibNames', () => {
  test('reads Last, First and First Last', () => {
    assert.deepEqual(names('Knuth, Donald E. and Leslie Lamport'), [
      ['Knuth', 'Donald E.', 'Knuth'],
      ['Lamport', 'Leslie', 'Lamport'],
    ]);
  });

  test('keeps the particle with the surname: von Last, First and First von Last', () => {
    assert.deepEqual(names('van Gogh, Vincent and Ludwig van Beethoven and de la Fontaine, Jean'), [
      ['van Gogh', 'Vincent', 'van Gogh'],
      ['van Beethoven', 'Ludwig', 'van Beethoven'],
      ['de la Fontaine', 'Jean', 'de la Fontaine'],
    ]);
  });

  test('reads von Last, Jr, First', () => {
    assert.deepEqual(names('von Neumann, Jr, John'), [['von Neumann', 'John', 'von Neumann']]);
  });

  test('takes a braced name whole, and its range without the braces', () => {
    assert.deepEqual(names('{World Health Organization} and {Barnes and Noble}'), [
      ['World Health Organization', '', 'World Health Organization'],
      ['Barnes and Noble', '', 'Barnes and Noble'],
    ]);
  });

  test('decides particles by case as BibTeX does, special characters included', () => {
    assert.deepEqual(names('Jean {de La} Fontaine and Hans {\\"u}ber Alles and {\\"O}zkal, Erhan'), [
      ['Fontaine', 'Jean de La', 'Fontaine'],
      ['über Alles', 'Hans', '{\\"u}ber Alles'],
      ['Özkal', 'Erhan', '{\\"O}zkal'],
    ]);
  });

  test('splits on "and" only at brace level 0, in any case, and notes "others"', () => {
    const list = parseBibNames('Smith, A. AND Jones, B.\nand others');
    assert.deepEqual(list.names.map((name) => name.surname), ['Smith', 'Jones']);
    assert.equal(list.others, true);
  });

  test("reads biblatex's extended name format", () => {
    assert.deepEqual(names('family=Gogh, given=Vincent, prefix=van, useprefix=true'), [['van Gogh', 'Vincent', 'Gogh']]);
  });

  test('gives nothing for an empty list', () => {
    assert.deepEqual(parseBibNames('  ').names, []);
  });
});

describe('initialsOf', () => {
  const cases: [string, string][] = [
    ['Donald E.', 'D. E.'],
    ['Jean-Paul', 'J.-P.'],
    ['J.K.', 'J. K.'],
    ['Étienne', 'É.'],
    ['', ''],
  ];
  for (const [given, initials] of cases) {
    test(`${JSON.stringify(given)} gives ${JSON.stringify(initials)}`, () => assert.equal(initialsOf(given), initials));
  }
});
