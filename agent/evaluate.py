"""Evaluate tradeqa over a JSONL question set, with scoring independent of the pipeline.

    from agent.evaluate import evaluate, load_questions
    report = evaluate(load_questions("dev.jsonl"), corpus="corpus/")
    print(report.runs[0].summary.correct_rate)

The scorer never trusts what the answer object says about itself: every
citation's quote is re-checked against the document text the evaluator loads
from disk (white space collapsed), and answer text is matched against the
question's ``must_include`` groups. Question format and scoring rules:
``shared/questions/README.md``; the README of the project explains the CLI.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import math
import os
import re
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from tqdm import tqdm

from .config import Settings
from .types import Answer, Citation, Hit, direct_part

log = logging.getLogger(__name__)

DEFAULT_KS: tuple[int, ...] = (1, 3, 5, 10)
MIN_QUOTE_CHARS = 3  # shorter "quotes" support nothing and would be trivially found
# Settings that change what is stored in an index: configs that agree on these share one.
INDEX_FIELDS: tuple[str, ...] = ("embedding_model", "chunk_chars", "chunk_overlap")

AskFn = Callable[..., Answer]
RetrieveFn = Callable[..., list[Hit]]


# ----------------------------------------------------------------------------- records
@dataclass(frozen=True)
class Question:
    """One line of a question set."""

    id: str
    question: str
    answerable: bool
    must_include: list[list[str]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    kind: str = ""
    of: str = ""  # id of the question this one rewords (paraphrase sets)

    @property
    def group(self) -> str:
        """The label scores are broken down by (``kind``, or a default)."""
        if self.kind:
            return self.kind
        return "general" if self.answerable else "unanswerable"


@dataclass
class CitationCheck:
    """The evaluator's own verdict on one citation."""

    n: int
    source: str
    stem: str
    title: str
    quote: str
    verified: bool  # the quote occurs in the named document (white space collapsed)
    in_sources: bool  # the document is one of the question's expected sources
    reason: str = ""  # why it did not verify


@dataclass
class QuestionResult:
    """Everything scored for one question under one configuration."""

    id: str
    question: str
    kind: str
    answerable: bool
    config: str
    answer_text: str
    abstained: bool
    backend: str = ""
    notice: str = ""
    error: str = ""
    citations: list[CitationCheck] = field(default_factory=list)
    groups_matched: list[bool] = field(default_factory=list)
    missing: list[list[str]] = field(default_factory=list)  # must_include groups not found
    correctness: float | None = None  # share of groups matched (answerable only; 0 when abstained)
    correct: bool | None = None  # all groups matched and did not abstain (answerable only)
    direct_correct: bool | None = None  # all groups matched in the direct part (before the evidence quotes)
    of: str = ""  # id of the original question (paraphrase sets)
    abstention_ok: bool = True  # abstained iff unanswerable
    source_hit: bool | None = None  # a verified citation into `sources` (answerable only)
    source_rank: int | None = None  # 1-based rank of the first retrieved chunk from `sources`
    recall_at_k: dict[int, bool] = field(default_factory=dict)  # answerable with sources only
    retrieved: list[str] = field(default_factory=list)  # stems of the ranked chunks
    latency_ms: float = 0.0
    failures: list[str] = field(default_factory=list)

    @property
    def citations_verified(self) -> int:
        return sum(c.verified for c in self.citations)

    @property
    def failed(self) -> bool:
        return bool(self.failures)


@dataclass
class EvalSummary:
    """Aggregates over a set of question results. Rates are fractions in [0, 1];
    ``None`` when nothing was there to measure (e.g. no unanswerable questions)."""

    n_questions: int = 0
    n_answerable: int = 0
    n_unanswerable: int = 0
    n_errors: int = 0
    n_failed: int = 0
    correct_rate: float | None = None  # answerable questions fully correct
    correctness_mean: float | None = None  # mean share of must_include groups matched
    direct_rate: float | None = None  # answerable questions with every fact before the evidence quotes
    consistency: float | None = None  # paraphrases whose outcome equals their original's
    n_paraphrase_pairs: int = 0  # paraphrases whose original was evaluated too
    abstain_precision: float | None = None  # abstentions that were on unanswerable questions
    abstain_recall: float | None = None  # unanswerable questions abstained on
    wrong_abstentions: int = 0  # abstained on an answerable question
    answered_unanswerable: int = 0  # did not abstain on an unanswerable question
    citations_total: int = 0
    citations_verified: int = 0
    citation_precision: float | None = None
    source_recall: float | None = None  # answerable questions with a verified citation into `sources`
    recall_at_k: dict[int, float | None] = field(default_factory=dict)
    mrr: float | None = None
    latency_p50_ms: float | None = None
    latency_p95_ms: float | None = None
    latency_mean_ms: float | None = None
    by_kind: dict[str, "EvalSummary"] = field(default_factory=dict)


@dataclass
class RunConfig:
    """A named configuration: ``overrides`` applied to the base settings."""

    name: str
    overrides: dict[str, Any]
    settings: Settings


@dataclass
class ConfigRun:
    """The results of all questions under one configuration."""

    name: str
    overrides: dict[str, Any]
    index: str
    results: list[QuestionResult]
    summary: EvalSummary
    seconds: float = 0.0
    originals: list[QuestionResult] = field(default_factory=list)  # only for paraphrase consistency


@dataclass
class GateResult:
    """One threshold check (``--min-*``) on one configuration."""

    config: str
    metric: str
    threshold: float
    value: float | None
    passed: bool


