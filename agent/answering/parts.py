"""Questions that ask two things at once ("Who announced the visa restrictions, and on what
date?", "How many entities did BIS add, and how many entries did it revise?").

The offline answerer reads one asking clause per question: given both, it answers the first
(or neither) and its abstention model sees evidence for half of what is asked. Such a
question is split where a coordinating "and" opens a second wh-clause; each part is
answered on its own (retrieval, answer, abstention), and the answers are joined: one line
per part in the direct answer, "the sources don't say" for a part they don't answer, and
all the quotes renumbered in one evidence list. The second part carries what the first
part is about (its noun phrases, not what it asks: "the visa restrictions, Chinese
officials, Xinjiang: what date?"), so its names and retrieval stay those of the question.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..types import Answer, Citation

# ", and on what date", " and how many", " and under which notice": a coordinating "and" that opens
# a clause with its own wh-word (optionally after a preposition).
_SECOND_ASK = re.compile(
    r"(?:,\s*|\s+)and\s+(?:(?:on|in|at|under|by|for|from|to|with|of|since|until)\s+)?"
    r"(?=(?:what|which|who|whom|whose|when|where|why|how)\b)", re.I)
# A provision or document named by a number: "FAR 4.2104", "PF 2019-33", "§ 744.11", "52.204-25".
_PROVISION = re.compile(r"(?:\b[A-Z][A-Za-z]*\.?|§+)\s*\d[\d.]*(?:-\d+)?(?:\([a-z0-9]+\))*|\b\d+\.\d+(?:-\d+)?\b")
# The least words the part before a split must have: "When and where ..." asks one thing.
_MIN_PART_WORDS = 3


def split_parts(question: str) -> list[str]:
    """The questions ``question`` asks, in order: ``[question]`` when it asks one thing.
    Every later part is "<what the first part is about>: <its own wh-clause>?" (the first
    part's noun phrases give it its names and topic; its own clause its answer kind)."""
    text = question.strip()
    cuts = [m for m in _SECOND_ASK.finditer(text)]
    if not cuts:
        return [question]
    pieces, start = [], 0
    for m in cuts:
        pieces.append(text[start:m.start()])
        start = m.end()
    pieces.append(text[start:])
    pieces = [p.strip(" ,;?") for p in pieces]
    if any(len(p.split()) < _MIN_PART_WORDS for p in pieces[:1]) or any(not p for p in pieces):
        return [question]
    first = pieces[0]
    context = _topic(first)
    if len(pieces) == 2 and context == first and (shared := _topic(pieces[-1])) != pieces[-1]:
        # The first part names nothing it is about ("How many entities were added *and* how many
        # entries revised by the July 22, 2020 rule?"): what the last part is about is shared.
        return [f"{shared}: {first}?", f"{pieces[-1]}?"]
    subject = _subject(first)
    return [first + "?"] + [f"{context}: {_resolved(p, subject)}?" for p in pieces[1:]]


def _subject(clause: str) -> tuple[str, str] | None:
    """The first part's subject noun phrase when it is no pronoun and no wh-phrase ("BIS" of "How
    many entities did BIS add on July 22, 2020"), with the pronouns that may stand for it: "he",
    "she" for a person (spaCy's PERSON entity), "it" for a singular thing, "they" for a plural
    one. From spaCy's parse; None otherwise."""
    try:
        from .nlp import parse

        doc = parse(clause, disable=["lemmatizer"])
    except Exception:  # noqa: BLE001 - no parse: pronouns stay
        return None
    # (The parser may make "how many entities" a subject too: that is what the part asks.)
    subj = next((t for t in doc if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON"
                 and not any(w.tag_ in ("WDT", "WP", "WP$", "WRB") for w in t.subtree)), None)
    if subj is None:
        return None
    span = doc[subj.left_edge.i:subj.right_edge.i + 1]
    if any(e.label_ == "PERSON" for e in span.ents):
        pronouns = "he she"
    else:
        pronouns = "they" if subj.tag_ in ("NNS", "NNPS") else "it"
    return span.text, pronouns


def _resolved(part: str, subject: tuple[str, str] | None) -> str:
    """``part`` with its subject pronoun ("did *it* revise") replaced by the first part's subject
    when the pronoun agrees with it (:func:`_subject`: "it" never stands for "Pompeo"): a pronoun
    leaves the part's retrieval and its abstention without the party it asks about."""
    if subject is None:
        return part
    try:
        from .nlp import parse

        doc = parse(part, disable=["ner", "lemmatizer"])
    except Exception:  # noqa: BLE001 - the part as written
        return part
    text, pronouns = subject
    pron = next((t for t in doc if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in pronouns.split()), None)
    if pron is None:
        return part
    return part[:pron.idx] + text + part[pron.idx + len(pron.text):]


def _topic(clause: str) -> str:
    """What a question's clause is about, for the parts after it: its noun phrases (spaCy
    noun chunks) without the one that holds the wh-word (that is what the clause asks, not
    what the others are about) and without pronouns — "Which Federal Register notices are
    cited in the Yitu Technologies screening record" -> "the Yitu Technologies screening
    record". The whole clause when spaCy is unavailable or finds nothing."""
    try:
        from .nlp import parse

        doc = parse(clause, disable=["ner", "lemmatizer"])
        chunks = [c.text for c in doc.noun_chunks
                  if not any(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in c) and c.root.pos_ != "PRON"]
    except Exception:  # noqa: BLE001 - the whole clause is context enough
        chunks = []
    # Dates too, whole ("on July 22, 2020": the noun chunk is "July" alone): the second part asks
    # about the same event.
    from ..analysis import find_dates

    for m in find_dates(clause):
        date = m.group(0)
        chunks = [c for c in chunks if c not in date] + [date]
    # And the provisions it names ("Under *FAR 4.2104*, who can grant a waiver": the noun chunk is
    # "FAR" alone, and "a waiver" alone is any waiver).
    for m in _PROVISION.finditer(clause):
        cite = m.group(0)
        if not any(cite in c for c in chunks):
            chunks = [c for c in chunks if c not in cite] + [cite]
    return ", ".join(chunks) if chunks else clause


def _lead_line(answer: Answer) -> str:
    """The direct-answer line of a part's answer (its first line), without the source
    attribution a quoted sentence carries."""
    line = answer.text.splitlines()[0] if answer.text else ""
    m = re.match(r"^(“.*”) — .*?((?:\[\d+\])+)$", line)
    return f"{m.group(1)} {m.group(2)}" if m else line


def combine(question: str, parts: list[str], answers: list[Answer], compose) -> Answer:
    """One answer from the parts' answers: a direct-answer line per part (its lead with its
    markers renumbered, or "The sources don't say: “<part>”"), then every quote once, in
    order. ``compose(lead, citations, marks)`` writes the text (the extractive answerer's
    layout). Abstained only when every part abstained."""
    citations: list[Citation] = []
    seen: dict[tuple[str, int, int], int] = {}
    lines: list[str] = []
    for part, ans in zip(parts, answers):
        if ans.abstained:
            asked = part.split(": ", 1)[-1] if part is not parts[0] else part
            lines.append(f"The sources don't say: “{asked.rstrip('?')}”")
            continue
        renumber: dict[int, int] = {}
        for c in ans.citations:
            key = (c.doc_id, c.start, c.end)
            if key not in seen:
                seen[key] = len(citations) + 1
                citations.append(replace(c, n=seen[key]))
            renumber[c.n] = seen[key]
        lines.append(re.sub(r"\[(\d+)\]", lambda m: f"[{renumber.get(int(m.group(1)), m.group(1))}]", _lead_line(ans)))
    if all(a.abstained for a in answers):
        first = answers[0]
        return replace(first, question=question, notice="; ".join(a.notice for a in answers if a.notice))
    text = compose("\n".join(lines), citations, [])
    notices = "; ".join(dict.fromkeys(a.notice for a in answers if a.notice))
    return Answer(text=text, abstained=False, citations=citations, question=question, backend="extractive",
                  notice=notices)
