#!/usr/bin/env bash
# Debian packages whose public files the tests read: biblatex-examples.bib (texlive-bibtex-extra) and the CSL
# styles (citation-style-language-styles). Idempotent; needs root (or sudo) for apt-get.
set -euo pipefail
missing=()
[ -f /usr/share/texlive/texmf-dist/bibtex/bib/biblatex/biblatex/biblatex-examples.bib ] || missing+=(texlive-bibtex-extra)
[ -d /usr/share/citation-style-language/styles ] || missing+=(citation-style-language-styles)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "[setup-test-packages] apt-get install ${missing[*]}"
  as_root=()
  [ "$(id -u)" = 0 ] || as_root=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
