#!/usr/bin/env bash
# The test command: install what the tests need, then lint, type-check, unit tests on SQLite
# and PostgreSQL, and browser tests against both apps in prod mode. Non-zero on any failure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
scripts/setup.sh --test

# Debian packages the browser and PDF tests use: Chromium, zbarimg (reads a printed QR code back)
# and pdftoppm (renders a PDF page to an image); pg_dump / pg_restore for the restore drill.
if [ ! -x /usr/bin/chromium ] || ! command -v zbarimg >/dev/null || ! command -v pdftoppm >/dev/null \
  || ! command -v pg_dump >/dev/null; then
  echo "==> Installing Chromium, zbar-tools, poppler-utils and postgresql-client from Debian's packages"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  # Finish an earlier install that was interrupted (apt refuses to run until it is).
  $SUDO env DEBIAN_FRONTEND=noninteractive dpkg --configure -a
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium zbar-tools poppler-utils \
    postgresql-client >/dev/null
fi

echo "==> ruff"
ruff check .
ruff format --check .
echo "==> mypy"
mypy
echo "==> import-linter"
lint-imports

echo "==> unit tests on SQLite"
DASNEZ_TEST_DB=sqlite python -m pytest tests/unit -q

PG_URL="${DASNEZ_TEST_POSTGRES_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/postgres}"
if python - "$PG_URL" <<'PY'
import sys, sqlalchemy
try:
    sqlalchemy.create_engine(sys.argv[1]).connect().close()
except Exception as exc:
    print(f"PostgreSQL not reachable: {exc}", file=sys.stderr); sys.exit(1)
PY
then
  echo "==> unit tests on PostgreSQL"
  DASNEZ_TEST_DB=postgres DASNEZ_TEST_POSTGRES_URL="$PG_URL" python -m pytest tests/unit -q
elif [ -n "${CI:-}" ]; then
  echo "PostgreSQL is required in CI" >&2; exit 1
else
  echo "==> PostgreSQL not reachable: skipping the PostgreSQL run (CI always runs it)"
fi

echo "==> fault tests (own PostgreSQL cluster and Redis, both apps with 2 workers; CI=true: required)"
python -m pytest tests/fault -q -s

echo "==> browser tests (both apps in prod mode, Chromium)"
python -m pytest tests/e2e -q
