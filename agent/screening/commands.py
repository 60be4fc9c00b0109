"""The ``tradeqa screen`` and ``tradeqa eval --screening`` commands (the CLI module only
parses arguments and calls these)."""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from . import ScreeningHit, get_index, screen_index  # light: the index loads on first use

TABLE_FIELDS = ("query", "query_country", "score", "record_id", "name", "matched_name", "list", "type", "country",
                "start_date", "fr_notice", "license_requirement", "license_policy", "source")


def add_screen_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("names", nargs="*", help="party names to screen (each one separately)")
    p.add_argument("--country", help="ISO-2 country code: drop records located elsewhere")
    p.add_argument("--list", dest="lists", help="comma-separated list codes, e.g. EL,SDN,MEU (default: all)")
    p.add_argument("--min-score", dest="min_score", type=float, help="0-100 (default $TRADEQA_SCREENING_THRESHOLD)")
    p.add_argument("--json", action="store_true", help="print hits as JSON")
    p.add_argument("--csv", dest="csv_in", metavar="FILE",
                   help="batch: a CSV of counterparties (column name, optional country; a header row or not)")
    p.add_argument("--out", help="batch result table (CSV; default: stdout)")


def read_counterparties(path: str | Path) -> list[tuple[str, str]]:
    """``(name, country)`` rows of a counterparty CSV. A header row with a ``name``
    column is used when present; otherwise column 1 is the name, column 2 the
    country. Blank names are skipped. Raises ValueError for an unreadable file."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read counterparty CSV {path}: {exc}") from exc
    rows = list(csv.reader(text.splitlines()))
    if not rows:
        return []
    head = [c.strip().lower() for c in rows[0]]
    if "name" in head:
        ni, ci = head.index("name"), (head.index("country") if "country" in head else None)
        rows = rows[1:]
    else:
        ni, ci = 0, 1
    out = []
    for r in rows:
        name = r[ni].strip() if len(r) > ni else ""
        if name:
            out.append((name, r[ci].strip() if ci is not None and len(r) > ci else ""))
    return out


def screen_batch(idx, parties: list[tuple[str, str]], *, lists=None, min_score: float, limit: int = 10,
                 progress: bool = True, on_row=None) -> list[dict]:
    """Screen many parties; one table row per hit (a row with empty hit fields when
    nothing reaches the threshold). ``on_row(done, total)`` reports progress."""
    from tqdm import tqdm

    table: list[dict] = []
    for i, (name, country) in enumerate(tqdm(parties, desc="screen", unit="name", disable=not progress, leave=False), 1):
        hits = screen_index(idx, name, country=country or None, lists=lists, min_score=min_score, limit=limit)
        if not hits:
            table.append({"query": name, "query_country": country, **{k: "" for k in TABLE_FIELDS[2:]}})
        for h in hits:
            table.append({"query": name, "query_country": country,
                          **{k: getattr(h, k) for k in TABLE_FIELDS[2:]}})
        if on_row:
            on_row(i, len(parties))
    return table


def _print_hits(name: str, hits: list[ScreeningHit]) -> None:
    if not hits:
        print(f"{name}: no match on the lists searched")
        return
    print(f"{name}:")
    for h in hits:
        since = f", since {h.start_date}" if h.start_date else ""
        fr = f", {h.fr_notice}" if h.fr_notice else ""
        alias = f" (as {h.matched_name!r})" if h.matched_name != h.name else ""
        print(f"  {h.score:5.1f}  {h.name}{alias} — {h.list_code} [{h.type or 'type n/a'}; {h.country or 'country n/a'}]"
              f"{since}{fr}  record {h.record_id}")


def cmd_screen(args: argparse.Namespace, settings) -> int:
    idx = get_index(settings=settings)
    lists = [x for x in (args.lists or "").split(",") if x.strip()] or None
    threshold = settings.screening_threshold if args.min_score is None else args.min_score
    if args.csv_in:
        parties = read_counterparties(args.csv_in)
        table = screen_batch(idx, parties, lists=lists, min_score=threshold, limit=settings.screening_max_hits,
                             progress=not getattr(args, "quiet", False))
        fh = open(args.out, "w", newline="", encoding="utf-8") if args.out else sys.stdout
        try:
            w = csv.DictWriter(fh, fieldnames=TABLE_FIELDS)
            w.writeheader()
            w.writerows(table)
        finally:
            if args.out:
                fh.close()
        flagged = len({r["query"] for r in table if r["record_id"]})
        print(f"{len(parties)} names screened, {flagged} with a match >= {threshold:g} "
              f"(snapshot {idx.snapshot})" + (f" -> {args.out}" if args.out else ""), file=sys.stderr)
        return 0
    if not args.names:
        raise ValueError("give one or more names to screen, or --csv FILE")
    results = {}
    for name in args.names:
        if not name.strip():
            raise ValueError("name to screen is empty")
        results[name] = screen_index(idx, name, country=args.country, lists=lists, min_score=threshold,
                                     limit=settings.screening_max_hits)
    if args.json:
        print(json.dumps({n: [h.to_dict() for h in hs] for n, hs in results.items()}, indent=2, ensure_ascii=False))
    else:
        for n, hs in results.items():
            _print_hits(n, hs)
        print(f"(lists searched: {', '.join(idx.lists)}; snapshot {idx.snapshot}; threshold {threshold:g})",
              file=sys.stderr)
    return 0


def cmd_eval_screening(args: argparse.Namespace, settings) -> int:
    """``tradeqa eval --screening FILE``: report.md + summary.json in ``--out``."""
    from .evaluate import evaluate_screening, to_markdown

    idx = get_index(settings=settings)
    rep = evaluate_screening(args.questions, idx, settings.screening_threshold,
                             progress=not getattr(args, "quiet", False) and sys.stderr.isatty())
    out = Path(args.out or "eval-out")
    out.mkdir(parents=True, exist_ok=True)
    md = to_markdown(rep) + (f"\nThreshold that maximises recall@3 with FP <= 5 % on the fit half: "
                             f"{rep['threshold_fitted_on_fit_half']}\n")
    (out / "screening-report.md").write_text(md, encoding="utf-8")
    (out / "screening-summary.json").write_text(json.dumps(rep, indent=2, default=str), encoding="utf-8")
    print(md)
    return 0
