// Documents with bibliography files: pandoc and LaTeX keys, discovery, broken entries, completion, hover.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, MarkupContent } from "vscode-languageserver-types";
import { createCitationService, DEFAULT_SETTINGS, type CitationWorkspace, type CitewrightSettings } from '../../server/src/service';
import { REPO_ROOT } from './helpers';

const FOLDER = join(REPO_ROOT, 'test', 'fixtures', 'service', 'workspace');
const BASE = 'file:///ws/';

/** Every file below the fixture folder, by path relative to it. */
function fixtureFiles(folder = FOLDER, prefix = ''): Array<[string, string]> {
  return readdirSync(folder, { withFileTypes: true }).flatMap((e): Array<[string, string]> =>
    e.isDirectory() ? fixtureFiles(join(folder, e.name), `${prefix}${e.name}/`) : [[`${prefix}${e.name}`, readFileSync(join(folder, e.name), 'utf8')]]);
}

/** The fixture folder as an in-memory workspace at file:///ws/. */
function workspace(overrides: Record<string, string | null> = {}): CitationWorkspace {
  const files = new Map(fixtureFiles().map(([name, text]) => [`${BASE}${name}`, text]));
  for (const [name, text] of Object.entries(overrides)) {
    if (text === null) files.delete(`${BASE}${name}`);
    else files.set(`${BASE}${name}`, text);
  }
  return {
    readFile: (uri) => (files.has(uri) ? { text: files.get(uri)!, version: '1' } : undefined),
    listFolder: (uri) => {
      const names = [...files.keys()].filter((k) => k.startsWith(uri) && !k.slice(uri.length).includes('/')).map((k) => k.slice(uri.length));
      return names.length > 0 ? names : undefined;
    },
    listDocuments: () => [...files.keys()].filter((k) => /\.(?:md|tex)$/.test(k)),
  };
}

function setup(name: string, settings: Partial<CitewrightSettings> = {}, files: Record<string, string | null> = {}) {
  const ws = workspace(files);
  const service = createCitationService({ config: { get: () => ({ ...DEFAULT_SETTINGS, ...settings }) }, workspace: ws });
  const text = ws.readFile(`${BASE}${name}`)!.text;
  const document = TextDocument.create(`${BASE}${name}`, name.endsWith('.tex') ? 'latex' : 'markdown', 1, text);
  return { service, document, text };
}

const brief = (d: Diagnostic) => `${String(d.code)}@${d.range.start.line + 1}: ${String(d.message)}`;

describe('pages written as a list in a bibliography file', () => {
  const paper = '---\nbibliography: pages.{ext}\n---\n\nAs shown [@two, p. 600] and [@two, p. 800].\n';
  const files: Record<string, string> = {
    bib: '@article{two,\n  author = {Smith, John},\n  title = {Two Parts},\n  journal = {J},\n  year = {2019},\n  pages = {431--456, 791--823},\n}\n',
    ris: 'TY  - JOUR\nID  - two\nAU  - Smith, John\nTI  - Two Parts\nPY  - 2019\nSP  - 431-456, 791-823\nER  - \n',
    json: '[{"id": "two", "type": "article-journal", "author": [{"family": "Smith", "given": "John"}], "title": "Two Parts", "issued": {"date-parts": [[2019]]}, "page": "431-456, 791–823"}]',
  };
  for (const [ext, bibliography] of Object.entries(files)) {
    test(`.${ext}: p. 600 is out of range, p. 800 in the second range`, () => {
      const { service, document } = setup('pages.md', {}, { 'pages.md': paper.replace('{ext}', ext), [`pages.${ext}`]: bibliography });
      assert.deepEqual(service.getDiagnostics(document).filter((d) => d.code === 'page-out-of-range').map(brief), [
        'page-out-of-range@5: p. 600 is outside the pages of Smith, J. (2019) (p.431-456, 791-823)',
      ]);
    });
  }
});

