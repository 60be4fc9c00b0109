"""Turn a model's structured answer into sentences with verified citations.

The model is asked for JSON::

    {"abstain": false,
     "sentences": [{"text": "...", "support": [{"passage": 2, "quote": "verbatim words"}]}]}

:func:`parse_model_answer` reads that tolerantly (code fences, prose around the
object, trailing commas, common key variants). :class:`Grounder` then checks
every quote against the *stored* document text with
:func:`agent.citations.locate_quote`: first inside the span of the passage the
model cited, then anywhere in that passage's document. A sentence is kept only
when every one of its quotes verifies; otherwise it is dropped with its quotes.
Citations are numbered in order of first use, so the ``[n]`` markers in the
text always match ``Citation.n`` of the returned citations.
"""
from __future__ import annotations

import json
import logging
import re
import time
from dataclasses import dataclass, field
from typing import Any, Iterable, Protocol

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from .citations import locate_quote, make_citation
from .types import Citation, Hit

log = logging.getLogger(__name__)

MIN_QUOTE_CHARS = 8  # shorter "quotes" ("the", "US") prove nothing
MIN_QUOTE_WORDS = 2
_MARKER = re.compile(r"\s*\[(?:\d+(?:\s*[,;-]\s*\d+)*)\]")
_TAG = re.compile(r"</?\s*(passages?|question)\b", re.IGNORECASE)


class GroundingParseError(ValueError):
    """The model's reply is not the requested JSON (even read tolerantly)."""


# JSON schema of the reply (for back-ends that can constrain decoding to it, e.g. llama.cpp).
ANSWER_SCHEMA: dict = {
    "type": "object",
    "properties": {
        "abstain": {"type": "boolean"},
        "sentences": {"type": "array", "items": {
            "type": "object",
            "properties": {
                "text": {"type": "string", "maxLength": 300},
                "support": {"type": "array", "items": {
                    "type": "object",
                    "properties": {"passage": {"type": "integer"}, "quote": {"type": "string", "maxLength": 250}},
                    "required": ["passage", "quote"]}, "maxItems": 3},
            },
            "required": ["text", "support"]}, "maxItems": 6},
    },
    "required": ["abstain", "sentences"],
}


# --------------------------------------------------------------------- records
class Support(BaseModel):
    """One verbatim quote from a numbered passage."""

    passage: int
    quote: str

    @model_validator(mode="before")
    @classmethod
    def _aliases(cls, v: Any) -> Any:
        if isinstance(v, dict):
            v = dict(v)
            for alt in ("passage_id", "id", "source", "passage_number", "ref"):
                if "passage" not in v and alt in v:
                    v["passage"] = v.pop(alt)
            for alt in ("text", "evidence", "span", "excerpt"):
                if "quote" not in v and alt in v:
                    v["quote"] = v.pop(alt)
            p = v.get("passage")
            if isinstance(p, str):
                m = re.search(r"\d+", p)
                v["passage"] = int(m.group()) if m else -1
        return v


class ModelSentence(BaseModel):
    """One answer sentence and the quotes that support it."""

    text: str
    support: list[Support] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _aliases(cls, v: Any) -> Any:
        if isinstance(v, str):
            return {"text": v, "support": []}
        if isinstance(v, dict):
            v = dict(v)
            for alt in ("sentence", "claim", "answer"):
                if "text" not in v and alt in v:
                    v["text"] = v.pop(alt)
            for alt in ("supports", "citations", "quotes", "evidence", "sources"):
                if "support" not in v and alt in v:
                    v["support"] = v.pop(alt)
            if isinstance(v.get("support"), dict):
                v["support"] = [v["support"]]
        return v

    @field_validator("support", mode="before")
    @classmethod
    def _drop_bad_support(cls, v: Any) -> Any:
        # One malformed quote entry must not sink the whole reply: keep the well-formed ones.
        if not isinstance(v, list):
            return []
        good = []
        for item in v:
            try:
                good.append(Support.model_validate(item))
            except ValidationError:
                log.info("ignoring malformed support entry %r", item)
        return good


