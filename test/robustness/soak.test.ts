// A soak test over LSP: the built server holds a generated 100,000-word author-date thesis with a 400-entry
// reference list while random edits arrive, with completions and hovers in between and diagnostics pulled now and
// then. It records the server process's resident memory (from /proc) after a warm-up and at the end, and the
// latency of every request, and asserts ratios only: memory growth after warm-up within a generous bound, and the
// median latency of the last 10% of requests at most 3 times that of the first 10%. After shutdown and exit the
// process ends by itself with code 0 (no timer or handle keeps it alive).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CompletionRequest, HoverRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createCitationService, DEFAULT_SETTINGS } from '../../server/src/service';
import { buildThesis, editSpan, editSpec } from './generators';
import { processMemory, RobustSession } from './lspSession';
import { FULL_MODE, scaled } from './runMode';
import { failOnUnhandledRejections } from './unhandledRejections';

failOnUnhandledRejections();

const EDITS = scaled(500, 10_000);
/** A completion and a hover after every this many edits (each request analyses the new version: ~0.1 s here). */
const REQUEST_EVERY = scaled(5, 1);
const WARM_UP_EDITS = scaled(50, 500);
const DIAGNOSTICS_EVERY = 50;
/** Generous: the analysis of this thesis is a few MiB; what matters is that memory does not grow with every edit. */
const MAX_GROWTH_MIB = 150;
const MAX_LATENCY_DRIFT = 3;
const URI = 'file:///soak/thesis.md';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor(sorted.length / 2)];
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function expectedDiagnostics(text: string): Diagnostic[] {
  return createCitationService({ config: { get: () => DEFAULT_SETTINGS } }).getDiagnostics(TextDocument.create(URI, 'markdown', 1, text));
}

describe(`soak over LSP${FULL_MODE ? ' (full mode)' : ''}`, { timeout: scaled(600_000, 7_200_000) }, () => {
  it(`${EDITS} random edits to a 100,000-word thesis with completions and hovers in between`, async (t) => {
    const thesis = buildThesis(100_000, 400);
    const session = new RobustSession();
    try {
      await session.initialize();
      const document = await session.open(URI, thesis.text);
      await session.diagnostics(URI, 60_000);
      const edits = fc.sample(editSpec, { numRuns: EDITS, seed: 11 });
      const latencies: number[] = [];
      let warm: { rssMiB: number; peakMiB: number } | null = null;
      for (const [i, edit] of edits.entries()) {
        const { start, end } = editSpan(document.getText(), edit);
        await session.change(URI, [{ range: { start: document.positionAt(start), end: document.positionAt(end) }, text: edit.insert }]);
        if (i % REQUEST_EVERY === 0) {
          const position = document.positionAt(Math.min(document.getText().length, start + edit.insert.length));
          const began = process.hrtime.bigint();
          await session.server.wait(session.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: URI }, position }), `completion after edit ${i}`, 60_000);
          await session.server.wait(session.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position }), `hover after edit ${i}`, 60_000);
          latencies.push(Number(process.hrtime.bigint() - began) / 1e6);
        }
        if (i % DIAGNOSTICS_EVERY === DIAGNOSTICS_EVERY - 1) await session.diagnostics(URI, 60_000);
        if (i === WARM_UP_EDITS - 1) warm = processMemory(session.pid);
      }
      const end = processMemory(session.pid);
      assert.ok(warm, 'memory was measured after the warm-up');

      const tenth = Math.max(1, Math.floor(latencies.length / 10));
      const first = latencies.slice(0, tenth);
      const last = latencies.slice(-tenth);
      const drift = median(last) / median(first);
      const growth = end.rssMiB - warm.rssMiB;
      t.diagnostic(`soak: thesis of ${thesis.words} words, ${thesis.citations} citations written, ${thesis.works.length} entries, ${thesis.text.length} characters`);
      t.diagnostic(`soak: ${edits.length} edits, ${latencies.length} completion+hover pairs, diagnostics every ${DIAGNOSTICS_EVERY} edits`);
      t.diagnostic(`soak: RSS after warm-up (${WARM_UP_EDITS} edits) ${warm.rssMiB.toFixed(1)} MiB, at the end ${end.rssMiB.toFixed(1)} MiB (growth ${growth.toFixed(1)} MiB), peak ${end.peakMiB.toFixed(1)} MiB`);
      t.diagnostic(`soak: completion+hover latency, first 10%: median ${median(first).toFixed(1)} ms, p95 ${percentile(first, 0.95).toFixed(1)} ms; last 10%: median ${median(last).toFixed(1)} ms, p95 ${percentile(last, 0.95).toFixed(1)} ms; drift ${drift.toFixed(2)}x`);

      assert.deepEqual(await session.diagnostics(URI, 60_000), expectedDiagnostics(document.getText()), 'the final diagnostics are those of the final text');
      assert.ok(growth < MAX_GROWTH_MIB, `resident memory grew by ${growth.toFixed(1)} MiB after the warm-up (bound ${MAX_GROWTH_MIB} MiB)`);
      assert.ok(drift <= MAX_LATENCY_DRIFT, `the median latency of the last 10% is ${drift.toFixed(2)} times that of the first 10% (bound ${MAX_LATENCY_DRIFT})`);
      assert.deepEqual(session.problems(), []);
      assert.equal(await session.shutdownAndExit(), 0, 'exit code after shutdown and exit');
    } finally {
      session.server.kill();
    }
  });
});
