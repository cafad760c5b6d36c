#!/usr/bin/env bash
# pre-commit hook: `ruff check|format ...` with the ruff of the project's venv (scripts/setup.sh installs it).
set -euo pipefail
source "$(dirname "$0")/precommit_toolchains.sh"
command -v ruff >/dev/null 2>&1 || skipped "ruff-$1" ruff
exec ruff "$@"