class ModelAnswer(BaseModel):
    """The whole structured reply."""

    abstain: bool = False
    reason: str = ""
    sentences: list[ModelSentence] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _aliases(cls, v: Any) -> Any:
        if isinstance(v, list):
            return {"sentences": v}
        if isinstance(v, dict):
            v = dict(v)
            for alt in ("answer", "claims", "statements", "answer_sentences"):
                if "sentences" not in v and isinstance(v.get(alt), list):
                    v["sentences"] = v.pop(alt)
            for alt in ("abstained", "cannot_answer", "insufficient"):
                if "abstain" not in v and alt in v:
                    v["abstain"] = v.pop(alt)
            if not isinstance(v.get("reason", ""), str):
                v["reason"] = str(v["reason"])
        return v


# --------------------------------------------------------------------- parsing
def _strip_trailing_commas(s: str) -> str:
    return re.sub(r",\s*([}\]])", r"\1", s)


def _candidates(raw: str) -> Iterable[str]:
    text = raw.strip()
    yield text
    fence = re.search(r"```(?:json|JSON)?\s*(.*?)```", text, re.DOTALL)
    if fence:
        yield fence.group(1).strip()
    i, j = text.find("{"), text.rfind("}")
    if 0 <= i < j:
        yield text[i:j + 1]
    i, j = text.find("["), text.rfind("]")
    if 0 <= i < j:
        yield text[i:j + 1]


def parse_model_answer(raw: str) -> ModelAnswer:
    """Read the model's reply as a :class:`ModelAnswer`; raises :class:`GroundingParseError`."""
    if not raw or not raw.strip():
        raise GroundingParseError("the model returned an empty reply")
    last_error: Exception | None = None
    for cand in _candidates(raw):
        for text in (cand, _strip_trailing_commas(cand)):
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                last_error = exc
                continue
            try:
                answer = ModelAnswer.model_validate(obj)
            except ValidationError as exc:
                last_error = exc
                continue
            if not answer.abstain and not answer.sentences:
                last_error = ValueError("no sentences and no abstention")
                continue
            return answer
    raise GroundingParseError(f"the model's reply is not the requested JSON ({type(last_error).__name__}: "
                              f"{str(last_error)[:120]}); reply began {raw.strip()[:80]!r}")


class SentenceStream:
    """Pull complete sentence objects out of a JSON reply while it streams in.

    ``feed(piece)`` returns the :class:`ModelSentence` objects that completed in
    that piece (in order), so verified sentences can be shown before the model
    has finished. Only the elements of the top-level ``"sentences"`` array are
    reported; anything unparseable is left for the final, whole-reply parse.
    """

    def __init__(self) -> None:
        self.buf = ""
        self._pos = 0  # scanned up to here
        self._in_array = False
        self._depth = 0  # brace/bracket depth inside the array
        self._in_str = False
        self._esc = False
        self._obj_start = -1
        self.count = 0

    def feed(self, piece: str) -> list[ModelSentence]:
        self.buf += piece
        out: list[ModelSentence] = []
        if not self._in_array:
            m = re.search(r'"sentences"\s*:\s*\[', self.buf)
            if not m:
                return out
            self._in_array = True
            self._pos = m.end()
        buf = self.buf
        i = self._pos
        while i < len(buf):
            ch = buf[i]
            if self._in_str:
                if self._esc:
                    self._esc = False
                elif ch == "\\":
                    self._esc = True
                elif ch == '"':
                    self._in_str = False
            elif ch == '"':
                self._in_str = True
            elif ch in "{[":
                if self._depth == 0 and ch == "{":
                    self._obj_start = i
                self._depth += 1
            elif ch in "}]":
                if self._depth == 0:  # end of the sentences array
                    self._in_array = False
                    self._pos = len(buf) + 1
                    self.buf = ""  # ignore the rest
                    return out
                self._depth -= 1
                if self._depth == 0 and self._obj_start >= 0:
                    try:
                        out.append(ModelSentence.model_validate(json.loads(_strip_trailing_commas(buf[self._obj_start:i + 1]))))
                        self.count += 1
                    except (json.JSONDecodeError, ValidationError):
                        pass
                    self._obj_start = -1
            i += 1
        self._pos = i
        return out


