// Property: whatever the document, the language service throws nothing, every range it reports lies inside the
// document, completion edits sit on the cursor's line, symbol selection ranges sit inside their symbols, edits of
// one action never overlap, and what hovers and completions show is inert Markdown.
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createCitationService, DEFAULT_SETTINGS, type CitationService, type CitationWorkspace } from '../../server/src/service';
import { sweepDocument, SweepTally } from './featureSweep';
import { essay, essayProject, latexDocument, latexProject, noise, pandocDocument, pandocProject, type Project } from './generators';
import { assertRangeInside, shapeOf } from './ranges';
import { loadMarkdownTools, type MarkdownTools } from './markdownInspection';
import { checkProperty, scaled } from './runMode';
import { failOnUnhandledRejections } from './unhandledRejections';

failOnUnhandledRejections();

const RUNS = scaled(200, 5_000);
const TIMEOUT = scaled(120_000, 3_600_000);

function freshService(): CitationService {
  return createCitationService({ config: { get: () => DEFAULT_SETTINGS } });
}

const FOLDER = 'file:///w/';
const BIB_URI = `${FOLDER}refs.bib`;

/** A workspace of one folder holding the document and refs.bib; `library` names refs.bib in the settings too. */
function projectService(project: Project, documentName: string, library: boolean): CitationService {
  const workspace: CitationWorkspace = {
    readFile: (uri) => (uri === BIB_URI ? { text: project.bib, version: '1' } : uri === `${FOLDER}${documentName}` ? { text: project.document, version: '1' } : undefined),
    listFolder: (uri) => (uri === FOLDER || uri === FOLDER.slice(0, -1) ? [documentName, 'refs.bib'] : undefined),
    listDocuments: () => [`${FOLDER}${documentName}`],
  };
  const settings = library ? { ...DEFAULT_SETTINGS, bibliographies: [BIB_URI] } : DEFAULT_SETTINGS;
  return createCitationService({ config: { get: () => settings }, workspace });
}

/** Arbitrary text: noise, code points of every plane, and fragments of every syntax, run together. */
const garbage: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(noise, { maxLength: 60 }).map((parts) => parts.join('')),
  fc.array(fc.oneof(noise, essay, pandocDocument, latexDocument), { maxLength: 4 }).map((parts) => parts.join('')),
);

describe('language service properties: nothing throws, every range inside its document', { timeout: TIMEOUT }, () => {
  let markdown: MarkdownTools;
  before(async () => {
    markdown = await loadMarkdownTools();
  });

  const cases: Array<[name: string, arbitrary: fc.Arbitrary<string>, languageId: string, uri: string]> = [
    ['author-date essays (markdown)', essay, 'markdown', 'file:///w/essay.md'],
    ['author-date essays (plain text)', essay, 'plaintext', 'file:///w/essay.txt'],
    ['pandoc documents (markdown)', pandocDocument, 'markdown', 'file:///w/paper.md'],
    ['pandoc documents (quarto)', pandocDocument, 'quarto', 'file:///w/paper.qmd'],
    ['LaTeX documents', latexDocument, 'latex', 'file:///w/paper.tex'],
    ['arbitrary text as markdown', garbage, 'markdown', 'file:///w/garbage.md'],
    ['arbitrary text as LaTeX', garbage, 'latex', 'file:///w/garbage.tex'],
  ];

  const projects: Array<[name: string, arbitrary: fc.Arbitrary<Project>, languageId: string, documentName: string, library: boolean]> = [
    ['pandoc documents with refs.bib beside them', pandocProject, 'markdown', 'paper.md', false],
    ['LaTeX documents with refs.bib beside them', latexProject, 'latex', 'paper.tex', false],
    ['author-date essays with a library in the settings', essayProject, 'markdown', 'essay.md', true],
  ];

  for (const [name, arbitrary, languageId, documentName, library] of projects) {
    it(name, (t) => {
      const tally = new SweepTally();
      let bibFindings = 0;
      checkProperty(t, `sweep: ${name}`, scaled(100, 2_000), arbitrary, (project) => {
        const service = projectService(project, documentName, library);
        const document = TextDocument.create(`${FOLDER}${documentName}`, languageId, 1, project.document);
        tally.add(sweepDocument(service, document, { inspectMarkdown: (value, what) => markdown.assertInert(value, what) }));
        // The bibliography file as an open editor sees it: its own findings and features.
        const bib = TextDocument.create(BIB_URI, 'bibtex', 1, project.bib);
        const bibShape = shapeOf(bib);
        for (const [i, finding] of service.getBibliographyFindings(BIB_URI).entries()) {
          assertRangeInside(bibShape, finding.range, `bibliography finding ${i} (${finding.code})`);
          bibFindings++;
        }
        tally.add(sweepDocument(service, bib, { inspectMarkdown: (value, what) => markdown.assertInert(value, what), maxPositions: 15 }));
      });
      t.diagnostic(`sweep: ${name}: ${tally.toString()}, ${bibFindings} bibliography findings`);
    });
  }

  for (const [name, arbitrary, languageId, uri] of cases) {
    it(name, (t) => {
      const tally = new SweepTally();
      checkProperty(t, `sweep: ${name}`, RUNS, arbitrary, (text) => {
        const document = TextDocument.create(uri, languageId, 1, text);
        tally.add(sweepDocument(freshService(), document, { inspectMarkdown: (value, what) => markdown.assertInert(value, what) }));
      });
      t.diagnostic(`sweep: ${name}: ${tally.toString()}`);
    });
  }
});
