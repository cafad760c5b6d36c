#!/usr/bin/env bash
# pre-commit hook: fail when a C# file's whitespace is not `dotnet format`-clean; skip (with a note) without .NET.
set -euo pipefail
if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet format: the .NET SDK is not on PATH, skipped (eval \"\$(scripts/setup.sh)\" puts it there)" >&2
  exit 0
fi
exec dotnet format whitespace . --folder --verify-no-changes --include "$@"
