"""Structured records: paragraphs of ``Field: value`` lines (screening-list entries).

A record names one party on its first line ("Entity: Huawei Technologies Co., Ltd.")
and states its other facts as labelled fields ("Addresses: ...", "License review
policy: ..."). A question about a named party's field ("which city is its listed
address in", "how will BIS treat licence applications for Huawei") is answered
from the field of that party's record whose *label* matches the question by
meaning (MiniLM cosine of the question with the label), not from a table of words:
the labels are whatever the document's editor wrote.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.chunking import paragraph_spans

# "Label: value" at the start of a line; the label is short and starts upper-case.
FIELD_LINE = re.compile(r"^([A-Z][\w ()/'’.-]{1,40}):[ \t]+(\S.*)$")


@dataclass(frozen=True)
class Field:
    """One ``Label: value`` line: the line's span in the document body and where its value starts."""

    label: str
    value: str
    start: int  # line start (document offset)
    end: int  # line end
    value_start: int


@dataclass(frozen=True)
class Record:
    """A paragraph of at least three field lines, the first of which names the party."""

    start: int
    end: int
    fields: tuple[Field, ...]

    @property
    def name(self) -> Field:
        return self.fields[0]


@lru_cache(maxsize=64)
def records(body: str) -> tuple[Record, ...]:
    """Every record of a document body, in order (empty for prose). A paragraph is a
    record when its first line and at least three of its lines are field lines;
    lines that are not field lines continue the previous field's value."""
    out: list[Record] = []
    for ps, pe in paragraph_spans(body):
        fields: list[Field] = []
        pos = ps
        for line in body[ps:pe].split("\n"):
            m = FIELD_LINE.match(line.rstrip("\r"))
            if m:
                fields.append(Field(label=m.group(1).strip(), value=m.group(2).strip(), start=pos,
                                    end=pos + len(line.rstrip("\r")), value_start=pos + m.start(2)))
            elif not fields:
                break  # prose: the first line is not a field
            pos += len(line) + 1
        if len(fields) >= 3 and fields[0].start == ps:
            out.append(Record(start=ps, end=pe, fields=tuple(fields)))
    return tuple(out)


def is_record_document(body: str, min_records: int = 2) -> bool:
    """Does the document hold (at least ``min_records``) structured records?"""
    return len(records(body)) >= min_records


# Fitted on the paraphrase set (../shared/questions/paraphrases.jsonl): the best label
# cosine of its record-field questions was >= 0.45, that of questions naming a
# listed party but asking something else (a market value, a statement) <= 0.26;
# the threshold is the middle of that gap. Checked on dev and the own holdout.
MIN_LABEL_SIMILARITY = 0.35
