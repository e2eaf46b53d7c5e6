// Reference-list headings in Markdown.
import { before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, lineContaining, lineText, scopesOf, spansWith, tokenizeMarkdown, type Line } from './textmate';

const HEADING = ['meta.reference-list.heading.citewright', 'markup.heading.reference-list.citewright'];

let lines: Line[];
before(async () => {
  lines = await tokenizeMarkdown(fixture('headings.md'));
});

describe('reference-list headings in Markdown', () => {
  test('the titles of reference-list headings, and nothing else', () => {
    const headings = new Map<string, string[]>([
      ['## References', ['References']],
      ['## Bibliography', ['Bibliography']],
      ['### Works Cited', ['Works Cited']],
      ['## Reference List', ['Reference List']],
      ['# 7. References', ['7. References']],
      ['## References ##', ['References']],
      ['**References**', ['References']],
      ['__Works cited:__', ['Works cited:']],
    ]);
    const texts = lines.map(lineText);
    for (const heading of headings.keys()) assert.ok(texts.includes(heading), heading);
    assert.deepEqual(
      lines.map((line) => spansWith(line, 'meta.reference-list.')),
      texts.map((text) => headings.get(text) ?? []),
    );
  });

  test('an ATX heading keeps the Markdown heading scopes around ours', () => {
    const line = lineContaining(lines, '### Works Cited');
    assert.deepEqual(scopesOf(line, 'Works Cited'), [
      'text.html.markdown',
      'markup.heading.markdown',
      'heading.3.markdown',
      'entity.name.section.markdown',
      ...HEADING,
    ]);
  });

  test('a bold line on its own is a heading', () => {
    const line = lines.find((l) => lineText(l) === '**References**');
    assert.ok(line);
    assert.deepEqual(scopesOf(line, 'References'), [
      'text.html.markdown',
      'meta.paragraph.markdown',
      'markup.bold.markdown',
      ...HEADING,
    ]);
  });
});
