"""Questions and dates in languages other than English: which questions ask "when",
and which dates are written with another language's month names.

The English answerer reads English question words with its own rules; a question in
Arabic ("متى يدخل القرار حيز التنفيذ؟"), Russian ("Когда ...") or Chinese ("何时 ...")
asks for a date as "When ...?" does, and a notice in those languages prints its dates
with its own month names ("1 يونيو 2020", "1 июня 2020 г.", "1. Juni 2020").

* **Time interrogatives** (:data:`WHEN_WORDS`): a small table of the words and phrases
  that ask "when" / "on what date", per language (ISO 639-1). No library we have
  carries them: CLDR (Babel) has month and day names but no interrogatives, spaCy's
  per-language stop-word lists hold them unlabelled among other function words, and
  Gherkin's keyword tables (in Pygments) give the conditional "when" ("Wenn", not
  "Wann"). Closed-class words of a language are stable linguistic data; the table is
  one entry per language, not fitted to any question. Chinese, Japanese and Korean
  are written without spaces: their words are found anywhere; the others as whole
  words, after the proclitics the language attaches ("ومتى" = "and when"). A word of a
  language in the Latin script ("quand", "kapan") counts only in a question py3langid
  does not call English: in an English question it is a name ("Kapan", "Quando Ltd").
* **Month names** come from CLDR through Babel (format and stand-alone, wide forms;
  locale variants where a region names its months differently: Levantine Arabic
  "حزيران" beside "يونيو"), for the same languages. A date is a day, the month name
  (an Arabic print often gives both names: "يونيو/حزيران") and a four-digit year.
"""
from __future__ import annotations

import functools
import re

# Per language: the words and phrases that ask for a time or date (lower case).
WHEN_WORDS: dict[str, tuple[str, ...]] = {
    "zh": ("什么时候", "甚麼時候", "什麼時候", "何时", "何時", "几时", "幾時", "哪天", "哪一天", "哪日", "哪一日",
           "哪年", "哪一年", "哪月", "哪一月", "什么日期", "什麼日期", "几月几日", "几月几号", "幾月幾日", "幾月幾號"),
    "ja": ("いつ", "何日", "何年", "何月"),
    "ko": ("언제", "며칠", "몇 년", "몇년", "몇 월", "몇월"),
    "ar": ("متى", "في أي تاريخ", "ما تاريخ", "ما هو تاريخ", "في أي يوم", "في أي عام", "في أي سنة"),
    "fa": ("چه زمانی", "چه وقت", "چه تاریخی", "در چه تاریخی"),
    "he": ("מתי", "באיזה תאריך"),
    "ru": ("когда", "какого числа", "в какую дату", "с какого числа"),
    "uk": ("коли", "якого числа"),
    "fr": ("quand", "à quelle date", "quelle date"),
    "es": ("cuándo", "qué fecha", "en qué fecha"),
    "pt": ("quando", "que data", "em que data"),
    "it": ("quando", "in che data", "quale data"),
    "de": ("wann", "an welchem tag", "welches datum", "seit wann", "ab wann"),
    "tr": ("ne zaman", "hangi tarih", "hangi tarihte"),
    "id": ("kapan", "tanggal berapa"),
    "vi": ("khi nào", "bao giờ", "ngày nào"),
    "hi": ("कब", "किस तारीख"),
    "el": ("πότε",),
}
# Languages written without spaces between words: a word is found anywhere in the question.
UNSPACED = frozenset({"zh", "ja", "ko"})
# Proclitics a language writes joined to the next word ("و" = "and": "ومتى"; Hebrew "ו", "ב").
PROCLITICS: dict[str, str] = {"ar": "[وف]", "fa": "و", "he": "[ובה]"}
# CLDR locales whose month names a language's documents use (a region may name them its own way).
MONTH_LOCALES: dict[str, tuple[str, ...]] = {
    "ar": ("ar", "ar_SY", "ar_MA", "ar_DZ"), "fa": ("fa",), "he": ("he",), "ru": ("ru",), "uk": ("uk",),
    "fr": ("fr",), "es": ("es",), "pt": ("pt",), "it": ("it",), "de": ("de",), "tr": ("tr",), "id": ("id",),
    "hi": ("hi",), "el": ("el",),
}


# Languages written in the Latin script: their words could be names in an English question
# ("Kapan", a town; "Quando Ltd"), so a match counts only in a question py3langid does not
# call English. The other scripts tell the language by themselves.
LATIN = frozenset({"fr", "es", "pt", "it", "de", "tr", "id", "vi"})


@functools.lru_cache(maxsize=2)
def _when_re(latin: bool) -> re.Pattern:
    parts = []
    for lang, words in WHEN_WORDS.items():
        if (lang in LATIN) != latin:
            continue
        alt = "|".join(re.escape(w).replace(r"\ ", r"\s*" if lang in UNSPACED else r"\s+")
                       for w in sorted(words, key=len, reverse=True))
        if lang in UNSPACED:
            parts.append(f"(?:{alt})")
        else:
            pre = f"{PROCLITICS[lang]}?" if lang in PROCLITICS else ""
            parts.append(rf"(?<![^\W\d_]){pre}(?:{alt})(?![^\W\d_])")
    return re.compile("|".join(parts), re.IGNORECASE)


def asks_when(question: str) -> bool:
    """True when ``question`` holds another language's word for "when" / "on what date"
    ("متى", "когда", "何时", "いつ", "언제", "quand", "wann" ...). English "when" is not
    here: the English classifier reads it with the rest of the question."""
    if _when_re(False).search(question):
        return True
    return _when_re(True).search(question) is not None and not _is_english(question)


@functools.lru_cache(maxsize=256)
def _is_english(question: str) -> bool:
    """py3langid's (BSD-3; model in the wheel) reading of the question's language."""
    try:
        import py3langid
    except ImportError:  # a declared dependency; without it, a Latin-script match counts
        return False
    return py3langid.classify(question)[0] == "en"


@functools.lru_cache(maxsize=1)
def _month_dates_re() -> re.Pattern:
    """Day, month name (CLDR, see :data:`MONTH_LOCALES`), four-digit year; compiled on first use."""
    from babel import Locale

    names: set[str] = set()
    prefixed: set[str] = set()
    for lang, locales in MONTH_LOCALES.items():
        for code in locales:
            loc = Locale.parse(code)
            for context in ("format", "stand-alone"):
                got = {n for n in loc.months[context]["wide"].values() if n and not n[-1].isdigit()}
                (prefixed if lang == "he" else names).update(got)
    month = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))
    he_month = "|".join(re.escape(n) for n in sorted(prefixed, key=len, reverse=True))
    one = rf"(?:(?:{month})|ב?(?:{he_month}))"
    return re.compile(
        rf"(?<![\d\w])\d{{1,2}}(?:er|\.|º)?\s+(?:de\s+)?(?i:{one}(?:\s*/\s*{one})?)(?![^\W\d_])"
        rf"\s*(?:de\s+|,\s*)?\d{{4}}(?!\d)")


def find_month_dates(text: str) -> list[re.Match]:
    """Dates written with another language's month names: "1 يونيو 2020", "1 يونيو/حزيران
    2020", "1 июня 2020", "1er juin 2020", "1 de junio de 2020", "1. Juni 2020", "1 ביוני 2020"."""
    if not any(c.isdigit() for c in text):
        return []
    return list(_month_dates_re().finditer(text))