# ------------------------------------------------------------------ verifying
class DocumentSource(Protocol):
    """What grounding needs from the index (``IndexStore`` satisfies it)."""

    def get_document(self, doc_id: str): ...


def list_lead_in(body: str, start: int, *, max_items: int = 12, window: int = 4000) -> str:
    """The lead-in of the enumeration whose item starts at ``body[start]``, or "".

    An item of a list ("- Visa restrictions on ...", "(1) Telecommunications equipment
    produced by ...") is the complement of the sentence that introduces the list
    ("Today, I am announcing:", "Covered telecommunications equipment or services
    means–"): its words (the verb, the defined term) belong to every item. Walks back
    over sibling items to the nearest sentence ending in a colon or a dash; "" when the
    text at ``start`` is not a list item or no such lead-in precedes it.
    """
    from ingest.chunking import _LIST_ITEM, split_sentences

    a = max(0, start - window)
    before = [(x, y) for x, y in split_sentences(body[a:start], base=a) if body[x:y].strip()]
    item = body[start:start + 40]
    if not _LIST_ITEM.match(item) and not (before and body[before[-1][0]:before[-1][1]].rstrip().endswith(_LEAD_ENDS)):
        return ""
    kind, first = _marker(item)
    first = first and bool(kind)
    for x, y in reversed(before[-max_items:]):
        sent = body[x:y].rstrip()
        k, f = _marker(sent)
        if sent.endswith(_LEAD_ENDS) and not (kind and k == kind and not first):
            # (A sibling that introduces sub-items of its own, "(2) Items ... controlled-", is
            # walked over: its lead-in is theirs.)
            return sent
        if not _LIST_ITEM.match(sent) or first:
            # The list began with no lead-in sentence; or the walk has passed this list's first
            # item ("(1)", "(a)") and what stands above it ("(d) Reporting requirement.") is its
            # parent heading, not a lead-in: one further up introduces another list.
            return ""
        first = f and k == kind and bool(kind)  # sub-items of a sibling item are walked over
    return ""


_ITEM_MARKER = re.compile(r"^\s*\(?(?:(\d{1,3})|([ivxlc]+|[a-z])|([IVXLC]+|[A-Z]))[.)]")


def _marker(text: str) -> tuple[str, bool]:
    """The numbering of a list item — "digit" ("(1)", "2."), "lower" ("(a)", "(ii)"), "upper"
    ("(A)", "II."), or "" (a bullet, or not an item) — and whether it is a list's first item
    ("1", "a", "i", "A", "I")."""
    m = _ITEM_MARKER.match(text)
    if not m:
        return "", False
    mark = next(g for g in m.groups() if g)
    kind = "digit" if m.group(1) else "lower" if m.group(2) else "upper"
    return kind, mark.lower() in ("1", "a", "i")


def record_block(body: str, start: int, *, max_lines: int = 60) -> str:
    """The record whose field line holds ``body[start]``, or "".

    Screening lists and similar extracts write one entry as consecutive "Label: value"
    lines ("Entity: ...", "Alternate names: ...", "Start date: ..."), entries apart by a
    blank line. A claim that links two fields (a name and its alias) must find both in one
    entry; this returns that entry (two field lines or more), else "".
    """
    from ingest.chunking import _FIELD

    a = body.rfind("\n", 0, start) + 1
    b = body.find("\n", start)
    b = len(body) if b < 0 else b
    if not _FIELD.match(body[a:b]):
        return ""
    lines = 1
    while a > 0 and lines < max_lines:
        pa = body.rfind("\n", 0, a - 1) + 1
        if not _FIELD.match(body[pa:a - 1]):
            break
        a, lines = pa, lines + 1
    while b < len(body) and lines < max_lines:
        nb = body.find("\n", b + 1)
        nb = len(body) if nb < 0 else nb
        if not _FIELD.match(body[b + 1:nb]):
            break
        b, lines = nb, lines + 1
    return body[a:b] if lines >= 2 else ""