describe('a pandoc paper with paper.bib', () => {
  test('reports unresolved keys with did-you-mean fixes, and nothing for e-mails or cross-references', () => {
    const { service, document } = setup('paper.md');
    assert.deepEqual(service.getDiagnostics(document).map(brief), [
      "unresolved-citation@6: '@gehl2010' has no entry in paper.bib",
      "unresolved-citation@6: '@smth2019' has no entry in paper.bib; did you mean @smith2019?",
    ]);
    const diagnostic = service.getDiagnostics(document)[1];
    const [fix] = service.getCodeActions(document, diagnostic.range, ['quickfix']);
    assert.equal(fix.title, 'Change to @smith2019');
    assert.equal(TextDocument.applyEdits(document, fix.edit!.changes![document.uri]).split('\n')[5].endsWith('see [@smith2019].'), true);
  });

  test('the broken entry is reported at its line in the .bib; every other entry still loads', () => {
    const { service, document } = setup('paper.md');
    service.getDiagnostics(document);
    assert.deepEqual(service.getBibliographyFindings(`${BASE}paper.bib`).map((f) => `${f.code}@${f.range.start.line + 1}${f.severity ? `(${f.severity})` : ''}`), [
      'bibliography-syntax@16',
      'unused-reference@20',
    ]);
    assert.deepEqual([...service.analyse(document).keys!.keys()], ['nowak2018', 'jacobs1961', 'smith2019', 'unused2000']);
  });

  test('completion after [@ matches keys, authors, years and title words', () => {
    const { service, text } = setup('paper.md');
    const withCursor = (typed: string) => {
      const edited = text.replace('[@smth2019]', `[@${typed}`);
      const document = TextDocument.create(`${BASE}paper.md`, 'markdown', 2, edited);
      return service.getCompletions(document, document.positionAt(edited.indexOf(`[@${typed}`) + 2 + typed.length))!.items.map((i) => i.label);
    };
    assert.deepEqual(withCursor(''), ['jacobs1961', 'nowak2018', 'smith2019', 'unused2000']);
    assert.deepEqual(withCursor('greenf'), ['nowak2018']);
    assert.deepEqual(withCursor('death'), ['jacobs1961']);
    assert.deepEqual(withCursor('2000'), ['unused2000']);
    assert.deepEqual(withCursor('muller'), ['unused2000']);
  });

  test('a key with punctuation is found by its whole prefix, the key itself first', () => {
    const bib = ['@book{knuth:ct:a, author = {Knuth, Donald}, title = {Basics}, year = 1984}',
      '@book{knuth:ct:a-2, author = {Knuth, Donald}, title = {More}, year = 1986}',
      '@book{knuth:ct:b, author = {Knuth, Donald}, title = {Other}, year = 1986}'].join('\n');
    const typed = (prefix: string) => {
      const text = `---\nbibliography: keys.bib\n---\n\nSee [@${prefix}`;
      const { service } = setup('paper.md', {}, { 'keys.bib': bib });
      const document = TextDocument.create(`${BASE}keys.md`, 'markdown', 1, text);
      return service.getCompletions(document, document.positionAt(text.length))!.items.map((i) => i.label);
    };
    assert.deepEqual(typed('knuth:ct:a'), ['knuth:ct:a', 'knuth:ct:a-2']);
    assert.deepEqual(typed('knuth:ct:a-'), ['knuth:ct:a-2']);
    assert.deepEqual(typed('Knuth:CT'), ['knuth:ct:a', 'knuth:ct:a-2', 'knuth:ct:b']);
  });

  test('hover formats the entry in the style, with its DOI as a link', () => {
    const { service, document, text } = setup('paper.md');
    const hover = service.getHover(document, document.positionAt(text.indexOf('nowak2018') + 2))!;
    assert.equal((hover.contents as MarkupContent).value, [
      'Nowak, D.J. and Greenfield, E.J. (2018) “Declining Urban and Community Tree Cover,” *Urban Forestry & Urban Greening*, pp. 32–55. Available at: https://doi.org/10.1016/j.ufug.2018.03.006.',
      '[https://doi.org/10.1016/j.ufug.2018.03.006](https://doi.org/10.1016/j.ufug.2018.03.006)',
      '*paper.bib, line 4*',
      '---',
      'Cited once (line 6)',
    ].join('\n\n'));
  });

  test('hovers prepared ahead, one entry per allowance, read the same as hovers formatted on demand', () => {
    const { service, document, text } = setup('paper.md');
    const at = document.positionAt(text.indexOf('nowak2018') + 2);
    const onDemand = (setup('paper.md').service.getHover(document, at)!.contents as MarkupContent).value;
    let allowed = 1;
    const more = () => allowed-- > 0;
    assert.equal(service.prepareAhead(document, () => false), false);
    assert.equal(service.prepareAhead(document, more), false);
    allowed = Infinity;
    assert.equal(service.prepareAhead(document, more), true);
    assert.equal(service.prepareAhead(document, () => false), true);
    assert.equal((service.getHover(document, at)!.contents as MarkupContent).value, onDemand);
  });

  test('a missing bibliography is reported where the front matter names it', () => {
    const { service, document } = setup('paper.md', {}, { 'paper.bib': null });
    assert.deepEqual(service.getDiagnostics(document).map(brief), ["missing-bibliography@3: Bibliography file 'paper.bib' does not exist"]);
  });
});

