"""Record every labelled claim sentence's path through the support check (for the word-rescue fit).

    python scripts/collect_word_drops.py --corpus ../shared/corpus --out /tmp/word_drops.json FILE [FILE ...]

Runs each sentence as :func:`agent.claims_eval.evaluate_claims` does (quotes located and verified by
the grounder) and records, per call of the support check: the sentence, its quotes, context and keyword
arguments, every failing rule (:meth:`SupportChecker.diagnose`) and the word rule's missing words with
the kind of each refusal (``Verdict.why``). ``scripts/fit_word_rescue.py`` reads the output.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

log = logging.getLogger("collect_word_drops")


def collect(paths: list[str], corpus: str) -> list[dict]:
    """One record per labelled row: id, split file, kind, and the support-check call (or None when the
    grounder dropped the sentence before the check)."""
    from agent.api import open_index
    from agent.claims_eval import evaluate_claims, load_rows
    from agent.config import Settings
    from agent.support import SupportChecker
    from ingest import ingest_paths

    s = Settings()
    s = s.model_copy(update={"index": Path(tempfile.mkdtemp(prefix="tradeqa-rescue-"))})
    store = open_index(settings=s)
    ingest_paths([Path(corpus)], store, options=s.chunking(), progress=False)
    base = SupportChecker(store.text_vectors)
    calls: list[dict] = []

    class _Recording(SupportChecker):
        def check(self, sentence, quotes, context=(), **kw):  # type: ignore[override]
            fails = base.diagnose(sentence, quotes, context, **kw)
            words = next((v for v in fails if v.rule == "words"), None)
            calls.append({"sentence": sentence, "quotes": list(quotes), "context": list(context),
                          "kw": {k: list(v) for k, v in kw.items()}, "rules": [v.rule for v in fails],
                          "missing": words.missing if words else [], "why": words.why if words else []})
            return base.check(sentence, quotes, context, **kw)

    rec = _Recording(base.embed)
    out = []
    for path in paths:
        for row in load_rows(path):
            n = len(calls)
            report = evaluate_claims([row], store, checker=rec)
            kept = sum(k for kinds in report.counts.values() for k, _ in kinds.values())
            out.append({"id": row["id"], "file": Path(path).stem, "kind": row["kind"], "kept": bool(kept),
                        "call": calls[n] if len(calls) > n else None})
        log.info("%s: %d rows", path, len(out))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("claims", nargs="+")
    p.add_argument("--corpus", required=True)
    p.add_argument("--out", required=True)
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    logging.getLogger("agent").setLevel(logging.WARNING)
    Path(args.out).write_text(json.dumps(collect(args.claims, args.corpus)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
