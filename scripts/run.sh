#!/usr/bin/env bash
# The run command: set everything up, migrate and seed the SQLite database, start both apps.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
scripts/setup.sh
python -m dasnez_core.cli migrate
python -m dasnez_core.cli seed >/dev/null
echo "==> Starting both apps in prod mode (first start builds the frontends, about a minute)"
exec python scripts/apps.py serve