def quotation_opening(body: str, start: int) -> int:
    """The offset of the opening mark of the quotation that ``body[start:]`` begins inside, or -1
    when it lies in no open quotation of its paragraph (curly marks, or straight ones counted)."""
    para_start = body.rfind("\n\n", 0, start)
    para_start = 0 if para_start < 0 else para_start + 2
    opening = body.rfind("\u201c", para_start, start + 1)
    if opening >= 0:
        return opening if body.find("\u201d", opening, start) < 0 else -1
    if body.count('"', para_start, start) % 2:
        return body.rfind('"', para_start, start)
    return -1


def quotation_speaker(body: str, start: int, end: int, *, reach: int = 160) -> str:
    """The attribution clause of the quotation that ``body[start:end]`` lies in, or "":
    the words after its closing mark up to the sentence end ('said Secretary of Commerce
    Wilbur Ross') and before its opening mark from the sentence start ('Ross said:').
    Curly marks, or straight ones counted within the paragraph."""
    para_start = body.rfind("\n\n", 0, start)
    para_start = 0 if para_start < 0 else para_start + 2
    para_end = body.find("\n\n", end)
    para_end = len(body) if para_end < 0 else para_end
    opening = body.rfind("“", para_start, start + 1)
    if opening >= 0 and body.find("”", opening, start) < 0:
        closing = body.find("”", max(start, end - 1), para_end)
        if closing < 0 or body.find("“", end, closing) >= 0:
            return ""
    else:
        if body.count('"', para_start, start) % 2 == 0:
            return ""
        opening = body.rfind('"', para_start, start)
        closing = body.find('"', max(start, end - 1), para_end)
        if closing < 0:
            return ""
    after = body[closing + 1:min(para_end, closing + 1 + reach)]
    after = re.split(r"(?<=[.!?])\s|[“\"\n]", after)[0]
    before = body[max(para_start, opening - reach):opening]
    before = re.split(r"[.!?”\"]\s|\n", before)[-1]
    own = " ".join(x.strip(" ,") for x in (before, after) if x.strip(" ,.")).strip()
    if own or body[opening] != "“":
        return own
    # A quotation that goes on after its attribution ('"...," said Secretary Ross. "President Trump
    # has directed ..."') is the same speaker's: the attribution between it and the quotation before
    # it in the paragraph.
    prev_close = body.rfind("”", para_start, opening)
    if prev_close < 0:
        return ""
    between = body[prev_close + 1:opening].strip(" ,.\n")
    return between if between and len(between) <= reach and "“" not in between and "\n" not in between else ""


_LEAD_ENDS = (":", "–", "—", "-")
# A sentence that opens with a pronoun or a bare demonstrative refers back to the one before.
_ANAPHOR = re.compile(r"^\W*(?:it|its|they|their|these|this|those|such|he|she|his|her)\b", re.IGNORECASE)


def _pronoun_speaker(sentence: str) -> bool:
    """Whether a verb of communication in ``sentence`` reports a clause and has a personal
    pronoun as its subject ('"We have already anticipated this situation ...," it said.'):
    the speaker is named in an earlier sentence."""
    from .answering.nlp import parse
    from .support import communication_verbs

    if not re.search(r"\b(?:it|he|she|they)\b", sentence, re.IGNORECASE):
        return False  # no parse needed
    comm = communication_verbs()
    return any(t.pos_ == "VERB" and t.lemma_.lower() in comm
               and any(c.dep_ == "nsubj" and c.lower_ in ("it", "he", "she", "they") for c in t.children)
               and any(c.dep_ in ("ccomp", "parataxis") for c in t.children)  # it reports a clause
               for t in parse(sentence, disable=["ner"]))


