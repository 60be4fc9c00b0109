"""One validation for questions, shared by every entry point (``ask``, ``stream_ask``,
``retrieve``, :class:`~agent.retrieval.TradeQARetriever`, the CLI and the UI),
plus the cheap writing-system check behind "the index has no text in this script".

Errors are :class:`ValueError` with a message a person can act on; nothing here
lets a bad string reach the tokenizer (which raises ``TypeError`` on lone
surrogates).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Iterable

# Terminal escape sequences (ECMA-48 CSI "ESC [ ... m", OSC "ESC ] ... BEL", two-character
# escapes): removed whole, so no "[31m" is left in the question.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
# C0/C1 control characters except tab/newline/CR: each becomes a space (a vertical tab, form
# feed or backspace between two words still separates them: "What is\x0bHikvision").
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Format characters that hide text (zero-width, bidi overrides): removed (they sit inside words).
_FORMAT = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class QuestionError(ValueError):
    """A question that cannot be asked; the message says why and what to do."""


def decode_argument(value: str | bytes) -> str:
    """A command-line argument as text.

    Python decodes ``argv`` with ``surrogateescape``: bytes that are not valid
    UTF-8 arrive as lone surrogates U+DC80–U+DCFF. Raises :class:`QuestionError`
    naming the bad bytes instead of passing them on.
    """
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise QuestionError(f"the question is not valid UTF-8 (byte {value[exc.start:exc.start + 1]!r} "
                                f"at position {exc.start}); re-type it or fix the terminal's encoding") from None
    bad = [ord(ch) - 0xDC00 for ch in value if 0xDC80 <= ord(ch) <= 0xDCFF]
    if bad:
        raise QuestionError(f"the question is not valid UTF-8 (bytes {', '.join(f'0x{b:02x}' for b in bad[:4])}); "
                            "re-type it or fix the terminal's encoding (LANG=C.UTF-8)")
    return value


def strip_controls(text: str) -> str:
    """``text`` without terminal escape sequences and format characters, and with each other
    control character as a space (safe to echo in a terminal or page; words stay apart)."""
    return _FORMAT.sub("", _CONTROL.sub(" ", _ANSI.sub("", text)))


def validate_question(question: object, max_chars: int) -> str:
    """The question, stripped and without control characters, ready to search.

    Raises :class:`QuestionError` (a ``ValueError``) when it is not a string, is
    empty (or only control characters/space), is longer than ``max_chars``
    characters, has no letter or digit at all ("???"), or holds lone surrogates
    (invalid UTF-8 or a broken UTF-16 pair).
    """
    if isinstance(question, bytes):
        question = decode_argument(question)
    if not isinstance(question, str):
        raise QuestionError(f"the question must be a string, not {type(question).__name__}")
    if _SURROGATE.search(question):
        pos = _SURROGATE.search(question).start()
        raise QuestionError(f"the question contains an invalid character at position {pos} (a lone surrogate: "
                            "invalid UTF-8 or a broken UTF-16 pair); re-type it")
    q = re.sub(r" {2,}", " ", strip_controls(unicodedata.normalize("NFC", question))).strip()
    if not q:
        raise QuestionError("question is empty; type a question about the indexed sources")
    if not any(ch.isalnum() for ch in q):
        raise QuestionError(f"the question {q[:40]!r} has no words; type a question about the indexed sources")
    if len(q) > max_chars:
        raise QuestionError(f"the question is {len(q)} characters; the limit is {max_chars} "
                            "(TRADEQA_MAX_QUESTION_CHARS). Shorten it or ask several questions.")
    return q


# ------------------------------------------------------------------- scripts
def script_of(ch: str) -> str | None:
    """The writing system of a letter, from its Unicode name ("LATIN", "CJK",
    "DEVANAGARI", "ARABIC", ...); None for digits, punctuation and symbols.

    Hiragana, katakana and hangul count as "CJK" too: an index with Chinese text
    may share Han characters with a Japanese question, so those are grouped.
    """
    if not ch.isalpha():
        return None
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return None
    first = name.split()[0]
    if first in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPHIC", "HALFWIDTH", "FULLWIDTH"):
        return "CJK" if first not in ("HALFWIDTH", "FULLWIDTH") or "LATIN" not in name else "LATIN"
    return first


def scripts(text: str, *, min_share: float = 0.0) -> Counter[str]:
    """Letters per script in ``text``; scripts under ``min_share`` of the letters are left out."""
    c: Counter[str] = Counter(s for s in map(script_of, text) if s)
    if min_share and c:
        total = sum(c.values())
        c = Counter({k: v for k, v in c.items() if v / total >= min_share})
    return c


def missing_scripts(question: str, indexed: Iterable[str]) -> list[str]:
    """The question's main script (the one most of its letters are in) when the
    indexed text has none of it, else ``[]`` (``indexed`` = script names present).

    Judged by the main script so that a Latin acronym in a Chinese question
    ("WTO是什么组织") doesn't hide the mismatch, and one Chinese name in an
    English question doesn't cause one.
    """
    q = scripts(question)
    if not q:
        return []
    main = q.most_common(1)[0][0]
    return [] if main in set(indexed) else [main]
