/**
 * The language server dies (SIGKILL, as the OOM killer would) and the client starts a new one: the open
 * essay (test/fixtures/vscode-workspace/essay.md) gets exactly the diagnostics it had, from a new process.
 * The client keeps vscode-languageclient's default error handler: a restart after each crash, up to 4 in
 * 3 minutes, then "The Citewright server crashed 5 times in the last 3 minutes. The server will not be
 * restarted." This file kills the server once, so the rest of the suite is not near that limit.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticViews, openDocument, waitForDiagnostics, workspaceUri } from './helpers';

/** The extension's `TestApi` (client/src/extension.ts), which `activate` returns in `ExtensionMode.Test` only. */
interface TestApi {
  serverProcessId(): number | undefined;
}

const EXTENSION_ID = 'citewright.citewright';

const essay = workspaceUri('essay.md');

async function testApi(): Promise<TestApi> {
  const extension = vscode.extensions.getExtension<TestApi | undefined>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  assert.ok(api, `${EXTENSION_ID} returned no test API: is the extension host running in ExtensionMode.Test?`);
  return api;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

describe('language server killed', () => {
  it('is restarted by the client, and the open essay gets the same diagnostics again from the new process', async () => {
    await openDocument('essay.md');
    const before = diagnosticViews(await waitForDiagnostics(essay, (diagnostics) => diagnostics.length > 0));
    const api = await testApi();
    const killed = api.serverProcessId();
    assert.ok(killed !== undefined && isRunning(killed), `no running server process (pid ${killed})`);

    // The client disposes of its diagnostics when the connection closes and makes a new collection when it
    // restarts, so diagnostics present once a new process serves are that process's. (VS Code debounces
    // onDidChangeDiagnostics, so the empty state in between is recorded when seen, not waited for.)
    let seenCleared = false;
    const restored = waitForDiagnostics(essay, (diagnostics) => {
      const pid = api.serverProcessId();
      if (pid !== killed && diagnostics.length === 0) seenCleared = true;
      return pid !== undefined && pid !== killed && diagnostics.length > 0;
    });
    const killedAt = Date.now();
    process.kill(killed, 'SIGKILL');
    const after = diagnosticViews(await restored);
    const restartMs = Date.now() - killedAt;

    const serving = api.serverProcessId();
    assert.ok(serving !== undefined && serving !== killed && isRunning(serving), `pid ${serving} does not serve in place of ${killed}`);
    assert.equal(isRunning(killed), false, `the killed server ${killed} still runs`);
    assert.deepEqual(after, before);
    console.log(`[restart] server ${killed} killed; ${serving} published ${after.length} diagnostics after ${restartMs} ms`
      + ` (empty state seen: ${seenCleared})`);
  });
});
