// The host's view of the disk: a file's bytes are kept and its text decoded on first use (a byte order mark
// dropped, invalid UTF-8 as U+FFFD); a .bib read from those bytes gives the service exactly what its text gives.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FileWorkspace } from '../../server/src/fileWorkspace';
import { createCitationService, DEFAULT_SETTINGS, type CitationWorkspace } from '../../server/src/service';

describe('FileWorkspace', () => {
  const folder = mkdtempSync(join(tmpdir(), 'citewright-files-'));
  after(() => rmSync(folder, { recursive: true, force: true }));
  const bib = join(folder, 'refs.bib');
  const bytes = Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from('@book{gödel1931,\r\n  author = {Gödel, Kurt},\r\n  title = {Über formal 😀 unentscheidbare Sätze \xff},\r\n  year = 1931}\r\n', 'utf8'),
    Buffer.from([0xe2, 0x82]),
    Buffer.from('\r\n@book{dup, title = {Å}}\r\n@book{dup, title = {B}}\r\n@article{broken, title = {é\r\n@misc{smith2019, author = {Smith, Ann}}\r\n', 'utf8'),
  ]);
  writeFileSync(bib, bytes);
  const bibUri = pathToFileURL(bib).href;

  test('keeps the bytes and decodes the text as the file holds it', () => {
    const snapshot = new FileWorkspace().readFile(bibUri)!;
    assert.deepEqual(snapshot.bytes, bytes);
    assert.equal(snapshot.text, bytes.toString('utf8').slice(1));
    assert.ok(snapshot.text.startsWith('@book{gödel1931,'));
    assert.ok(snapshot.text.includes('Sätze \u00ff}') && snapshot.text.includes('}\r\n\uFFFD\r\n@book{dup'));
  });

  test('a .bib read from bytes gives the same diagnostics, completions and findings as its text', () => {
    const files = new FileWorkspace();
    const textOnly: CitationWorkspace = {
      readFile: (uri) => {
        const file = files.readFile(uri);
        return file && { text: file.text, version: file.version };
      },
      listFolder: (uri) => files.listFolder(uri),
      listDocuments: () => [],
    };
    const documentText = `---\nbibliography: refs.bib\n---\n\nAs [@gödel1931, p. 3] and [@smith2019] and [@godel1931] and [@dup] show, [@`;
    const document = TextDocument.create(pathToFileURL(join(folder, 'paper.md')).href, 'markdown', 1, documentText);
    const answers = (workspace: CitationWorkspace) => {
      const service = createCitationService({ config: { get: () => DEFAULT_SETTINGS }, workspace });
      return {
        diagnostics: service.getDiagnostics(document),
        completions: service.getCompletions(document, document.positionAt(documentText.length)),
        findings: service.getBibliographyFindings(bibUri),
      };
    };
    const fromBytes = answers(files);
    assert.deepEqual(fromBytes, answers(textOnly));
    assert.deepEqual(fromBytes.findings.filter((f) => f.code === 'bibliography-syntax' || f.code === 'duplicate-reference').map((f) => [f.code, f.range.start.line]), [['duplicate-reference', 6], ['bibliography-syntax', 7]]);
  });
});