describe('front matter references:', () => {
  test('inline CSL-YAML entries serve the document, and no .bib beside it is taken', () => {
    const { service, document } = setup('inline.md');
    assert.deepEqual(service.getDiagnostics(document).map(brief), [
      "unresolved-citation@18: '@roe2020' has no entry in the document's references; did you mean @doe2020 or @roe2021?",
    ]);
    assert.deepEqual(service.getDefinition(document, { line: 17, character: 8 }), [{ uri: document.uri, range: { start: { line: 3, character: 0 }, end: { line: 11, character: 14 } } }]);
  });
});

describe('a LaTeX paper with \\addbibresource', () => {
  test('keys resolve; \\nocite counts as used; a missing file is reported at its line', () => {
    const { service, document } = setup('thesis.tex');
    assert.deepEqual(service.getDiagnostics(document).map(brief), [
      "missing-bibliography@3: Bibliography file 'missing.bib' does not exist",
      "unresolved-citation@6: 'jacobs1916' has no entry in paper.bib; did you mean jacobs1961?",
    ]);
    assert.deepEqual(service.getBibliographyFindings(`${BASE}paper.bib`).map((f) => `${f.code}@${f.range.start.line + 1}`), ['bibliography-syntax@16']);
  });

  test('completion inside \\cite{ after a comma', () => {
    const { service, text } = setup('thesis.tex');
    const edited = text.replace('\\cite{jacobs1916}', '\\cite{jacobs1961, no');
    const document = TextDocument.create(`${BASE}thesis.tex`, 'latex', 2, edited);
    const items = service.getCompletions(document, document.positionAt(edited.indexOf(', no') + 4))!.items;
    assert.deepEqual(items.map((i) => [i.label, i.textEdit && 'range' in i.textEdit ? i.textEdit.range.start.character : -1]), [['nowak2018', 18]]);
    // The list carries no detail (reading entries' fields for a long list costs); resolving the item gives it.
    assert.equal(items[0].detail, undefined);
    assert.equal(service.resolveCompletion(items[0]).detail, 'Nowak & Greenfield (2018) Declining Urban and Community Tree Cover');
  });
});

