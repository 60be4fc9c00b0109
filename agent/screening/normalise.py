"""Name normalisation for screening: one job — turn a party name as written into the
comparable tokens the matcher scores.

Steps (each from a maintained library where one exists):

1. transliterate to ASCII (``rigour.text.ascii_text``: Cyrillic, CJK, accents —
   "ООО Роснефть" -> "OOO Rosneft'", "Zhōngguó" -> "Zhongguo");
2. case-fold;
3. drop legal-form words (``rigour.names.remove_org_types``: "Co., Ltd.", "LLC",
   "OOO", "PJSC", "GmbH", "Limited Liability Company", ...), after
   transliteration so Cyrillic forms go too;
4. punctuation to spaces (apostrophes vanish: "O'Neil" -> "oneil"), white space
   collapsed.

Token order is not normalised here: the matcher compares token sets, so
"SMITH, John" and "John Smith" meet.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rigour.names import remove_org_types
from rigour.text import ascii_text

_APOSTROPHES = re.compile(r"['’`´ʼ]")
_NON_WORD = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """ASCII, case-folded, punctuation as single spaces; legal forms kept."""
    t = ascii_text(text or "").casefold()
    t = _APOSTROPHES.sub("", t)
    return _NON_WORD.sub(" ", t).strip()


@lru_cache(maxsize=65536)
def normalise_name(text: str) -> str:
    """The comparable form of a name: :func:`fold` without legal-form words.

    A name that is *only* legal-form words ("The Limited Company") keeps them, so
    no name normalises to the empty string unless it has no letters or digits.
    """
    folded = fold(text)
    if not folded:
        return ""
    # rigour matches legal forms on word boundaries of case-folded text; run it on the
    # ASCII text with punctuation kept (so "co., ltd." is seen as the form it is).
    ascii_cf = _APOSTROPHES.sub("", ascii_text(text).casefold())
    stripped = ascii_cf
    for _ in range(3):  # "Co. Ltd." is two forms in a row: rigour takes one per pass
        nxt = remove_org_types(stripped, replacement=" ")
        if nxt == stripped:
            break
        stripped = nxt
    stripped = _NON_WORD.sub(" ", stripped).strip()
    return stripped or folded


def name_tokens(text: str) -> tuple[str, ...]:
    """Tokens of :func:`normalise_name`."""
    return tuple(normalise_name(text).split())
