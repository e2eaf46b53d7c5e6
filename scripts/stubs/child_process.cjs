'use strict';
// Stands in for node's `child_process` in the bundles (scripts/bundle.mjs aliases it here). Only
// vscode-languageserver's helpers for resolving globally installed modules require it, and Citewright never
// calls them: the language server and the CLI start no process. Calling any of these is a bug.
function refuse() {
  throw new Error('Citewright starts no process: child_process is stubbed out of this build');
}
// vscode-languageserver's helpers use only these two.
module.exports = { fork: refuse, spawnSync: refuse };