@dataclass
class DroppedSentence:
    """A model sentence that did not make it into the answer, and why."""

    text: str
    reason: str


@dataclass
class Grounder:
    """Verify sentences one at a time against the passages the model was shown.

    ``passages[i - 1]`` is passage ``i``. Use :meth:`add` per sentence (it returns
    the rendered sentence with ``[n]`` markers, or None if dropped), then
    :meth:`text` and :attr:`citations`.
    """

    passages: list[Hit]
    store: DocumentSource
    max_quotes_per_sentence: int = 4
    citations: list[Citation] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    dropped: list[DroppedSentence] = field(default_factory=list)
    checked_quotes: int = 0
    verify_seconds: float = 0.0
    screen: Any = None  # agent.injection.DocumentScreen: quotes may not cite flagged text
    support_checker: Any = None  # agent.support.SupportChecker: the sentence must follow from its quotes
    _reject: str = ""

    def _doc(self, doc_id: str):
        return self.store.get_document(doc_id)

    def verify_quote(self, passage_id: int, quote: str) -> Citation | None:
        """The citation for ``quote`` from passage ``passage_id``, or None if it does not verify."""
        self.checked_quotes += 1
        if not isinstance(passage_id, int) or not 1 <= passage_id <= len(self.passages):
            return None
        q = (quote or "").strip()
        if len(q) < MIN_QUOTE_CHARS or len(q.split()) < MIN_QUOTE_WORDS:
            return None
        hit = self.passages[passage_id - 1]
        doc = self._doc(hit.doc_id)
        if doc is None:
            return None
        body = doc.body
        start, end = max(0, hit.start), min(len(body), hit.end)
        span = locate_quote(body[start:end], q)
        if span is not None:
            s, e = span[0] + start, span[1] + start
        else:
            span = locate_quote(body, q, hint=start)
            if span is None:
                return None
            s, e = span
        if e <= s or body[s:e].strip() == "":
            return None
        if self.screen is not None:
            from .injection import overlaps

            if overlaps(self.screen.flags(hit.doc_id), s, e):
                self._reject = f"quote {q[:60]!r} is text addressed to an assistant, not evidence"
                return None
        return make_citation(doc, s, e)

    def _context(self, cits: list[Citation]) -> list[str]:
        """The whole sentences around each quote and its document's title/publisher/date."""
        from ingest.chunking import split_sentences

        out: list[str] = []
        for c in cits:
            doc = self._doc(c.doc_id)
            if doc is None:
                continue
            a, b = max(0, c.start - 600), min(len(doc.body), c.end + 600)
            spans = [(x, y) for x, y in split_sentences(doc.body[a:b], base=a) if x < c.end and c.start < y]
            if spans:
                lead = list_lead_in(doc.body, spans[0][0])
                if lead:
                    out.append(lead)
                first = doc.body[spans[0][0]:spans[-1][1]]
                # '"We have already anticipated this situation ...," it said.': the speaker of a
                # quotation is named in the sentence before, as the subject of an opening pronoun is.
                if _ANAPHOR.match(first) or _ANAPHOR.match(quotation_speaker(doc.body, c.start, c.end)) \
                        or _pronoun_speaker(first):
                    # "It applies to ...", "This will prevent ...": the antecedent is in the
                    # sentence before, and a faithful sentence names it ("The rule applies to ...").
                    prev = [(x, y) for x, y in split_sentences(doc.body[a:spans[0][0]], base=a)
                            if doc.body[x:y].strip()]
                    for x, y in reversed(prev[-3:]):  # back to the first sentence that names it
                        out.append(doc.body[x:y])
                        if not _ANAPHOR.match(doc.body[x:y]):
                            break
                out.append(first)
                opening = quotation_opening(doc.body, c.start)
                if 0 <= opening < spans[0][0] and spans[0][0] - opening <= 600:
                    # A quote from a later sentence of a quotation ('Pompeo said that "... God. That's why
                    # China has put ..."') is still the speaker's words: the sentences from the one the
                    # quotation opens in are given too (after the quote's own sentence, which the value
                    # and role rules read), so that the attribution rule sees the reporting verb and marks.
                    lo = max(0, opening - 300)
                    head = [x for x, y in split_sentences(doc.body[lo:spans[0][0]], base=lo) if x <= opening < y]
                    if head:
                        out.append(doc.body[head[0]:spans[-1][1]])
            out.extend(x for x in (doc.title, doc.publisher, doc.date) if x)
        return out

    def _speakers(self, cits: list[Citation]) -> list[str]:
        """Who speaks the quotes: each document's publisher, and for a quote inside quotation
        marks the attribution clause beside them ('...,” said Secretary of Commerce Wilbur Ross.')."""
        out: list[str] = []
        for c in cits:
            doc = self._doc(c.doc_id)
            if doc is None:
                continue
            if doc.publisher and doc.publisher not in out:
                out.append(doc.publisher)
            clause = quotation_speaker(doc.body, c.start, c.end)
            if clause and clause not in out:
                out.append(clause)
        return out

    def _publishers(self, cits: list[Citation]) -> list[str]:
        """The cited documents' publishers (whose own officials speak in the source's voice)."""
        return self._document_values(cits, "publisher")

    def _titles(self, cits: list[Citation]) -> list[str]:
        """The cited documents' titles (by which a quote's "this document" is named)."""
        return self._document_values(cits, "title")

    def _document_values(self, cits: list[Citation], attr: str) -> list[str]:
        """The cited documents' non-empty ``attr`` values, each once, in citation order."""
        out: list[str] = []
        for c in cits:
            doc = self._doc(c.doc_id)
            value = getattr(doc, attr, "") if doc is not None else ""
            if value and value not in out:
                out.append(value)
        return out

    def _leads(self, cits: list[Citation]) -> list[str]:
        """The lead-ins of the enumerations whose items the quotes are (see :func:`list_lead_in`),
        except those the quotes themselves cover."""
        from ingest.chunking import split_sentences

        out: list[str] = []
        for c in cits:
            doc = self._doc(c.doc_id)
            if doc is None:
                continue
            a = max(0, c.start - 600)
            spans = [(x, y) for x, y in split_sentences(doc.body[a:c.end], base=a) if x <= c.start < y]
            lead = list_lead_in(doc.body, spans[0][0]) if spans else ""
            if lead and lead not in out and not any(lead in d.quote or d.quote in lead for d in cits):
                out.append(lead)
        return out

    def _records(self, cits: list[Citation]) -> list[str]:
        """The entries ("Label: value" line blocks) that the quotes lie in (see :func:`record_block`)."""
        out: list[str] = []
        for c in cits:
            doc = self._doc(c.doc_id)
            block = record_block(doc.body, c.start) if doc is not None else ""
            if block and block not in out:
                out.append(block)
        return out

    def _number(self, cit: Citation) -> int:
        for c in self.citations:
            if c.doc_id == cit.doc_id and c.start == cit.start and c.end == cit.end:
                return c.n
        cit.n = len(self.citations) + 1
        self.citations.append(cit)
        return cit.n

    def add(self, sentence: ModelSentence) -> str | None:
        """Verify one sentence; keep it (with markers) only if all its quotes verify."""
        t0 = time.perf_counter()
        try:
            return self._add(sentence)
        finally:
            self.verify_seconds += time.perf_counter() - t0

    def _add(self, sentence: ModelSentence) -> str | None:
        text = _MARKER.sub("", sentence.text or "").strip()
        if not text:
            return None
        if not sentence.support:
            self.dropped.append(DroppedSentence(text, "no supporting quote"))
            log.info("dropped unsupported sentence: %.80s", text)
            return None
        cits: list[Citation] = []
        for sup in sentence.support[: self.max_quotes_per_sentence]:
            self._reject = ""
            cit = self.verify_quote(sup.passage, sup.quote)
            if cit is None:
                reason = self._reject or (
                    f"passage {sup.passage} does not exist" if not 1 <= sup.passage <= len(self.passages)
                    else f"quote not found in passage {sup.passage}: {sup.quote[:60]!r}")
                self.dropped.append(DroppedSentence(text, reason))
                log.info("dropped sentence (%s): %.80s", reason, text)
                return None
            cits.append(cit)
        if self.support_checker is not None:
            verdict = self.support_checker.check(text, [c.quote for c in cits], self._context(cits),
                                                 records=self._records(cits), leads=self._leads(cits),
                                                 speakers=self._speakers(cits),
                                                 publishers=self._publishers(cits), titles=self._titles(cits))
            if not verdict.supported:
                self.dropped.append(DroppedSentence(text, f"not supported by its quotes: {verdict.reason}"))
                log.info("dropped unsupported claim (%s): %.80s", verdict.reason, text)
                return None
        numbers: list[int] = []
        for cit in cits:
            n = self._number(cit)
            if n not in numbers:
                numbers.append(n)
        rendered = _with_markers(text, numbers)
        self.sentences.append(rendered)
        return rendered

    def text(self) -> str:
        """The kept sentences, joined."""
        return " ".join(self.sentences)


