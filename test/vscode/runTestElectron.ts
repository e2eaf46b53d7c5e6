/**
 * Runs the same extension-host suite in desktop VS Code through `@vscode/test-electron`, on machines that can
 * download VS Code (this project's CI cannot; it runs the suite in code-server, see vscode.test.ts):
 *
 *     npx tsc -b && node out/test/vscode/runTestElectron.js
 *
 * Not a node:test file: test/run-all.sh runs only `*.test.js`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { extensionTestsPath, repoRoot, workspaceFixture } from './paths';

async function main(): Promise<void> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'citewright-workspace-'));
  try {
    fs.cpSync(workspaceFixture, workspace, { recursive: true });
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
