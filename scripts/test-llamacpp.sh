#!/usr/bin/env bash
# The opt-in local-LLM smoke path: builds llama-cpp-python from source (slow) and runs everything.
exec bash "$(dirname "$0")/test.sh" --llamacpp "$@"
