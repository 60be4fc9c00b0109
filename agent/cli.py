"""``tradeqa`` command line: ingest, ask, remove, stats, eval, ui."""
from __future__ import annotations

import argparse
import json
import logging
import sys

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI parser loads nothing heavy: settings, models, Chroma load per command
    from .config import Settings

log = logging.getLogger("tradeqa")


class UsageError(Exception):
    """A command that cannot run as given; the message says what to do."""


def _settings(args: argparse.Namespace) -> Settings:
    """Settings from env, overridden by whichever common flags were given."""
    from .config import Settings

    over = {}
    for flag, field in (("index", "index"), ("chroma_url", "chroma_url"), ("llm", "llm"),
                        ("embedding_model", "embedding_model"), ("agent", "agent_mode"), ("encoder", "encoder"),
                        ("device", "device")):
        val = getattr(args, flag, None)
        if val:
            over[field] = val
    return Settings(**over)


def _add_common(p: argparse.ArgumentParser) -> None:
    # -v/-q after the command too ("tradeqa ingest DIR -q"); SUPPRESS keeps a flag given before it.
    p.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="more logging")
    p.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="no progress bars")
    p.add_argument("--index", help="index folder (default: $TRADEQA_INDEX or ~/.local/share/tradeqa/index)")
    p.add_argument("--chroma-url", dest="chroma_url", help="http://HOST:PORT of a Chroma server ($TRADEQA_CHROMA_URL)")
    p.add_argument("--embedding-model", dest="embedding_model",
                   help="local model: sentence-transformers folder or .onnx file ($TRADEQA_EMBEDDING_MODEL)")
    p.add_argument("--encoder", help="onnx-int8 (default) | sentence-transformers ($TRADEQA_ENCODER)")
    p.add_argument("--device", help="sentence-transformers device: cpu | cuda | cuda:N ($TRADEQA_DEVICE)")


def _existing_index(s: Settings) -> Settings:
    """``s`` when its index folder holds an index; else :class:`UsageError` saying how to
    create one (only ``ingest`` creates an index; a mistyped ``--index`` must not)."""
    path = Path(s.index).expanduser()
    if not (path / "catalog.sqlite").is_file():
        what = "does not exist" if not path.exists() else "holds no tradeqa index"
        raise UsageError(f"index folder {path} {what}. Create it by ingesting documents: "
                         f"tradeqa ingest PATH... --index {path} (the bundled sample corpus is {s.sample_corpus})")
    return s


def cmd_ingest(args: argparse.Namespace) -> int:
    from ingest import ingest_paths

    from .api import open_index

    s = _settings(args)
    store = open_index(settings=s)
    report = ingest_paths(args.paths, store, options=s.chunking(), progress=not args.quiet,
                          screening_retrieval=s.screening_retrieval)
    for r in report.results:
        if r.status.value == "failed":
            print(f"FAILED  {r.path}: {r.reason}", file=sys.stderr)
        elif r.status.value == "skipped" and not args.quiet:
            print(f"SKIPPED {r.path}: {r.reason}", file=sys.stderr)
        elif not args.quiet or args.verbose or (r.status.value in ("ingested", "removed") and r.reason):
            # Every file with what happened to it (-q: only failures, skips and the totals); screening
            # lists also say which records were added/changed/removed.
            print(f"{r.status.value:9} {r.path} {r.reason}".rstrip())
    print(f"{report.summary()} -> {s.index}")
    if not report.results or report.skipped == len(report.results):
        print("no supported files found (txt, md, html, pdf, xml)", file=sys.stderr)
        return 1
    return 0 if report.failed == 0 else 2


def cmd_remove(args: argparse.Namespace) -> int:
    from ingest import remove_sources

    from .api import open_index

    store = open_index(settings=_existing_index(_settings(args)))
    removed = remove_sources(args.sources, store)
    for r in removed:
        print(f"removed {r}")
    if not removed:
        print("no matching source in the index", file=sys.stderr)
        return 1
    return 0


def _filters(args: argparse.Namespace) -> dict | None:
    f = {k: getattr(args, k) for k in ("date_from", "date_to", "publisher", "source", "doc_type") if getattr(args, k, None)}
    return f or None


