#!/usr/bin/env bash
# The whole test suite, as CI runs it (`npm test`; .ci/run runs `npm ci` first):
#   build (tsc -b), package (dist/ bundles and citewright.vsix), install VS Code for the tests inside it
#   (.ci/setup-vscode.sh: code-server, Node 24, Chromium; cached in .vscode-test/), then node's test runner
#   over every compiled test file, ending with its summary.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== build"
npx tsc -b
echo "== package"
npm run --silent package
echo "== VS Code for the tests inside it"
bash .ci/setup-vscode.sh
echo "== Debian packages whose files the tests read"
bash .ci/setup-test-packages.sh

echo "== tests"
# Every *.test.js under out/test, except the extension-host mocha suite (test/vscode/suite/), which needs the
# `vscode` module and is run inside code-server by out/test/vscode/vscode.test.js.
mapfile -t files < <(find out/test -name '*.test.js' -not -path 'out/test/vscode/suite/*' | sort)
if [ "${#files[@]}" -eq 0 ]; then
  echo "no test files under out/test" >&2
  exit 1
fi
exec node --test "${files[@]}"
