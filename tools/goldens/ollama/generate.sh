#!/usr/bin/env bash
# Regenerates tests/Corral.Prompting.Tests/Go/Goldens/*.json with Go's real text/template and a port of Ollama's
# template.Execute. Needs a Go toolchain (e.g. apt-get install golang-1.19-go; GO=/usr/lib/go-1.19/bin/go).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
GO="${GO:-$(command -v go || echo /usr/lib/go-1.19/bin/go)}"
cd "$here"
GOFLAGS=-mod=mod GOCACHE="${GOCACHE:-/tmp/corral-goldens-cache}" "$GO" run . "$here/cases" "$root/tests/Corral.Prompting.Tests/Go/Goldens"
