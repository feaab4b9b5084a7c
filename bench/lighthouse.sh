#!/usr/bin/env bash
# Lighthouse (mobile) figures for a running public app (a measurement, not a test).
#
# Lighthouse is not a project dependency: install it once outside the repository, e.g.
#     npm i -E lighthouse@12.2.3 --prefix /tmp/lh
# Start the apps with a seeded database (scripts/run.sh, or `python scripts/apps.py serve
# --public-port 3270 --admin-port 3271` after `python -m dasnez_core.cli migrate` and
# `... seed`), then:
#     bench/lighthouse.sh [URL] [OUT_DIR]
# URL defaults to the demo Kommune's page on the default public port. Prints one line per
# category (score 0-100) and the audits that do not pass; the full JSON report stays in
# OUT_DIR (default: a temp dir).
#
# Environment: LIGHTHOUSE (path of the lighthouse binary, default
# /tmp/lh/node_modules/.bin/lighthouse), CHROME_PATH (default /usr/bin/chromium), RUNS
# (default 3; the median performance run is reported, the machine is noisy).
set -euo pipefail

URL="${1:-http://localhost:3000/k/delbrueck}"
OUT_DIR="${2:-$(mktemp -d)}"
LIGHTHOUSE="${LIGHTHOUSE:-/tmp/lh/node_modules/.bin/lighthouse}"
RUNS="${RUNS:-3}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"

mkdir -p "$OUT_DIR"
for run in $(seq 1 "$RUNS"); do
  "$LIGHTHOUSE" "$URL" \
    --form-factor=mobile \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless --no-sandbox" \
    --output=json --output-path="$OUT_DIR/run-$run.json" --quiet
done

python3 - "$OUT_DIR" "$RUNS" <<'PY'
import json
import sys
from pathlib import Path

out_dir, runs = Path(sys.argv[1]), int(sys.argv[2])
reports = [json.loads((out_dir / f"run-{i}.json").read_text()) for i in range(1, runs + 1)]
reports.sort(key=lambda r: r["categories"]["performance"]["score"] or 0)
median = reports[len(reports) // 2]
print(f"URL: {median['finalDisplayedUrl']}  (median of {runs} runs by performance)")
for key, category in median["categories"].items():
    scores = sorted(round((r["categories"][key]["score"] or 0) * 100) for r in reports)
    print(f"  {category['title']:<16} {round((category['score'] or 0) * 100):>3}   runs: {scores}")
for name in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
             "cumulative-layout-shift", "speed-index"):
    audit = median["audits"][name]
    print(f"  {audit['title']:<26} {audit.get('displayValue', '')}")
print("Audits that do not pass (score < 1, weighted in a category):")
weighted = {
    ref["id"]
    for category in median["categories"].values()
    for ref in category["auditRefs"]
    if ref["weight"] > 0
}
for audit_id in sorted(weighted):
    audit = median["audits"][audit_id]
    if audit["score"] is not None and audit["score"] < 1:
        print(f"  {audit['score']:.2f}  {audit_id}: {audit['title']}")
print(f"Reports: {out_dir}")
PY
