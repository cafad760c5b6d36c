#!/usr/bin/env bash
# pre-commit hook: fail when a C# file's whitespace is not `dotnet format`-clean (and when .NET is missing: it says so).
set -euo pipefail
source "$(dirname "$0")/precommit_toolchains.sh"
command -v dotnet >/dev/null 2>&1 || skipped dotnet-format "the .NET SDK"
exec dotnet format whitespace . --folder --verify-no-changes --include "$@"
