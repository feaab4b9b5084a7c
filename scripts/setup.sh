#!/usr/bin/env bash
# Installs everything the project needs into the project folder: the virtualenv with the
# pinned Python packages, and bun from the npm registry. Safe to run again.
# Usage: scripts/setup.sh [--test]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "==> Creating virtualenv (.venv)"
  "$PYTHON" -m venv .venv
fi
extras=""
[ "${1:-}" = "--test" ] && extras="[test]"
stamp=".venv/.installed${extras}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements.lock -nt "$stamp" ]; then
  echo "==> Installing Python packages${extras:+ (with test tools)}"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -c requirements.lock \
    -e ".${extras}" 2> >(grep -v "^WARNING: Location" >&2)
  touch "$stamp"
fi

if [ ! -x .tools/node_modules/.bin/bun ]; then
  command -v npm >/dev/null || { echo "npm (Node.js) is required to fetch bun" >&2; exit 1; }
  echo "==> Installing bun into .tools (from the npm registry)"
  mkdir -p .tools
  npm install --prefix .tools --no-audit --no-fund --foreground-scripts bun@1.4.4 >/dev/null
fi
.tools/node_modules/.bin/bun --version >/dev/null
