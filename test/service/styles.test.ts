// citewright.style with real CSL files from Debian's citation-style-language-styles (installed by CI).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-types';
import { FileWorkspace } from '../../server/src/fileWorkspace';
import { createCitationService, DEFAULT_SETTINGS } from '../../server/src/service';
import { REPO_ROOT } from './helpers';

const STYLES = '/usr/share/citation-style-language/styles';
const PAPER = join(REPO_ROOT, 'test', 'fixtures', 'service', 'workspace', 'paper.md');

function hoverFirstLine(style: string): string {
  const service = createCitationService({
    config: { get: () => ({ ...DEFAULT_SETTINGS, style }) },
    workspace: new FileWorkspace(),
    styleFolders: [`${pathToFileURL(STYLES).href}/`],
  });
  const text = new FileWorkspace().readFile(pathToFileURL(PAPER).href)!.text;
  const document = TextDocument.create(pathToFileURL(PAPER).href, 'markdown', 1, text);
  const hover = service.getHover(document, document.positionAt(text.indexOf('jacobs1961') + 1))!;
  return (hover.contents as MarkupContent).value.split('\n\n')[0];
}

describe('CSL styles from the system', { skip: existsSync(STYLES) ? false : `${STYLES} is missing (apt-get install citation-style-language-styles)` }, () => {
  test('a style by name', () => {
    assert.equal(hoverFirstLine('chicago-author-date-16th-edition'), 'Jacobs, Jane. 1961. *The Death and Life of Great American Cities*. Random House.');
  });

  test('a dependent style resolves to its parent', () => {
    assert.equal(hoverFirstLine('2d-materials'), 'Jacobs J 1961 *The Death and Life of Great American Cities* (Random House)');
  });

  test('a .csl path', () => {
    assert.equal(hoverFirstLine(join(STYLES, 'apa-6th-edition.csl')), 'Jacobs, J. (1961). *The Death and Life of Great American Cities*. Random House.');
  });

  test('an unknown style says so and still shows the entry', () => {
    assert.equal(hoverFirstLine('no-such-style'), 'Jacobs, J. (1961) The Death and Life of Great American Cities');
  });
});