def cmd_ask(args: argparse.Namespace) -> int:
    from .api import ask

    from .validation import decode_argument

    s = _settings(args)  # a missing index: ask() raises IndexNotReady saying how to create it
    # argv arrives decoded with surrogateescape: invalid UTF-8 must be a clear error, not a tokenizer TypeError.
    ans = ask(decode_argument(args.question), filters=_filters(args), settings=s)
    if args.json:
        print(json.dumps(ans.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(ans.to_markdown())
        if ans.notice:
            print(f"note: {ans.notice}", file=sys.stderr)
    return 0


def iso_time(epoch: float | None) -> str | None:
    """Seconds since the epoch as a local ISO 8601 time with its UTC offset (None stays None)."""
    from datetime import datetime

    return None if epoch is None else datetime.fromtimestamp(epoch).astimezone().isoformat(timespec="seconds")


def cmd_stats(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from .api import index_stats

    st = asdict(index_stats(settings=_existing_index(_settings(args))))
    st["last_ingest"] = iso_time(st["last_ingest"])
    print(json.dumps(st, indent=2))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    if getattr(args, "screening", False):  # screening variant set (agent/screening/evaluate.py)
        from .screening.commands import cmd_eval_screening

        return cmd_eval_screening(args, _settings(args))
    from .evaluate import run_eval_cli

    return run_eval_cli(args)


def cmd_screen(args: argparse.Namespace) -> int:
    from .screening.commands import cmd_screen as run

    return run(args, _settings(args))


def cmd_ui(args: argparse.Namespace) -> int:
    import ui

    return ui.main(args.ui_args)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tradeqa", description="Grounded question answering over trade-policy sources.")
    p.add_argument("-v", "--verbose", action="store_true", help="more logging")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    sub = p.add_subparsers(dest="command", required=True)

    pi = sub.add_parser("ingest", help="ingest files or folders (recursive)")
    pi.add_argument("paths", nargs="+")
    _add_common(pi)
    pi.set_defaults(func=cmd_ingest)

    pa = sub.add_parser("ask", help="ask a question")
    pa.add_argument("question")
    pa.add_argument("--json", action="store_true", help="print the Answer as JSON")
    pa.add_argument("--llm", help="answer back-end: none | openai | llamacpp ($TRADEQA_LLM)")
    pa.add_argument("--agent", action="store_true", default=None,
                    help="agent mode: a tool-calling model searches and reads in a bounded loop ($TRADEQA_AGENT_MODE)")
    pa.add_argument("--date-from", dest="date_from", help="only sources dated on/after (YYYY-MM-DD)")
    pa.add_argument("--date-to", dest="date_to", help="only sources dated on/before (YYYY-MM-DD)")
    pa.add_argument("--publisher", help="only sources whose publisher contains this")
    pa.add_argument("--source", help="only sources whose path contains this")
    pa.add_argument("--doc-type", dest="doc_type", help="only this document type (news, regulation, ...)")
    _add_common(pa)
    pa.set_defaults(func=cmd_ask)

    pr = sub.add_parser("remove", help="remove documents by source path")
    pr.add_argument("sources", nargs="+")
    _add_common(pr)
    pr.set_defaults(func=cmd_remove)

    ps = sub.add_parser("stats", help="index statistics")
    _add_common(ps)
    ps.set_defaults(func=cmd_stats)

    try:
        from .evaluate import add_eval_arguments
    except ImportError:  # evaluation module not present
        add_eval_arguments = None
    if add_eval_arguments:
        pe = sub.add_parser("eval", help="evaluate over a JSONL question set")
        add_eval_arguments(pe)
        pe.add_argument("--screening", action="store_true",
                        help="QUESTIONS is a screening variant set (data/screening/variants.jsonl): report recall@k, FP rate, latency")
        _add_common(pe)
        pe.set_defaults(func=cmd_eval)

    pn = sub.add_parser("screen", help="screen party names against the screening lists in the index")
    from .screening.commands import add_screen_arguments

    add_screen_arguments(pn)
    _add_common(pn)
    pn.set_defaults(func=cmd_screen)

    pu = sub.add_parser("ui", help="start the chat UI (options: see `tradeqa ui --help`)", add_help=False)
    pu.add_argument("ui_args", nargs=argparse.REMAINDER)
    pu.set_defaults(func=cmd_ui)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["ui"]:  # the UI parses its own options (--host, --port, --auth, ...)
        import ui

        return ui.main(argv[1:])
    if argv[:1] == ["eval"] and any(a == "--claims" or a.startswith("--claims=") for a in argv):
        # Claim-support evaluation on labelled stub model outputs (agent/claims_eval.py):
        # tradeqa eval --claims FILE [--corpus DIR | --index DIR]
        from .claims_eval import main as claims_main

        rest = [x for a in argv[1:] for x in ([a.split("=", 1)[1]] if a.startswith("--claims=") else [a])
                if x != "--claims"]
        return claims_main(rest)
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    from ingest.store import IndexError_

    from .api import IndexNotReady
    from .screening import ScreeningNotReady

    try:
        return int(args.func(args) or 0)
    except (UsageError, ValueError, IndexNotReady, IndexError_, ScreeningNotReady) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
