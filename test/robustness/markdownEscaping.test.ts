// Text from documents and bibliographies is shown in hovers and completion documentation as Markdown, through
// escapeMarkdownText. Properties, checked by parsing the result with marked (what VS Code renders MarkdownString
// with): whatever the text, the result has no HTML, no image and no link other than http(s)/mailto (a `command:`
// link in a .bib must never become clickable); and text without Markdown emphasis reads back exactly as written.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { escapeMarkdownText } from '../../server/src/service/features/markdownText';
import { noise } from './generators';
import { loadMarkdownTools, type MarkdownTools } from './markdownInspection';
import { checkProperty, scaled } from './runMode';

const RUNS = scaled(1_000, 50_000);

/** Pieces of hostile entry text: HTML, links of every kind, images, autolinks, references, entities. */
const HOSTILE = [
  '<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '<a href="command:x">x</a>', '[click](command:workbench.action.terminal.new)',
  '[x](file:///etc/passwd)', '![t](http://tracker.invalid/p.png)', '<command:x>', '<file:///etc/passwd>', '[x]: command:y', '[x][y]\n\n[y]: command:z',
  '<https://example.invalid>', 'https://example.invalid/a_(b)', '&lt;b&gt;', '&#60;b&#62;', '&amp;lt;', '\\<b>', '\\\\<b>', '`<b>`', '``<b>``',
  '<!-- c -->', '<?php ?>', '<![CDATA[x]]>', '<div>', '</div>', '[', ']', '(', ')', '!', '<', '>', '\\', '`', '*', '_', '~', '#', '\n', '\n\n',
  '    indented', '> quote', '- item', '1. item', '| a | b |', '[^note]', 'www.example.invalid', 'x@y.invalid', 'javascript:alert(1)',
  'vscode://command', '<vscode://x>', '[a](<command:x>)', '[a](command:x "title")', '[a]( command:x )', '\\[a\\](command:x)',
] as const;

const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom(...HOSTILE), noise, fc.string({ maxLength: 6 })), { maxLength: 12 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 80 }),
);

/** Text without Markdown emphasis or block syntax: what the escaping must keep exactly as written. */
const PLAIN_UNIT = fc.constantFrom(...'abcXYZ019 .,;:!?()&<>[]\\`\'"/=-'.split(''), '&lt;', '&amp;', '&#60;', 'é', '😀');
const plainText: fc.Arbitrary<string> = fc.string({ unit: PLAIN_UNIT, maxLength: 40 }).map((s) => `a${s}z`);

describe('escapeMarkdownText', () => {
  let markdown: MarkdownTools;
  before(async () => {
    markdown = await loadMarkdownTools();
  });

  it('gives inert Markdown: no HTML, no images, no links but web and mail links', (t) => {
    checkProperty(t, 'escaped text is inert Markdown', RUNS, hostileText, (text) => {
      markdown.assertInert(escapeMarkdownText(text), `escapeMarkdownText(${JSON.stringify(text)})`);
    });
  });

  it('keeps the words: plain text reads back exactly as written', (t) => {
    checkProperty(t, 'escaped plain text reads back as written', RUNS, plainText, (text) => {
      assert.equal(markdown.renderedText(escapeMarkdownText(text)), text);
    });
  });

  it('the inertness check itself fails on raw HTML and command links', () => {
    assert.throws(() => markdown.assertInert('<img src=x>', 'raw'), /renders HTML/);
    assert.throws(() => markdown.assertInert('[x](command:y)', 'raw'), /renders a link to "command:y"/);
    assert.throws(() => markdown.assertInert('![x](http://t.invalid/p.png)', 'raw'), /renders an image/);
    assert.doesNotThrow(() => markdown.assertInert('see https://example.invalid', 'raw'));
  });
});
