# Environment shared by the run and test commands (sourced, not executed).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
export PATH="$ROOT/.venv/bin:$ROOT/.tools/node_modules/.bin:$PATH"
export REFLEX_USE_SYSTEM_BUN=1
export REFLEX_TELEMETRY_ENABLED=false
export REFLEX_CHECK_LATEST_VERSION=false
export REFLEX_HTTP_CLIENT_BIND_ADDRESS=0.0.0.0
export NPM_CONFIG_REGISTRY="${NPM_CONFIG_REGISTRY:-$(npm config get registry 2>/dev/null || true)}"
export REFLEX_DIR="$ROOT/.reflex-dir"
export BUN_INSTALL_CACHE_DIR="$ROOT/.bun-cache"
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
