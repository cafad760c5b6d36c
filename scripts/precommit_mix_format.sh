#!/usr/bin/env bash
# pre-commit hook: fail when an Elixir file is not `mix format`-ed; skip (with a note) when Elixir is not installed.
set -euo pipefail
if ! command -v mix >/dev/null 2>&1; then
  echo "mix format: Elixir is not installed, skipped (scripts/setup.sh installs it)" >&2
  exit 0
fi
exec mix format --check-formatted "$@"
