#!/usr/bin/env bash
# Set up tradeqa in ./.venv, offline-capable: CPU torch first, then the project.
#   bash scripts/setup.sh            # Python packages only
#   bash scripts/setup.sh --browser  # also Debian chromium (for the browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--browser" ]] && ! command -v chromium >/dev/null 2>&1; then
    echo "[setup] installing Debian chromium" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

PY="${PYTHON:-python3}"
if [[ ! -x .venv/bin/python ]]; then
    echo "[setup] creating .venv" >&2
    "$PY" -m venv .venv
fi
# shellcheck disable=SC1091
. .venv/bin/activate
export PIP_DISABLE_PIP_VERSION_CHECK=1
# torch 2.13.0 is a CPU build on local disk; an unpinned torch would pull a multi-GB CUDA build.
python -c "import torch, sys; sys.exit(torch.__version__.split('+')[0] != '2.13.0')" 2>/dev/null \
    || pip install -q torch==2.13.0
pip install -q -e '.[test]'
echo "[setup] done: $(python -c 'import chromadb, gradio, sentence_transformers; print("chromadb", chromadb.__version__, "| gradio", gradio.__version__)')" >&2