def _with_markers(text: str, numbers: list[int]) -> str:
    markers = "".join(f"[{n}]" for n in numbers)
    m = re.search(r"([.!?:;]+[\"'”’)]*)$", text)
    if m:
        return f"{text[:m.start()].rstrip()} {markers}{m.group(1)}"
    return f"{text} {markers}."


# ------------------------------------------------------------------- prompting
def neutralise(text: str) -> str:
    """Passage text with anything that looks like our delimiters defused (``<passage`` → ``‹passage``)."""
    return _TAG.sub(lambda m: m.group(0).replace("<", "‹"), text)


def screened_text(hit: Hit, screen=None) -> str:
    """The hit's text with sentences addressed to an assistant replaced by a placeholder
    (``screen``: an :class:`agent.injection.DocumentScreen`; None = unchanged)."""
    if screen is None:
        return hit.text
    from .injection import Flag, neutralise_spans

    local = [Flag(max(f.start, hit.start) - hit.start, min(f.end, hit.end) - hit.start, f.reason)
             for f in screen.flags(hit.doc_id) if f.start < hit.end and hit.start < f.end]
    return neutralise_spans(hit.text, local) if local else hit.text


def format_passages(hits: list[Hit], first_id: int = 1, screen=None) -> str:
    """The numbered passages as a delimited data block for the prompt; with a ``screen``,
    text that addresses an assistant is replaced by a placeholder (documents are data)."""
    parts = []
    for i, h in enumerate(hits, first_id):
        attrs = f'id="{i}" title="{_attr(h.title)}" source="{_attr(h.source)}"'
        if h.date:
            attrs += f' date="{_attr(h.date)}"'
        if h.publisher:
            attrs += f' publisher="{_attr(h.publisher)}"'
        parts.append(f"<passage {attrs}>\n{neutralise(screened_text(h, screen))}\n</passage>")
    return "<passages>\n" + "\n".join(parts) + "\n</passages>"


def _attr(s: str) -> str:
    return neutralise(str(s or "")).replace('"', "'").replace("\n", " ")[:200]


def render(template: str, **values: str) -> str:
    """Fill ``{name}`` placeholders in one pass (values may themselves contain braces)."""
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), template)
