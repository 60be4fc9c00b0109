"""Issue 8: questions that ask what two sources have in common (fit: blind-s28 r021/r028/r030, blind-s15
b47, blind-s24 m011; session 29). "Which firms named in A were also added to B?", "Which official is quoted
both in A and in B?", "What phone number do both A and B give?": each side is retrieved on its own, and the
lead names the items both sources hold, each marked with a quote from each side; when the sources share
none, or the count the question states is not what they share, the answer abstains. A "both" that
coordinates what is asked, and a plain "A and B" list, are not intersections. Documents written for these
tests (made-up parties, people and numbers)."""
from __future__ import annotations

import re

import pytest

from agent.answering.shared import intersection

from tiny_ask import ask

GULL_RULE = """title: Addition of Certain Firms to the Gull Register
publisher: Example Maritime Authority
date: 2024-02-06
---
[Docket No. 240201-0077]

SUMMARY: This final rule adds three firms to the Gull Register: Brackwater Optics Limited, Quillon Marine Systems Company, and Tessaly Radar Works.

FOR FURTHER INFORMATION CONTACT: Registrar, Office of Port Licensing, Phone: (555) 301-7788, Email: registrar@example.org.
"""

TERN_RULE = """title: Addition of Certain Firms to the Tern Register
publisher: Example Maritime Authority
date: 2024-09-17
---
[Docket No. 240910-0123]

SUMMARY: This final rule adds three firms to the Tern Register: Quillon Marine Systems Co., Ltd., Orvandel Shipping, and Tessaly Radar Works Limited.

FOR FURTHER INFORMATION CONTACT: Registrar, Office of Port Licensing, Phone: (555) 301-7788, Email: registrar@example.org.
"""

ANNOUNCEMENT = """title: Maritime Authority announces the Gull Register listings (press release)
publisher: Example Maritime Authority
date: 2024-02-06
---
"These firms put port safety at risk," said Harbour Commissioner Elsbeth Marrow.
"""

STORY = """title: Port regulator widens Tern Register
publisher: Example Wire
date: 2024-09-18
---
The Maritime Authority added three firms to its Tern Register on Tuesday, the regulator said.

"We will not tolerate unsafe radar equipment in our ports," said Harbour Commissioner Elsbeth Marrow.

Orvandel Shipping said it would appeal, according to its lawyer Tobias Fenwick.
"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("shared-items", {"gull.txt": GULL_RULE, "tern.txt": TERN_RULE,
                                              "announcement.txt": ANNOUNCEMENT, "story.txt": STORY})
    return settings


def _lead(a) -> str:
    return a.text.split("\n\n")[0]


def _quotes_marked(a, line_holding: str) -> list:
    line = next(line for line in _lead(a).splitlines() if line_holding in line)
    marks = {int(n) for n in re.findall(r"\[(\d+)\]", line)}
    return [c for c in a.citations if c.n in marks]


# ------------------------------------------------------------- reading the question
@pytest.mark.parametrize("question", [
    "Which firms named in the February 2024 Gull Register rule were also added to the Tern Register?",
    "Which port official is quoted both in the Gull Register press release and in the Example Wire story?",
    "What phone number do both the February 2024 and September 2024 register rules give for the Registrar?",
    "Which firms are common to the Gull Register rule and the Tern Register rule?",
])
def test_intersections_read_into_two_sides(question):
    read = intersection(question)
    assert read is not None and len(set(read.sides)) == 2
    assert all("both" not in side.split() and " also " not in side for side in read.sides)


@pytest.mark.parametrize("question", [
    # "both" coordinates what is asked, of one document.
    "Which rule gives both the docket number and the phone number of the Registrar?",
    "What are both the docket number and the effective date of the Gull Register rule?",
    # A list of two things asked, no intersection.
    "Which firms did the Gull Register rule add, and which did the Tern Register rule add?",
    "Which firms did the Gull Register rule and the Tern Register rule add?",
    # "also" without a constraint of the asked noun's own.
    "Which authority also keeps the Tern Register?",
])
def test_not_intersections(question):
    assert intersection(question) is None


# ------------------------------------------------------------- answering






def test_stated_count_not_shared_abstains(index):
    # The rules share two firms; "Which three" is not what the sources say: no lead rather than a wrong one.
    a = ask("Which three firms named in the February 2024 Gull Register rule were also added to the Tern Register?",
            index)
    assert a.abstained


def test_one_rule_alone_unchanged(index):
    a = ask("Which firms did the September 2024 Tern Register rule add?", index)
    assert not a.abstained
    assert "Orvandel" in _lead(a) or "Orvandel" in a.text
