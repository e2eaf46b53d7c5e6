// Property: after any sequence of edits, the service answers exactly as it would for the edited text opened from
// scratch. The service caches per document version and the LSP host updates documents in place
// (`TextDocument.update`, as `TextDocuments` does), so stale caches would show up here as a difference.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { createCitationService, DEFAULT_SETTINGS, type CitationService } from '../../server/src/service';
import { anchoredEditSpec, editSpan, editSpec, essay, latexDocument, pandocDocument, type EditSpec } from './generators';
import { checkProperty, scaled } from './runMode';
import { failOnUnhandledRejections } from './unhandledRejections';

failOnUnhandledRejections();

const RUNS = scaled(200, 3_000);
const TIMEOUT = scaled(120_000, 3_600_000);

function freshService(): CitationService {
  return createCitationService({ config: { get: () => DEFAULT_SETTINGS } });
}

type Probe = 'none' | 'diagnostics' | 'hover' | 'completion' | 'symbols' | 'fix-all' | 'other-document';

interface Session {
  readonly base: string;
  /** Each update is one didChange: one to three content changes applied in order. */
  readonly updates: readonly (readonly EditSpec[])[];
  /** What the editor asks between updates (cycled). */
  readonly probes: readonly Probe[];
  /** Whether an update replaces the whole text (a client without incremental sync) rather than a range. */
  readonly fullText: readonly boolean[];
}

function sessions(base: fc.Arbitrary<string>): fc.Arbitrary<Session> {
  return fc.record({
    base,
    updates: fc.array(fc.array(fc.oneof(editSpec, anchoredEditSpec), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }),
    probes: fc.array(fc.constantFrom<Probe>('none', 'diagnostics', 'hover', 'completion', 'symbols', 'fix-all', 'other-document'), { minLength: 1, maxLength: 5 }),
    fullText: fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
  });
}

/** Applies one update to `text` as plain strings, and returns it also as LSP content changes. */
function changesOf(text: string, edits: readonly EditSpec[], full: boolean, document: TextDocument): { text: string; changes: TextDocumentContentChangeEvent[] } {
  let current = text;
  const changes: TextDocumentContentChangeEvent[] = [];
  // Ranges of later changes refer to the text after the earlier ones, as in LSP.
  let scratch = TextDocument.create(document.uri, document.languageId, 0, current);
  for (const edit of edits) {
    const { start, end } = editSpan(current, edit);
    changes.push({ range: { start: scratch.positionAt(start), end: scratch.positionAt(end) }, text: edit.insert });
    current = current.slice(0, start) + edit.insert + current.slice(end);
    scratch = TextDocument.create(document.uri, document.languageId, 0, current);
  }
  return { text: current, changes: full ? [{ text: current }] : changes };
}

function probe(service: CitationService, document: TextDocument, other: TextDocument, what: Probe): void {
  const middle = document.positionAt(Math.floor(document.getText().length / 2));
  switch (what) {
    case 'none': return;
    case 'diagnostics': service.getDiagnostics(document); return;
    case 'hover': service.getHover(document, middle); return;
    case 'completion': service.getCompletions(document, middle); return;
    case 'symbols': service.getDocumentSymbols(document); return;
    case 'fix-all': service.getFixAllEdits(document); return;
    case 'other-document': service.getDiagnostics(other); return;
  }
}

const kinds: Array<[name: string, arbitrary: fc.Arbitrary<string>, languageId: string, uri: string]> = [
  ['author-date essays', essay, 'markdown', 'file:///w/essay.md'],
  ['pandoc documents', pandocDocument, 'markdown', 'file:///w/paper.md'],
  ['LaTeX documents', latexDocument, 'latex', 'file:///w/paper.tex'],
];

describe('incremental analysis equals analysis from scratch', { timeout: TIMEOUT }, () => {
  for (const [name, arbitrary, languageId, uri] of kinds) {
    it(name, (t) => {
      let updates = 0;
      checkProperty(t, `incremental = from scratch: ${name}`, RUNS, sessions(arbitrary), (session) => {
        const service = freshService();
        const document = TextDocument.create(uri, languageId, 1, session.base);
        const other = TextDocument.create(uri.replace(/(\.\w+)$/, '.other$1'), languageId, 1, session.base);
        service.getDiagnostics(document);
        let expected = session.base;
        session.updates.forEach((edits, i) => {
          const { text, changes } = changesOf(document.getText(), edits, session.fullText[i % session.fullText.length], document);
          TextDocument.update(document, changes, document.version + 1);
          expected = text;
          assert.equal(document.getText(), expected, 'the edits apply as planned');
          probe(service, document, other, session.probes[i % session.probes.length]);
          updates++;
        });
        const scratch = TextDocument.create(uri, languageId, document.version, expected);
        const fresh = freshService();
        assert.deepEqual(service.analyse(document).model, fresh.analyse(scratch).model, 'document model');
        assert.deepEqual(service.getDiagnostics(document), fresh.getDiagnostics(scratch), 'diagnostics');
        assert.deepEqual(service.getDocumentSymbols(document), fresh.getDocumentSymbols(scratch), 'symbols');
        assert.deepEqual(service.getFixAllEdits(document), fresh.getFixAllEdits(scratch), 'fix-all edits');
        const middle = scratch.positionAt(Math.floor(expected.length / 2));
        assert.deepEqual(service.getHover(document, middle), fresh.getHover(scratch, middle), 'hover');
        assert.deepEqual(service.getCompletions(document, middle), fresh.getCompletions(scratch, middle), 'completion');
      });
      t.diagnostic(`incremental = from scratch: ${name}: ${updates} didChange updates applied in place`);
    });
  }
});

