// Faults injected into the language server over LSP (the built server, a child process over stdio):
// - settings of the wrong type in the answers to workspace/configuration: the server keeps working with the
//   defaults and says what it ignored;
// - a burst of didChange edits with completions and hovers cancelled mid-way: every request settles (answered or
//   cancelled, nothing else), and the final diagnostics are exactly those of the final text;
// - no unhandled rejection and nothing on stderr; the process exits with 0 after shutdown/exit.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import {
  CancellationTokenSource, CompletionRequest, HoverRequest, LSPErrorCodes, ResponseError, type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createCitationService, DEFAULT_SETTINGS } from '../../server/src/service';
import { ESSAY_PATH } from '../lsp/lspClient';
import { editSpan, editSpec } from './generators';
import { RobustSession } from './lspSession';
import { scaled } from './runMode';
import { failOnUnhandledRejections } from './unhandledRejections';

failOnUnhandledRejections();

const ESSAY_TEXT = readFileSync(ESSAY_PATH, 'utf8');
const ESSAY_URI = pathToFileURL(ESSAY_PATH).href;
const BURST = scaled(2_000, 10_000);

/** What the service itself says about a text with the default settings: the expected answer of a working server. */
function expectedDiagnostics(uri: string, text: string): Diagnostic[] {
  const service = createCitationService({ config: { get: () => DEFAULT_SETTINGS } });
  return service.getDiagnostics(TextDocument.create(uri, 'markdown', 1, text));
}

describe('faults over LSP', { timeout: scaled(180_000, 1_800_000) }, () => {
  const wrongSettings: ReadonlyArray<[name: string, settings: unknown]> = [
    ['a number', 42],
    ['a string', 'error'],
    ['true', true],
    ['an array', [1, 2]],
    ['rules: 5', { rules: 5 }],
    ['rules: null', { rules: null }],
    ['rules: an array', { rules: ['error'] }],
    ['rules: {x: 7}', { rules: { x: 7 } }],
    ["rules: {'year-mismatch': 'loud'}", { rules: { 'year-mismatch': 'loud' } }],
    ["rules: {'year-mismatch': {}}", { rules: { 'year-mismatch': {} } }],
    ["rules: {'no-such-rule': 'error'} (a mistyped code)", { rules: { 'no-such-rule': 'error' } }],
  ];

  for (const [name, settings] of wrongSettings) {
    it(`settings of the wrong type (${name}): the defaults apply, a warning says so, the server keeps working`, async () => {
      const session = new RobustSession({ settings });
      try {
        await session.initialize();
        await session.open(ESSAY_URI, ESSAY_TEXT);
        assert.deepEqual(await session.diagnostics(ESSAY_URI), expectedDiagnostics(ESSAY_URI, ESSAY_TEXT));
        // Still answering after the bad settings were read.
        const hover = await session.server.wait(session.connection.sendRequest(HoverRequest.type, { textDocument: { uri: ESSAY_URI }, position: { line: 4, character: 285 } }), 'hover');
        assert.ok(hover, 'a hover on Tompson 1997');
        const warnings = session.warnings();
        assert.ok(warnings.length > 0 && warnings.every((w) => /citewright/i.test(w)), `a warning names the ignored setting; got ${JSON.stringify(warnings)}`);
        assert.equal(session.server.stderr(), '');
        assert.equal(await session.shutdownAndExit(), 0);
      } finally {
        session.server.kill();
      }
    });
  }

  it('valid settings are applied (so the cases above prove the defaults, not an ignored answer)', async () => {
    const session = new RobustSession({ settings: { rules: { 'year-mismatch': 'off', 'misspelled-author': 'hint' } } });
    try {
      await session.initialize();
      await session.open(ESSAY_URI, ESSAY_TEXT);
      const diagnostics = await session.diagnostics(ESSAY_URI);
      const expected = expectedDiagnostics(ESSAY_URI, ESSAY_TEXT)
        .filter((d) => d.code !== 'year-mismatch')
        .map((d) => (d.code === 'misspelled-author' ? { ...d, severity: 4 as const } : d));
      assert.deepEqual(diagnostics, expected);
      assert.deepEqual(session.problems(), []);
      assert.equal(await session.shutdownAndExit(), 0);
    } finally {
      session.server.kill();
    }
  });

  it(`a burst of ${BURST} edits with completions and hovers cancelled mid-way ends with the diagnostics of the final text`, async (t) => {
    const session = new RobustSession();
    try {
      await session.initialize();
      const document = await session.open(ESSAY_URI, ESSAY_TEXT);
      const edits = fc.sample(editSpec, { numRuns: BURST, seed: 5 });
      const requests: Promise<'answered' | 'cancelled'>[] = [];
      const settle = (promise: Promise<unknown>, what: string) =>
        promise.then(
          () => 'answered' as const,
          (error: unknown) => {
            // A cancelled request answers RequestCancelled; anything else is a fault.
            if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled) return 'cancelled' as const;
            throw new Error(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
          },
        );
      let pendingCancels: CancellationTokenSource[] = [];
      for (const [i, edit] of edits.entries()) {
        const text = document.getText();
        const { start, end } = editSpan(text, edit);
        await session.change(ESSAY_URI, [{ range: { start: document.positionAt(start), end: document.positionAt(end) }, text: edit.insert }]);
        // Cancel what was asked one edit ago: the server may be in the middle of it, or not have started it.
        for (const source of pendingCancels) source.cancel();
        pendingCancels = [];
        if (i % 4 === 0) {
          const position = document.positionAt(Math.min(document.getText().length, start + edit.insert.length));
          const completion = new CancellationTokenSource();
          const hover = new CancellationTokenSource();
          requests.push(settle(session.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: ESSAY_URI }, position }, completion.token), `completion after edit ${i}`));
          requests.push(settle(session.connection.sendRequest(HoverRequest.type, { textDocument: { uri: ESSAY_URI }, position }, hover.token), `hover after edit ${i}`));
          // Half are cancelled at once (before the server reads them), half after the next edit.
          if (i % 8 === 0) {
            completion.cancel();
            hover.cancel();
          } else {
            pendingCancels.push(completion, hover);
          }
        }
      }
      for (const source of pendingCancels) source.cancel();
      const outcomes = await session.server.wait(Promise.all(requests), `all ${requests.length} requests to settle`, 120_000);
      const cancelled = outcomes.filter((o) => o === 'cancelled').length;
      t.diagnostic(`burst: ${edits.length} didChange edits, ${requests.length} completion/hover requests: ${cancelled} cancelled, ${requests.length - cancelled} answered`);
      assert.deepEqual(await session.diagnostics(ESSAY_URI, 60_000), expectedDiagnostics(ESSAY_URI, document.getText()));
      assert.deepEqual(session.problems(), []);
      assert.equal(await session.shutdownAndExit(), 0);
    } finally {
      session.server.kill();
    }
  });
});