@dataclass
class EvalReport:
    """A whole evaluation: one :class:`ConfigRun` per configuration (the first is the baseline)."""

    questions_path: str
    corpus: str
    created: str
    ks: list[int]
    runs: list[ConfigRun]
    gates: list[GateResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(g.passed for g in self.gates)

    def run(self, name: str) -> ConfigRun:
        for r in self.runs:
            if r.name == name:
                return r
        raise KeyError(name)


# ----------------------------------------------------------------------------- questions
def load_questions(path: str | os.PathLike) -> list[Question]:
    """Read and validate a JSONL question set; raises ValueError naming the bad line."""
    p = Path(path)
    if not p.is_file():
        raise ValueError(f"question file not found: {p}")
    out: list[Question] = []
    seen: set[str] = set()
    for lineno, line in enumerate(p.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{p}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{where}: not valid JSON ({exc.msg})") from exc
        out.append(_question_from(obj, where))
        if out[-1].id in seen:
            raise ValueError(f"{where}: duplicate id {out[-1].id!r}")
        seen.add(out[-1].id)
    if not out:
        raise ValueError(f"{p}: no questions")
    return out


def _question_from(obj: Any, where: str) -> Question:
    if not isinstance(obj, dict):
        raise ValueError(f"{where}: each line must be a JSON object")
    qid, text = obj.get("id"), obj.get("question")
    if not isinstance(qid, (str, int)) or str(qid).strip() == "":
        raise ValueError(f"{where}: missing 'id'")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{where}: missing 'question'")
    answerable = obj.get("answerable")
    if not isinstance(answerable, bool):
        raise ValueError(f"{where}: 'answerable' must be true or false")
    groups = obj.get("must_include") or []
    if not isinstance(groups, list) or not all(
            isinstance(g, list) and g and all(isinstance(s, str) and s.strip() for s in g) for g in groups):
        raise ValueError(f"{where}: 'must_include' must be a list of non-empty lists of strings")
    sources = obj.get("sources") or []
    if not isinstance(sources, list) or not all(isinstance(s, str) and s for s in sources):
        raise ValueError(f"{where}: 'sources' must be a list of file stems")
    kind = obj.get("kind") or ""
    if not isinstance(kind, str):
        raise ValueError(f"{where}: 'kind' must be a string")
    if answerable and not groups:
        log.warning("%s: answerable question without must_include; correctness only checks it was answered", where)
    # Accept file names as well as stems ("x.txt" means "x").
    stems = [Path(s).stem if Path(s).suffix.lower() in {".txt", ".md", ".html", ".htm", ".pdf"} else s
             for s in sources]
    of = obj.get("of") or ""
    if not isinstance(of, (str, int)):
        raise ValueError(f"{where}: 'of' must be the id of the original question")
    return Question(id=str(qid), question=text.strip(), answerable=answerable, must_include=groups,
                    sources=stems, kind=kind, of=str(of))


def load_question_files(paths: Sequence[str | os.PathLike]) -> list[Question]:
    """Several JSONL sets as one (e.g. originals and their paraphrases); ids must be
    unique across files. Raises ValueError naming the file of a duplicate id."""
    out: list[Question] = []
    seen: dict[str, str] = {}
    for path in paths:
        for q in load_questions(path):
            if q.id in seen:
                raise ValueError(f"{path}: id {q.id!r} also in {seen[q.id]}")
            seen[q.id] = str(path)
            out.append(q)
    return out


# ----------------------------------------------------------------------------- scoring
def normalise(text: str) -> str:
    """White space collapsed to single spaces and trimmed (case and characters kept)."""
    return " ".join(text.split())


def outcome(r: "QuestionResult") -> str:
    """``correct`` / ``abstained`` / ``wrong`` (answered but not fully correct, or
    answered an unanswerable question) / ``error``."""
    if r.error:
        return "error"
    if r.abstained:
        return "abstained"
    if r.answerable:
        return "correct" if r.correct else "wrong"
    return "wrong"


def consistency(results: Sequence["QuestionResult"],
                originals: Sequence["QuestionResult"] = ()) -> tuple[float | None, int]:
    """Share of paraphrases (results with ``of``) whose outcome equals their
    original's, and the number of such pairs. Originals are looked up among
    ``results`` and ``originals``; paraphrases without one are left out."""
    by_id = {r.id: r for r in [*originals, *results]}
    pairs = [(r, by_id[r.of]) for r in results if r.of and r.of in by_id]
    if not pairs:
        return None, 0
    return sum(outcome(a) == outcome(b) for a, b in pairs) / len(pairs), len(pairs)


def match_groups(text: str, groups: Sequence[Sequence[str]]) -> list[bool]:
    """For each required fact, whether any alternative occurs in ``text``
    (case-insensitive substring, white space collapsed)."""
    hay = normalise(text).lower()
    return [any(normalise(alt).lower() in hay for alt in group) for group in groups]


class DocumentTexts:
    """Document bodies as the evaluator reads them itself (never from the index).

    A citation's ``source`` is loaded from disk with the project's own loaders when
    the file exists; otherwise the document with the same file stem in
    ``corpus`` is used (an index built elsewhere or a moved corpus).
    """

    def __init__(self, corpus: str | os.PathLike | None = None):
        self.corpus = Path(corpus) if corpus else None
        self._bodies: dict[str, tuple[str | None, str]] = {}
        self._by_stem: dict[str, Path] | None = None

    def _corpus_files(self) -> dict[str, Path]:
        if self._by_stem is None:
            self._by_stem = {}
            if self.corpus and self.corpus.is_dir():
                from ingest.loaders import iter_input_files

                for f in iter_input_files([self.corpus]):
                    self._by_stem.setdefault(f.stem, f)
        return self._by_stem

    def body(self, source: str) -> tuple[str | None, str]:
        """``(body, "")`` or ``(None, reason)`` for the document named by ``source``."""
        if source not in self._bodies:
            self._bodies[source] = self._load(source)
        return self._bodies[source]

    def _load(self, source: str) -> tuple[str | None, str]:
        from ingest.loaders import LoadError, load_file
        from ingest.screening_lists import is_record_source, record_body_from_files

        if is_record_source(source):  # a screening-list record: re-read from its list file (or the corpus's)
            body = record_body_from_files(source, [self.corpus] if self.corpus else [])
            return (body, "") if body is not None else (None, "screening record not found in its list file or the corpus folder's lists")
        candidates: list[Path] = []
        if source and not re.match(r"^[a-z][a-z0-9+.-]*://", source, re.I):
            p = Path(source)
            if p.is_file():
                candidates.append(p)
        fallback = self._corpus_files().get(Path(source).stem) if source else None
        if fallback is not None and fallback not in candidates:
            candidates.append(fallback)
        if not candidates:
            return None, "document not found on disk or in the corpus folder"
        reason = ""
        for p in candidates:
            try:
                return load_file(p).body, ""
            except LoadError as exc:
                reason = f"cannot load {p}: {exc}"
        return None, reason


def check_citation(c: Citation, docs: DocumentTexts, sources: Iterable[str]) -> CitationCheck:
    """Re-verify one citation: its quote must occur (white space collapsed) in the
    body of the document it names. Offsets and any flags on the object are ignored."""
    stem = Path(c.source).stem if c.source else ""
    quote = c.quote if isinstance(c.quote, str) else ""
    check = CitationCheck(n=c.n, source=c.source, stem=stem, title=c.title, quote=quote,
                          verified=False, in_sources=stem in set(sources))
    nq = normalise(quote)
    if len(nq) < MIN_QUOTE_CHARS:
        check.reason = "empty or too-short quote"
        return check
    body, why = docs.body(c.source)
    if body is None:
        check.reason = why
    elif nq in normalise(body):
        check.verified = True
    else:
        check.reason = "quote not found in the named document"
    return check


def score_answer(q: Question, answer: Answer | None, docs: DocumentTexts, *, ranked: Sequence[Hit] = (),
                 ks: Sequence[int] = DEFAULT_KS, latency_ms: float = 0.0, config: str = "default",
                 error: str = "", failure_k: int | None = None) -> QuestionResult:
    """Score one answer (``None`` when the pipeline raised ``error``) against its question.

    ``ranked``: retrieved chunks in rank order, for recall@k/MRR. ``failure_k``:
    the k at which a retrieval miss is listed as a failure (default: 5 if in ``ks``).
    """
    text = answer.text if answer else ""
    abstained = bool(answer.abstained) if answer else False
    r = QuestionResult(id=q.id, question=q.question, kind=q.group, answerable=q.answerable, config=config, of=q.of,
                       answer_text=text, abstained=abstained, error=error, latency_ms=latency_ms,
                       backend=answer.backend if answer else "", notice=answer.notice if answer else "")
    r.citations = [check_citation(c, docs, q.sources) for c in (answer.citations if answer else [])]
    r.retrieved = [Path(h.source).stem for h in ranked]
    fails = r.failures
    if error:
        fails.append(f"error: {error}")

    if q.answerable:
        r.groups_matched = match_groups(text, q.must_include)
        r.missing = [g for g, ok in zip(q.must_include, r.groups_matched) if not ok]
        share = (sum(r.groups_matched) / len(r.groups_matched)) if r.groups_matched else 1.0
        # An abstention is not an answer, whatever words it happens to contain.
        r.correctness = 0.0 if (abstained or error) else share
        r.correct = r.correctness == 1.0
        r.direct_correct = bool(r.correct) and all(match_groups(direct_part(text), q.must_include))
        r.abstention_ok = not abstained
        r.source_hit = any(c.verified and c.in_sources for c in r.citations)
        if abstained:
            fails.append("wrong abstention on an answerable question")
        elif not error and r.missing:
            fails.append("missing: " + "; ".join(" | ".join(g) for g in r.missing))
        if not abstained and not error and not r.source_hit and q.sources:
            fails.append("no verified citation into the expected sources")
        if q.sources:
            wanted = set(q.sources)
            r.source_rank = next((i for i, s in enumerate(r.retrieved, 1) if s in wanted), None)
            r.recall_at_k = {k: r.source_rank is not None and r.source_rank <= k for k in ks}
            fk = failure_k if failure_k is not None else (5 if 5 in ks else max(ks))
            if r.source_rank is None or r.source_rank > fk:
                fails.append(f"retrieval: no chunk of the sources in the top {fk}")
    else:
        r.abstention_ok = abstained
        if not abstained and not error:
            fails.append("answered an unanswerable question")
    bad = [c for c in r.citations if not c.verified]
    if bad:
        fails.append(f"{len(bad)} of {len(r.citations)} citations not verified: "
                     + "; ".join(f"[{c.n}] {c.stem or '?'}: {c.reason}" for c in bad))
    return r


def percentile(values: Sequence[float], p: float) -> float | None:
    """Linear-interpolated percentile (``p`` in 0..100); None for no values."""
    if not values:
        return None
    xs = sorted(values)
    pos = (len(xs) - 1) * p / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def _rate(num: int, den: int) -> float | None:
    return num / den if den else None


def summarise(results: Sequence[QuestionResult], ks: Sequence[int] = DEFAULT_KS, *,
              by_kind: bool = True, originals: Sequence[QuestionResult] = ()) -> EvalSummary:
    """Aggregate question results (overall, and per kind when ``by_kind``).
    ``originals``: results of questions that paraphrases (``of``) point to but that
    are not part of ``results`` (for paraphrase consistency only)."""
    ans = [r for r in results if r.answerable]
    una = [r for r in results if not r.answerable]
    abstained = [r for r in results if r.abstained]
    with_sources = [r for r in ans if r.recall_at_k]
    cits = [c for r in results for c in r.citations]
    lat = [r.latency_ms for r in results if not r.error]
    s = EvalSummary(
        n_questions=len(results), n_answerable=len(ans), n_unanswerable=len(una),
        n_errors=sum(bool(r.error) for r in results), n_failed=sum(r.failed for r in results),
        correct_rate=_rate(sum(bool(r.correct) for r in ans), len(ans)),
        correctness_mean=(sum(r.correctness or 0.0 for r in ans) / len(ans)) if ans else None,
        direct_rate=_rate(sum(bool(r.direct_correct) for r in ans), len(ans)),
        abstain_precision=_rate(sum(not r.answerable for r in abstained), len(abstained)),
        abstain_recall=_rate(sum(r.abstained for r in una), len(una)),
        wrong_abstentions=sum(r.abstained for r in ans),
        answered_unanswerable=sum(not r.abstained and not r.error for r in una),
        citations_total=len(cits), citations_verified=sum(c.verified for c in cits),
        citation_precision=_rate(sum(c.verified for c in cits), len(cits)),
        source_recall=_rate(sum(bool(r.source_hit) for r in ans), len(ans)),
        recall_at_k={k: _rate(sum(r.recall_at_k.get(k, False) for r in with_sources), len(with_sources)) for k in ks},
        mrr=(sum(1 / r.source_rank if r.source_rank else 0.0 for r in with_sources) / len(with_sources))
        if with_sources else None,
        latency_p50_ms=percentile(lat, 50), latency_p95_ms=percentile(lat, 95),
        latency_mean_ms=(sum(lat) / len(lat)) if lat else None,
    )
    s.consistency, s.n_paraphrase_pairs = consistency(results, originals)
    if by_kind:
        kinds = sorted({r.kind for r in results})
        s.by_kind = {k: summarise([r for r in results if r.kind == k], ks, by_kind=False) for k in kinds}
    return s


# Metrics as (key, label, format, higher_is_better) for tables, comparisons and gates.
METRICS: list[tuple[str, str, str, bool]] = [
    ("correct_rate", "Answerable fully correct", "pct", True),
    ("correctness_mean", "Mean share of facts matched", "pct", True),
    ("direct_rate", "Direct answer right (facts before the evidence)", "pct", True),
    ("consistency", "Paraphrase consistency (same outcome as original)", "pct", True),
    ("abstain_recall", "Unanswerable abstained (abstention recall)", "pct", True),
    ("abstain_precision", "Abstention precision", "pct", True),
    ("wrong_abstentions", "Wrong abstentions (answerable)", "int", False),
    ("answered_unanswerable", "Answered an unanswerable question", "int", False),
    ("citation_precision", "Citation precision (re-verified)", "pct", True),
    ("citations_total", "Citations checked", "int", True),
    ("source_recall", "Source recall (verified citation into sources)", "pct", True),
    ("mrr", "Retrieval MRR", "float", True),
    ("latency_p50_ms", "Latency p50 (ms)", "ms", False),
    ("latency_p95_ms", "Latency p95 (ms)", "ms", False),
    ("n_errors", "Errors", "int", False),
    ("n_failed", "Questions with a failure", "int", False),
]


def metric_value(s: EvalSummary, key: str) -> float | None:
    """A metric of a summary by key; ``recall@5`` style keys read ``recall_at_k``."""
    if key.startswith("recall@"):
        return s.recall_at_k.get(int(key[7:]))
    return getattr(s, key)


def metric_rows(s: EvalSummary, ks: Sequence[int]) -> list[tuple[str, str, str, bool, float | None]]:
    """``(key, label, format, higher_is_better, value)`` for every headline metric."""
    rows = [(k, label, fmt, hib, metric_value(s, k)) for k, label, fmt, hib in METRICS]
    at = next(i for i, row in enumerate(rows) if row[0] == "mrr")
    rec = [(f"recall@{k}", f"Retrieval recall@{k}", "pct", True, s.recall_at_k.get(k)) for k in ks]
    return rows[:at] + rec + rows[at:]


# ----------------------------------------------------------------------------- gates
@dataclass(frozen=True)
class Gate:
    """A minimum for one metric (a fraction in [0, 1])."""

    metric: str
    minimum: float


def parse_fraction(value: str | float) -> float:
    """``0.85``, ``85`` or ``85%`` -> 0.85."""
    v = str(value).strip().rstrip("%")
    try:
        x = float(v)
    except ValueError as exc:
        raise ValueError(f"not a number: {value!r}") from exc
    if x > 1:
        x /= 100
    if not 0 <= x <= 1:
        raise ValueError(f"threshold out of range: {value!r}")
    return x


def check_gates(runs: Sequence[ConfigRun], gates: Sequence[Gate]) -> list[GateResult]:
    """Apply every gate to every configuration. A metric with nothing to measure
    (``None``, e.g. no citations at all) passes, and the report shows it as n/a."""
    out = []
    for run in runs:
        for g in gates:
            v = metric_value(run.summary, g.metric)
            # Round like the report does, so 0.85 shown as 85.0% never fails a 0.85 gate by float noise.
            ok = v is None or round(v, 9) >= g.minimum
            out.append(GateResult(run.name, g.metric, g.minimum, v, ok))
    return out


# ----------------------------------------------------------------------------- configurations
_NAME_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def make_settings(base: Settings, overrides: dict[str, Any]) -> Settings:
    """``base`` with ``overrides`` applied and validated (unknown fields rejected)."""
    fields = type(base).model_fields
    clean: dict[str, Any] = {}
    for key, value in overrides.items():
        k = key.strip().replace("-", "_").lower()
        if k not in fields:
            raise ValueError(f"unknown setting {key!r}; known: {', '.join(sorted(fields))}")
        clean[k] = value
    merged = {**base.model_dump(), **clean}
    return type(base)(**merged)  # validation coerces "5" -> 5, "dense" -> Fusion.DENSE, ...


def parse_config(spec: str, base: Settings) -> list[RunConfig]:
    """``name:key=value,key=value`` (name optional) or a JSON file holding an object
    ``{"name": ..., key: value...}`` (or ``{"name": ..., "settings": {...}}``) or a list of them."""
    p = Path(spec)
    if p.suffix.lower() == ".json" and p.is_file():
        data = json.loads(p.read_text(encoding="utf-8"))
        items = data if isinstance(data, list) else [data]
        out = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise ValueError(f"{p}: each configuration must be a JSON object")
            item = dict(item)
            name = str(item.pop("name", "") or (p.stem if len(items) == 1 else f"{p.stem}{i + 1}"))
            over = item.pop("settings", None) or item
            out.append(RunConfig(_NAME_SAFE.sub("_", name), dict(over), make_settings(base, dict(over))))
        return out
    name, _, rest = spec.partition(":")
    if "=" in name or not _:  # no name given: "fusion=dense"
        name, rest = "", spec
    over: dict[str, Any] = {}
    for part in filter(None, (x.strip() for x in rest.split(","))):
        key, eq, value = part.partition("=")
        if not eq:
            raise ValueError(f"bad configuration {spec!r}: expected key=value, got {part!r}")
        over[key.strip()] = value.strip()
    name = name.strip() or ("_".join(f"{k}-{v}" for k, v in over.items()) or "default")
    return [RunConfig(_NAME_SAFE.sub("_", name), over, make_settings(base, over))]


def parse_configs(specs: Sequence[str], base: Settings) -> list[RunConfig]:
    """All configurations; the base settings alone when none are given. Names must be unique."""
    configs = [c for spec in specs for c in parse_config(spec, base)] or [RunConfig("default", {}, base)]
    names = [c.name for c in configs]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise ValueError(f"configuration names must be unique: {', '.join(sorted(dup))}")
    return configs


def parse_ks(text: str | Sequence[int]) -> list[int]:
    """``"1,3,5,10"`` -> ``[1, 3, 5, 10]`` (sorted, unique, positive)."""
    vals = text if not isinstance(text, str) else [x for x in re.split(r"[,\s]+", text) if x]
    try:
        ks = sorted({int(v) for v in vals})
    except ValueError as exc:
        raise ValueError(f"--k expects comma-separated integers, got {text!r}") from exc
    if not ks or ks[0] < 1 or ks[-1] > 50:
        raise ValueError("--k values must be between 1 and 50")
    return ks


# ----------------------------------------------------------------------------- index for --corpus
def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/tradeqa/eval-index`` (default ``~/.cache/tradeqa/eval-index``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tradeqa" / "eval-index"


def corpus_key(corpus: str | os.PathLike, settings: Settings) -> str:
    """Hash of the corpus (relative file names + contents) and the index-relevant settings."""
    from ingest.loaders import iter_input_files

    from ingest.screening_lists import find_screening_lists

    root = Path(corpus)
    h = hashlib.sha256()
    files = iter_input_files([root])
    files += [f for f in find_screening_lists([root]) if f not in files]  # CSL files are ingested too
    for f in files:
        h.update(str(f.relative_to(root)).encode() + b"\0")
        h.update(hashlib.sha256(f.read_bytes()).digest())
    for name in INDEX_FIELDS:
        h.update(f"|{name}={getattr(settings, name)}".encode())
    # A change in what ingest writes must not reuse an index built by older code.
    from ingest.pipeline import PIPELINE_VERSION
    from ingest.store import SCHEMA_VERSION

    h.update(f"|schema={SCHEMA_VERSION}|pipeline={PIPELINE_VERSION}".encode())
    return h.hexdigest()[:16]


def prepare_index(corpus: str | os.PathLike, settings: Settings, *, index: str | os.PathLike | None = None,
                  cache_dir: str | os.PathLike | None = None, progress: bool = True) -> tuple[Settings, list[str]]:
    """Make sure an index of ``corpus`` exists for ``settings``; returns the settings
    pointing at it and notes (e.g. files that failed to ingest).

    Without ``index`` the index lives in ``cache_dir/<hash>``, keyed by the corpus
    contents and the index-relevant settings, so a second run does not re-embed.
    Ingest is incremental either way (unchanged files are skipped).
    """
    from ingest import ingest_paths

    from .api import open_index

    root = Path(corpus)
    if not root.is_dir():
        raise ValueError(f"corpus folder not found: {root}")
    key = corpus_key(root, settings)
    update: dict[str, Any] = {"index": Path(index) if index else Path(cache_dir or default_cache_dir()) / key}
    if settings.chroma_url and not index:
        update["collection"] = f"eval_{key}"  # one collection per cached index on a shared server
    s = settings.model_copy(update=update)
    store = open_index(settings=s)
    t0 = time.perf_counter()
    rep = _ingest_when_free(lambda: ingest_paths([root], store, options=s.chunking(), progress=progress), s.index)
    log.info("index %s: %s (%.1fs)", s.index, rep.summary(), time.perf_counter() - t0)
    notes = [f"failed to ingest {r.path}: {r.reason}" for r in rep.results if r.status.value == "failed"]
    for n in notes:
        log.warning(n)
    if not rep.results:
        raise ValueError(f"no supported files in the corpus folder {root}")
    return s, notes


# How long an eval waits for another process writing the same cached index (seconds), and how often
# it tries again: a second eval started beside the first over one corpus shares its cache, and once
# the first has written it, the second's ingest has nothing to do.
INDEX_WAIT_S = 1800.0
INDEX_POLL_S = 2.0


def _ingest_when_free(ingest: Callable[[], Any], index: Path | str, wait_s: float | None = None,
                      poll_s: float | None = None) -> Any:
    """``ingest()``, waiting (up to ``wait_s`` seconds, default :data:`INDEX_WAIT_S`) while another
    process holds the index's write lock, instead of failing at once. Raises
    :class:`ingest.store.IndexBusy` when the wait runs out."""
    from ingest.store import IndexBusy

    wait_s = INDEX_WAIT_S if wait_s is None else wait_s
    poll_s = INDEX_POLL_S if poll_s is None else poll_s
    deadline = time.monotonic() + wait_s
    told = False
    while True:
        try:
            return ingest()
        except IndexBusy:
            if time.monotonic() >= deadline:
                raise
            if not told:
                log.warning("index %s is being written by another process: waiting for it to end", index)
                told = True
            time.sleep(poll_s)


# ----------------------------------------------------------------------------- runner
def run_config(questions: Sequence[Question], config: RunConfig, docs: DocumentTexts, *,
               ks: Sequence[int] = DEFAULT_KS, ask_fn: AskFn | None = None, retrieve_fn: RetrieveFn | None = None,
               progress: bool = True, warm_up: bool = True, originals: Sequence[Question] = ()) -> ConfigRun:
    """Ask every question under one configuration and score the answers.

    ``originals``: questions that paraphrases point to (``of``) from another set;
    the ones referenced and not in ``questions`` are asked too, and used only for
    paraphrase consistency (they do not count in the other figures).

    ``ask_fn(question, settings=...)`` / ``retrieve_fn(question, k=..., settings=...)``
    default to :func:`agent.ask` / :func:`agent.retrieve` (tests pass fakes).
    Retrieval metrics use the answer's own ranked hits when they reach the largest
    k, otherwise a separate ``retrieve`` call with that k.
    """
    if ask_fn is None or retrieve_fn is None:
        from .api import ask, retrieve

        ask_fn, retrieve_fn = ask_fn or ask, retrieve_fn or retrieve
    s = config.settings
    max_k = max(ks)
    t_run = time.perf_counter()
    if warm_up:
        # Model loading and lazy caches are one-off costs; keep them out of the first question's latency.
        try:
            ask_fn("Which entities were added to the Entity List?", settings=s)
        except Exception as exc:  # noqa: BLE001 - the real questions will report it
            log.warning("warm-up for %s failed: %s", config.name, exc)
    own_ids = {q.id for q in questions}
    wanted = {q.of for q in questions if q.of}
    extra = [q for q in originals if q.id in wanted and q.id not in own_ids]
    results: list[QuestionResult] = []
    bar = tqdm([*questions, *extra], desc=f"eval {config.name}", unit="q", disable=not progress, leave=False)
    for q in bar:
        answer, error = None, ""
        t0 = time.perf_counter()
        try:
            answer = ask_fn(q.question, settings=s)
        except Exception as exc:  # noqa: BLE001 - one failing question must not end the run
            error = f"{type(exc).__name__}: {exc}"
            log.warning("%s [%s]: %s", q.id, config.name, error)
        latency = (time.perf_counter() - t0) * 1000
        ranked: list[Hit] = list(answer.hits) if answer else []
        if q.answerable and q.sources and len(ranked) < max_k:
            try:
                ranked = list(retrieve_fn(q.question, k=max_k, settings=s))
            except Exception as exc:  # noqa: BLE001
                log.warning("%s [%s]: retrieve failed: %s", q.id, config.name, exc)
        r = score_answer(q, answer, docs, ranked=ranked[:max_k], ks=ks, latency_ms=latency,
                         config=config.name, error=error)
        results.append(r)
        bar.set_postfix_str(f"failed {sum(x.failed for x in results)}", refresh=False)
    own, orig = results[:len(questions)], results[len(questions):]
    return ConfigRun(name=config.name, overrides=config.overrides, index=str(s.index), results=own,
                     summary=summarise(own, ks, originals=orig), seconds=time.perf_counter() - t_run,
                     originals=orig)


def evaluate(questions: Sequence[Question] | str | os.PathLike, *, corpus: str | os.PathLike | None = None,
             index: str | os.PathLike | None = None, configs: Sequence[RunConfig | str] | None = None,
             settings: Settings | None = None, ks: Sequence[int] = DEFAULT_KS, gates: Sequence[Gate] = (),
             cache_dir: str | os.PathLike | None = None, progress: bool = True,
             ask_fn: AskFn | None = None, retrieve_fn: RetrieveFn | None = None,
             originals: Sequence[Question] | str | os.PathLike = ()) -> EvalReport:
    """Evaluate a question set under one or more configurations.

    ``questions``: loaded questions or a JSONL path. ``corpus``: a folder to index
    (cached by content hash; ``index`` to choose the folder) and to read documents
    from when verifying citations. Without ``corpus`` the configured index is used.
    ``configs``: :class:`RunConfig` or ``name:key=value,...`` strings; the first is
    the baseline of comparisons. ``originals``: the set (or its path) that
    paraphrases (``of``) reword, for paraphrase consistency. Returns an
    :class:`EvalReport` (gates checked).
    """
    qpath = ""
    if not isinstance(questions, (list, tuple)):
        qpath = str(questions)
        questions = load_questions(questions)
    if not isinstance(originals, (list, tuple)):
        originals = load_questions(originals)
    base = settings or Settings()
    if index is not None:
        base = base.model_copy(update={"index": Path(index)})
    ks = parse_ks(ks)
    runs_cfg: list[RunConfig] = []
    for c in configs or []:
        runs_cfg += parse_config(c, base) if isinstance(c, str) else [c]
    runs_cfg = runs_cfg or [RunConfig("default", {}, base)]
    if len({c.name for c in runs_cfg}) < len(runs_cfg):
        raise ValueError("configuration names must be unique")
    if index is not None:
        for c in runs_cfg:
            c.settings = c.settings.model_copy(update={"index": Path(index)})
    notes: list[str] = []
    if corpus is not None:
        groups: dict[tuple, list[RunConfig]] = {}
        for c in runs_cfg:
            groups.setdefault(tuple(getattr(c.settings, f) for f in INDEX_FIELDS), []).append(c)
        if index is not None and len(groups) > 1:
            raise ValueError("configurations differ in index settings (" + ", ".join(INDEX_FIELDS)
                             + "); drop --index so each gets its own cached index")
        for members in groups.values():
            s_idx, n = prepare_index(corpus, members[0].settings, index=index, cache_dir=cache_dir, progress=progress)
            notes += n
            for c in members:
                c.settings = c.settings.model_copy(update={"index": s_idx.index, "collection": s_idx.collection})
    docs = DocumentTexts(corpus)
    runs = [run_config(questions, c, docs, ks=ks, ask_fn=ask_fn, retrieve_fn=retrieve_fn, progress=progress,
                       originals=originals) for c in runs_cfg]
    report = EvalReport(questions_path=qpath, corpus=str(corpus or ""),
                        created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                        ks=list(ks), runs=runs, notes=notes)
    report.gates = check_gates(runs, gates)
    return report


# ----------------------------------------------------------------------------- outputs
def result_record(r: QuestionResult) -> dict[str, Any]:
    """One JSONL line of per-question results."""
    d = asdict(r)
    d["citations_verified"] = r.citations_verified
    d["recall_at_k"] = {str(k): v for k, v in r.recall_at_k.items()}
    return d


def summary_dict(report: EvalReport) -> dict[str, Any]:
    """``summary.json``: run info, per-configuration summaries, gates and differences."""
    def summ(s: EvalSummary) -> dict[str, Any]:
        d = asdict(s)
        d["recall_at_k"] = {str(k): v for k, v in s.recall_at_k.items()}
        d["by_kind"] = {k: summ(v) for k, v in s.by_kind.items()}
        return d

    out: dict[str, Any] = {
        "questions": report.questions_path, "corpus": report.corpus, "created": report.created, "ks": report.ks,
        "configs": [{"name": r.name, "overrides": r.overrides, "index": r.index, "seconds": round(r.seconds, 2),
                     "summary": summ(r.summary)} for r in report.runs],
        "gates": [asdict(g) for g in report.gates], "passed": report.passed, "notes": report.notes,
    }
    if len(report.runs) > 1:
        out["differences"] = [comparison(report.runs[0], r, report.ks) for r in report.runs[1:]]
    return out


def comparison(a: ConfigRun, b: ConfigRun, ks: Sequence[int]) -> dict[str, Any]:
    """Metric deltas (b - a) and the questions whose outcome flipped."""
    deltas = {}
    for (key, _, _, _, va), (_, _, _, _, vb) in zip(metric_rows(a.summary, ks), metric_rows(b.summary, ks)):
        deltas[key] = None if va is None or vb is None else vb - va
    ra = {r.id: r for r in a.results}
    fixed, broken = [], []
    for rb in b.results:
        x = ra.get(rb.id)
        if x is not None and x.failed != rb.failed:
            (fixed if x.failed else broken).append(rb.id)
    return {"baseline": a.name, "config": b.name, "deltas": deltas, "fixed": fixed, "broken": broken}


def write_outputs(report: EvalReport, out_dir: str | os.PathLike, *, charts: bool = True) -> dict[str, Path]:
    """Write ``results-<config>.jsonl``, ``summary.json``, ``report.md`` and PNG charts."""
    from .report import write_report

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for run in report.runs:
        p = out / f"results-{run.name}.jsonl"
        with p.open("w", encoding="utf-8") as fh:
            for r in run.results:
                fh.write(json.dumps(result_record(r), ensure_ascii=False) + "\n")
        paths[f"results-{run.name}"] = p
    paths["summary"] = out / "summary.json"
    paths["summary"].write_text(json.dumps(summary_dict(report), indent=2, ensure_ascii=False), encoding="utf-8")
    paths.update(write_report(report, out, charts=charts))
    return paths


# ----------------------------------------------------------------------------- CLI
def add_eval_arguments(p: argparse.ArgumentParser) -> None:
    """Arguments of ``tradeqa eval`` (``--index`` etc. are added by the CLI)."""
    p.add_argument("questions", nargs="+",
                   help="JSONL question set(s) (fields: id, question, answerable, must_include, sources, kind, of); "
                        "several files are evaluated as one set")
    p.add_argument("--originals", action="append", default=[], metavar="JSONL",
                   help="set(s) whose questions the paraphrases (field 'of') reword: asked too, used only for "
                        "paraphrase consistency")
    p.add_argument("--corpus", help="folder of documents: indexed (cached by content hash) and used to verify citations")
    p.add_argument("--k", default=",".join(map(str, DEFAULT_KS)), help="retrieval cut-offs for recall@k (default 1,3,5,10)")
    p.add_argument("--out", default="eval-out", help="output folder (default ./eval-out)")
    p.add_argument("--config", action="append", default=[], metavar="NAME:KEY=VAL,...",
                   help="a configuration to run (repeatable), e.g. hybrid:fusion=rrf, or a JSON file")
    p.add_argument("--compare", nargs=2, metavar=("CONFIG_A", "CONFIG_B"),
                   help="run two configurations side by side, e.g. dense:fusion=dense hybrid:fusion=rrf")
    p.add_argument("--llm", help="answer back-end for all configurations: none | openai | llamacpp")
    p.add_argument("--limit", type=int, help="only the first N questions")
    p.add_argument("--cache-dir", dest="cache_dir", help=f"where --corpus indexes are cached (default {default_cache_dir()})")
    p.add_argument("--no-charts", dest="charts", action="store_false", help="skip the PNG charts")
    p.add_argument("--min-correct", dest="min_correct", help="gate: share of answerable questions fully correct (0.85 or 85)")
    p.add_argument("--min-abstain", dest="min_abstain", help="gate: share of unanswerable questions abstained on")
    p.add_argument("--min-citation-precision", dest="min_citation_precision", help="gate: share of citations verified")
    p.add_argument("--min-direct", dest="min_direct",
                   help="gate: share of answerable questions with every fact before the evidence quotes")
    p.add_argument("--min-consistency", dest="min_consistency",
                   help="gate: share of paraphrases with the same outcome as their original")
    p.add_argument("--min-recall", dest="min_recall", metavar="[K:]SHARE",
                   help="gate: retrieval recall@K (default K=5), e.g. 5:0.95")


def gates_from_args(args: argparse.Namespace, ks: list[int]) -> tuple[list[Gate], list[int]]:
    """The gates asked for on the command line (and ``ks`` extended by a recall gate's k)."""
    gates = []
    for attr, metric in (("min_correct", "correct_rate"), ("min_abstain", "abstain_recall"),
                         ("min_citation_precision", "citation_precision"), ("min_direct", "direct_rate"),
                         ("min_consistency", "consistency")):
        v = getattr(args, attr, None)
        if v is not None:
            gates.append(Gate(metric, parse_fraction(v)))
    if getattr(args, "min_recall", None):
        k_text, _, share = str(args.min_recall).rpartition(":")
        k = int(k_text) if k_text else 5
        gates.append(Gate(f"recall@{k}", parse_fraction(share)))
        if k not in ks:
            ks = sorted({*ks, k})
    return gates, ks


def run_eval_cli(args: argparse.Namespace) -> int:
    """``tradeqa eval``: 0 when every gate passes, 1 when one fails."""
    over = {f: getattr(args, f) for f in ("index", "chroma_url", "embedding_model", "llm") if getattr(args, f, None)}
    index = over.pop("index", None)
    base = Settings(**over)
    ks = parse_ks(args.k)
    gates, ks = gates_from_args(args, ks)
    specs = list(args.compare or []) + list(args.config or [])
    configs = parse_configs(specs, base)
    qpaths = args.questions if isinstance(args.questions, (list, tuple)) else [args.questions]
    questions = load_question_files(qpaths)
    originals = load_question_files(args.originals) if getattr(args, "originals", None) else []
    if args.limit:
        questions = questions[: args.limit]
    progress = not getattr(args, "quiet", False) and sys.stderr.isatty()
    report = evaluate(questions, corpus=args.corpus, index=index, configs=configs, settings=base, ks=ks,
                      gates=gates, cache_dir=args.cache_dir, progress=progress, originals=originals)
    report.questions_path = ", ".join(map(str, qpaths))
    paths = write_outputs(report, args.out, charts=args.charts)
    from .report import summary_table

    print(summary_table(report))
    print(f"\nreport: {paths['report']}")
    for g in report.gates:
        if not g.passed:
            print(f"GATE FAILED [{g.config}] {g.metric} = {_pct(g.value)} < {_pct(g.threshold)}", file=sys.stderr)
    return 0 if report.passed else 1


def _pct(v: float | None) -> str:
    return "n/a" if v is None else f"{v * 100:.1f}%"