/**
 * Edits at the edges of lines and paragraphs (and ones the mask hides), each checked in place against a fresh
 * analysis and against the citations the edited text holds.
 */
describe('incremental analysis equals analysis from scratch: regressions', () => {
  const at = (line: number, character: number) => ({ line, character });
  const cases: Array<{ name: string; base: string; change: TextDocumentContentChangeEvent; text: string; citations: string[] }> = [
    {
      name: 'a line break typed inside a narrative citation after a one-word paragraph',
      base: 'the\n\nUnlisted (1999) (Unlisted 1999)\n',
      change: { range: { start: at(2, 14), end: at(2, 14) }, text: '\n' },
      text: 'the\n\nUnlisted (1999\n) (Unlisted 1999)\n',
      citations: ['narrative 5-21 Unlisted (1999\n)', 'parenthetical 22-37 Unlisted 1999'],
    },
    {
      name: 'a blank line opened between a determiner and a name',
      base: 'see the Unlisted (1999)\n',
      change: { range: { start: at(0, 7), end: at(0, 8) }, text: '\n\n' },
      text: 'see the\n\nUnlisted (1999)\n',
      citations: ['narrative 9-24 Unlisted (1999)'],
    },
    {
      name: 'two paragraphs joined so that a determiner comes before a name',
      base: 'the\n\nUnlisted (1999)\n',
      change: { range: { start: at(0, 3), end: at(2, 0) }, text: ' ' },
      text: 'the Unlisted (1999)\n',
      citations: [],
    },
    {
      name: 'a CRLF blank line opened inside a bracket',
      base: 'x (Smith\r\n1999) y\r\n',
      change: { range: { start: at(1, 0), end: at(1, 0) }, text: '\r\n' },
      text: 'x (Smith\r\n\r\n1999) y\r\n',
      citations: [],
    },
    {
      name: 'an edit inside a code span within a citation, which the mask hides',
      base: 'a (Smith `x` 1999) b\n',
      change: { range: { start: at(0, 10), end: at(0, 11) }, text: 'y' },
      text: 'a (Smith `y` 1999) b\n',
      citations: ['parenthetical 2-18 Smith `y` 1999'],
    },
    {
      name: 'a pandoc example label removed two paragraphs before its use',
      base: '(@good) example\n\nAs @good shows.\n',
      change: { range: { start: at(0, 0), end: at(0, 1) }, text: '' },
      text: '@good) example\n\nAs @good shows.\n',
      citations: ['narrative 0-5 @good', 'narrative 19-24 @good'],
    },
    {
      name: 'prose typed before a reference list, which moves with its entries',
      base: 'See (Smith 1999).\n\n## References\n\nSmith, J. (1999) Title.\n',
      change: { range: { start: at(0, 0), end: at(0, 0) }, text: 'Also\n\n' },
      text: 'Also\n\nSee (Smith 1999).\n\n## References\n\nSmith, J. (1999) Title.\n',
      citations: ['parenthetical 10-22 Smith 1999'],
    },
    {
      name: 'a heading typed well above a list, which makes the text below it a list of its own',
      base: 'Intro (Smith 1999).\n\nSmith, J. (1999) Title.\n\nMore prose.\n\nAnd more.\n\n## References\n\nJones, A. (2000) Other.\n',
      change: { range: { start: at(1, 0), end: at(1, 0) }, text: '\n## Bibliography\n' },
      text: 'Intro (Smith 1999).\n\n## Bibliography\n\nSmith, J. (1999) Title.\n\nMore prose.\n\nAnd more.\n\n## References\n\nJones, A. (2000) Other.\n',
      citations: ['parenthetical 6-18 Smith 1999'],
    },
    {
      name: 'the heading that ended a list removed, so that the paragraph after it joins the list',
      base: '## References\n\nSmith, J. (1999) Title.\n\n# Next\n\nSee (Smith 1999) here.\n',
      change: { range: { start: at(4, 0), end: at(5, 0) }, text: '' },
      text: '## References\n\nSmith, J. (1999) Title.\n\n\nSee (Smith 1999) here.\n',
      citations: [],
    },
    {
      name: 'the heading that ended a list removed, so that a citing paragraph two paragraphs on falls inside the list',
      base: '## References\n\nSmith, J. (1999) Title.\n\n# Next\n\nProse here.\n\n(Smith 1999) says so.\n\nSmith, J. (2001) Another.\n',
      change: { range: { start: at(4, 0), end: at(5, 0) }, text: '' },
      text: '## References\n\nSmith, J. (1999) Title.\n\n\nProse here.\n\n(Smith 1999) says so.\n\nSmith, J. (2001) Another.\n',
      citations: [],
    },
    {
      name: 'an underline typed under a line after a list, which ends the list above it',
      base: '## References\n\nSmith, J. (1999) Title.\n\nNext\n\nSee (Smith 1999) here.\n',
      change: { range: { start: at(4, 4), end: at(4, 4) }, text: '\n====' },
      text: '## References\n\nSmith, J. (1999) Title.\n\nNext\n====\n\nSee (Smith 1999) here.\n',
      citations: ['parenthetical 55-67 Smith 1999'],
    },
  ];
  for (const { name, base, change, text, citations } of cases) {
    it(name, () => {
      const service = freshService();
      const document = TextDocument.create('file:///w/essay.md', 'markdown', 1, base);
      service.getDiagnostics(document);
      TextDocument.update(document, [change], 2);
      assert.equal(document.getText(), text);
      const model = service.analyse(document).model;
      assert.deepEqual(model, freshService().analyse(TextDocument.create('file:///w/essay.md', 'markdown', 2, text)).model);
      assert.deepEqual(model.citations.map((c) => `${c.form} ${c.outerStart}-${c.outerEnd} ${c.text}`), citations);
    });
  }
});
