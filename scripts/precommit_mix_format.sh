#!/usr/bin/env bash
# pre-commit hook: fail when an Elixir file is not `mix format`-ed (and when Elixir is missing: it says so).
set -euo pipefail
source "$(dirname "$0")/precommit_toolchains.sh"
command -v mix >/dev/null 2>&1 || skipped mix-format Elixir
exec mix format --check-formatted "$@"
