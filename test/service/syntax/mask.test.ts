// The Markdown mask: code spans (CommonMark's backtick runs) and inline math end within their paragraph, so a stray
// backtick or dollar sign hides nothing after the next blank line.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { maskMarkdown } from '../../../server/src/service/syntax/mask';
import { analyse } from '../helpers';

const masked = (text: string): string => maskMarkdown(text).text;

describe('code spans', () => {
  const cases: Array<[name: string, text: string, expected: string]> = [
    ['a stray backtick hides nothing in the next paragraph', 'a ` b\n\n(Smith 2001) c `x`\n', 'a ` b\n\n(Smith 2001) c    \n'],
    ['nor after a blank line of spaces', 'a ` b\n  \t\n(Smith 2001) `\n', 'a ` b\n  \t\n(Smith 2001) `\n'],
    ['nor after a CRLF blank line', 'a ` b\r\n\r\n(Smith 2001) `\r\n', 'a ` b\r\n\r\n(Smith 2001) `\r\n'],
    ['nor after a blank line of lone CRs', 'a ` b\r\r(Smith 2001) `\r', 'a ` b\r\r(Smith 2001) `\r'],
    ['a code span runs over a single line break', 'a `x\ny (Smith 2001)` b\n', `a${' '.repeat(3)}\n${' '.repeat(16)}b\n`],
    ['the closing run has the same length', '`foo``bar``\n', '`foo       \n'],
    ['a longer run holds shorter ones', 'a `` ` `` b\n', `a${' '.repeat(9)}b\n`],
    ['runs of growing length never closed are text', '` `` ``` ````\n', '` `` ``` ````\n'],
    ['an escaped backtick is literal, the rest of its run may open', 'a \\``x` b\n', 'a \\`    b\n'],
    ['an escaped single backtick opens nothing', 'a \\`x` b\n', 'a \\`x` b\n'],
    ['spans in later paragraphs are matched among themselves', 'a `\n\n`x` and ``y``\n\n`\n', 'a `\n\n    and      \n\n`\n'],
  ];
  for (const [name, text, expected] of cases) {
    test(name, () => assert.equal(masked(text), expected));
  }

  test('a stray backtick in one paragraph leaves the citations of the next ones', () => {
    const text = 'Use the ` key.\n\nAs shown (Smith 2001).\n\nAnd `code (Jones 2002)` and Lee (2003).\n';
    assert.deepEqual(analyse(text).model.citations.map((c) => c.text), ['Smith 2001', 'Lee (2003)']);
  });
});

describe('inline math', () => {
  test('ends at a blank line of spaces', () => {
    assert.equal(masked('$x\n  \ny$ (Smith 2001)\n'), '$x\n  \ny$ (Smith 2001)\n');
  });

  test('runs over a single line break', () => {
    assert.equal(masked('$x\ny$ (Smith 2001)\n'), '  \n   (Smith 2001)\n');
  });
});