describe('an author-date essay with a library', () => {
  test('completion offers library works not in the list, and adds the formatted entry when chosen', () => {
    const { service, document, text } = setup('essay.md', { bibliographies: ['paper.bib'] });
    const list = service.getCompletions(document, document.positionAt(text.indexOf('Cooling (') + 9))!;
    assert.deepEqual(list.items.map((i) => i.label), ['Jacobs 1961', 'Müller 2000', 'Nowak & Greenfield 2018', 'Smith 2019']);
    const nowak = service.resolveCompletion(list.items[2]);
    const edits = [nowak.textEdit as { range: never; newText: string }, ...nowak.additionalTextEdits!];
    const snippetFree = edits.map((e) => ({ range: e.range, newText: e.newText.replace('${1}', '').replace('$0', '') }));
    assert.equal(TextDocument.applyEdits(document, snippetFree), [
      'Streets matter (Jacobs 1961: p.3). Cooling (Nowak & Greenfield 2018: p.)',
      '',
      '## References',
      '',
      '- Jacobs, J. (1961) *The Death and Life of Great American Cities*. New York: Random House',
      '- Nowak, D.J. and Greenfield, E.J. (2018) “Declining Urban and Community Tree Cover,” *Urban Forestry & Urban Greening*, pp. 32–55. Available at: https://doi.org/10.1016/j.ufug.2018.03.006.',
      '',
    ].join('\n'));
  });

  test('a library entry in a setting is a hint when never cited, not a warning', () => {
    const { service, document } = setup('essay.md', { bibliographies: ['paper.bib'] });
    service.getDiagnostics(document);
    assert.deepEqual([...new Set(service.getBibliographyFindings(`${BASE}paper.bib`).map((f) => `${f.code}:${f.severity ?? 'default'}`))].sort(), ['bibliography-syntax:default', 'unused-reference:hint']);
    // Asked for one rule (the server pushes only unreadable entries for a closed file), only that rule runs.
    assert.deepEqual(service.getBibliographyFindings(`${BASE}paper.bib`, undefined, new Set(['bibliography-syntax'])).map((f) => `${f.code}@${f.range.start.line + 1}`), ['bibliography-syntax@16']);
  });
});

describe('a workspace of several documents sharing paper.bib', () => {
  test('a LaTeX chapter uses the bibliography of the main file that includes it', () => {
    const { service, document } = setup('chapters/one.tex');
    assert.deepEqual(service.getDiagnostics(document).map(brief), ["unresolved-citation@2: 'nowak2019' has no entry in paper.bib; did you mean nowak2018?"]);
  });

  test('definition of a key goes to its entry in the .bib', () => {
    const { service, document, text } = setup('paper.md');
    assert.deepEqual(service.getDefinition(document, document.positionAt(text.indexOf('nowak2018'))), [{
      uri: `${BASE}paper.bib`, range: { start: { line: 3, character: 0 }, end: { line: 10, character: 1 } },
    }]);
  });

  test('find references and rename of a key reach every document and the .bib', () => {
    const { service, document, text } = setup('paper.md');
    const at = document.positionAt(text.indexOf('jacobs1961') + 1);
    const references = service.getReferences(document, at, true).map((l) => `${l.uri.slice(BASE.length)}:${l.range.start.line + 1}:${l.range.start.character}`);
    assert.deepEqual(references.sort(), ['paper.bib:13:6', 'paper.md:6:36', 'paper.md:7:39', 'thesis.tex:5:13']);
    const edit = service.getRenameEdits(document, at, 'jacobs1961death')!;
    assert.deepEqual(Object.keys(edit.changes!).sort(), [`${BASE}paper.bib`, `${BASE}paper.md`, `${BASE}thesis.tex`]);
    assert.ok(Object.values(edit.changes!).flat().every((e) => e.newText === 'jacobs1961death'));
  });

  test('hover on a key in the .bib says where it is cited', () => {
    const { service } = setup('paper.md');
    const bib = TextDocument.create(`${BASE}paper.bib`, 'bibtex', 1, workspace().readFile(`${BASE}paper.bib`)!.text);
    const hover = service.getHover(bib, { line: 12, character: 8 })!;
    assert.equal((hover.contents as MarkupContent).value, 'Cited in paper.md (lines 6, 7), thesis.tex (line 5)');
  });
});

describe('generate reference list', () => {
  test('a pandoc paper gets a References section of its cited works in the style', () => {
    const { service, document } = setup('paper.md', { style: 'apa' });
    const edit = service.getGeneratedReferenceList(document)!;
    assert.equal(edit.newText, [
      '',
      '## References',
      '',
      'Jacobs, J. (1961). *The Death and Life of Great American Cities*. Random House.',
      '',
      'Nowak, D. J., & Greenfield, E. J. (2018). Declining Urban and Community Tree Cover. *Urban Forestry & Urban Greening*, 32–55. https://doi.org/10.1016/j.ufug.2018.03.006',
      '',
    ].join('\n'));
  });
});
