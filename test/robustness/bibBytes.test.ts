// A .bib file read from its UTF-8 bytes gives exactly what reading its decoded text gives: the same entries,
// fields, problems and ranges, whatever the non-ASCII text (2-, 3- and 4-byte characters), line ends, broken
// entries, @string, @comment, crossref and invalid bytes, and wherever the windows the bytes are read in end.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bibEntryType, bibFieldDetails, bibFieldRange, type BibliographyReadResult } from '../../server/src/service/bibliography/bibliographyEntry';
import { readBibtex } from '../../server/src/service/bibliography/bibtexReader';
import { withLineEnding, type LineEnding } from './generators';
import { checkProperty, scaled } from './runMode';
import { failOnUnhandledRejections } from './unhandledRejections';

failOnUnhandledRejections();

const RUNS = scaled(300, 10_000);
const TIMEOUT = scaled(120_000, 3_600_000);

/** Letters of 1 to 4 bytes in UTF-8, LaTeX and BibTeX syntax, names. */
const WORDS = [
  'Smith', 'and', 'Müller', 'Gödel', 'Straße', 'café', 'it’s', '“quoted”', '漢字', '東京大学', '😀', '𝔘', 'Ωμέγα', 'Łukasz',
  '{\\"u}', '{\\\'e}', '{NASA}', '{{Dé}}', '--', '12', '2019', ',', '.', ':', '~', '\\&', '$x^2$',
] as const;
const KEYS = ['smith2019', 'müller2001', 'gödel:1931', '東京2020', 'emoji😀', 'ß', 'x', 'dup', 'parent', 'child'] as const;
const FIELD_NAMES = ['author', 'editor', 'title', 'journal', 'booktitle', 'year', 'pages', 'note', 'crossref', 'tîtle'] as const;

const value: fc.Arbitrary<string> = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((words) => words.join(' '));
const field: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom(...FIELD_NAMES), value).map(([name, text]) => `${name} = {${text}}`),
  fc.tuple(fc.constantFrom(...FIELD_NAMES), value).map(([name, text]) => `${name} = "${text.replaceAll('"', '')}"`),
  fc.constantFrom('crossref = {parent}', 'year = 1999', 'pages = {12--1é}', 'journal = jr # { Ünï}', 'title = {Line one\nline twö}', 'author = {Ann Lee and Bö Ç}'),
);
const entry: fc.Arbitrary<string> = fc
  .record({
    type: fc.constantFrom('article', 'book', 'incollection', 'mvbook', 'Misc'),
    key: fc.constantFrom(...KEYS),
    fields: fc.array(field, { maxLength: 6 }),
    parentheses: fc.boolean(),
  })
  .map(({ type, key, fields, parentheses }) => {
    const [open, close] = parentheses ? ['(', ')'] : ['{', '}'];
    return `@${type}${open}${key},\n  ${fields.join(',\n  ')}\n${close}\n`;
  });
const junk = fc.constantFrom(
  '@string{jr = {Jöurnal}}\n', '@comment{ ünïcode {here} 😀 }\n', '% @electronic{commented, é\n', 'Text outside entries, ü.\n',
  '@article{broken, title = {unclosed é\n', '@article{q, title = "unclosed ü quote\n', '@book{nokey}\n', '@misc{, title={é}}\n',
  '@\n', '@😀{x}\n', '@book{a, title = {A} 漢}\n', '@book{b, 漢 = {A}}\n', '@book{c, title = ß}\n', '}}}\n', '\uFEFF',
  '@preamble{ "\\newcommand{\\x}{é}" }\n', '@book{parent, title = {Pärent}, author = {Ö, Ä}}\n',
);
const bibText: fc.Arbitrary<string> = fc
  .record({
    parts: fc.array(fc.oneof({ weight: 3, arbitrary: entry }, { weight: 2, arbitrary: junk }), { maxLength: 8 }),
    lineEnding: fc.constantFrom<LineEnding>('lf', 'crlf', 'cr', 'mixed'),
    bom: fc.boolean(),
  })
  .map(({ parts, lineEnding, bom }) => (bom ? '\uFEFF' : '') + withLineEnding(parts.join(''), lineEnding));

/** Byte sequences that are not UTF-8: stray continuation bytes, cut-off sequences, overlong forms, surrogates. */
const INVALID = [[0xff], [0x80], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]] as const;
const invalidBytes = fc.array(fc.record({ at: fc.nat(), bytes: fc.constantFrom(...INVALID) }), { maxLength: 3 });

/** The file's bytes with invalid sequences put in at the given places (any place: inside a character too). */
function bytesOf(text: string, inserted: readonly { at: number; bytes: readonly number[] }[]): Buffer {
  let bytes = Buffer.from(text, 'utf8');
  for (const { at, bytes: invalid } of inserted) {
    const where = at % (bytes.length + 1);
    bytes = Buffer.concat([bytes.subarray(0, where), Buffer.from(invalid), bytes.subarray(where)]);
  }
  return bytes;
}

/** Everything a read gives, as plain data: entries (every field of ReferenceEntry), their .bib fields with ranges, problems. */
function everything(result: BibliographyReadResult): unknown {
  return {
    entries: result.entries.map((e) => ({
      entry: JSON.parse(JSON.stringify(e)) as unknown,
      type: bibEntryType(e),
      fields: [...(bibFieldDetails(e) ?? [])].map(([name, details]) => ({ ...details, range: bibFieldRange(e, name) })),
    })),
    problems: result.problems,
  };
}

describe('.bib reader: bytes and decoded text read the same', { timeout: TIMEOUT }, () => {
  it('any file, with non-ASCII text, any line ends and invalid bytes', (t) => {
    let entries = 0;
    let problems = 0;
    // Bytes are read a window at a time; small windows put window ends at every kind of place.
    const windowLength = fc.integer({ min: 1, max: 200 });
    checkProperty(t, '.bib reader: bytes as text', RUNS, fc.record({ text: bibText, invalid: invalidBytes, windowLength }), ({ text, invalid, windowLength }) => {
      const bytes = bytesOf(text, invalid);
      const decoded = bytes.toString('utf8').replace(/^\uFEFF/, '');
      const fromText = readBibtex('/w/refs.bib', decoded);
      const fromBytes = readBibtex('/w/refs.bib', bytes);
      assert.deepEqual(everything(fromBytes), everything(fromText), JSON.stringify(decoded));
      const inSmallWindows = readBibtex('/w/refs.bib', bytes, undefined, { windowLength });
      assert.deepEqual(everything(inSmallWindows), everything(fromText), JSON.stringify({ decoded, windowLength }));
      entries += fromText.entries.length;
      problems += fromText.problems.length;
    });
    t.diagnostic(`.bib bytes as text: ${entries} entries and ${problems} problems compared`);
  });
});
