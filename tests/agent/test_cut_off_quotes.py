"""Issue 8: a document excerpt may end mid-sentence ("... identified in the “Licence review policy”
col"); when another document holds the same sentence whole, the whole one leads, not the cut-off copy
(fit: blind-s17 c075). Documents written for these tests (made-up rules)."""
from __future__ import annotations

import pytest

from tiny_ask import ask

CUT = """title: Addition of Certain Firms to the Crane List (public-inspection copy, opening only)
publisher: Example Harbour Board
date: 2023-07-22
---
SUMMARY: This rule adds eleven firms to the Crane List.

The Crane List identifies firms reasonably believed to be involved in unsafe lifting. The licence review policy for each listed firm is identified in the “Licence review policy” col"""

WHOLE = """title: Harbour Rules 9.16 Crane List
publisher: Example Harbour Board
date: 2023-02-01
---
§ 9.16 Crane List.

(a) The licence review policy for each listed firm is identified in the Licence Review Policy column on the Crane List.
"""

ONLY_CUT = """title: Port Levy Notice (opening only)
publisher: Example Ministry of Ports
date: 2024-03-04
---
The levy applies to every foreign crane operator working in the ports of Portmere and Kestby, and the harbour office collects it at the end of each quar"""


@pytest.fixture(scope="module")
def index(tiny_index):
    _, settings = tiny_index("cut-off-quotes", {"cut.txt": CUT, "whole.txt": WHOLE, "levy.txt": ONLY_CUT})
    return settings


def test_the_whole_sentence_leads_over_its_cut_off_copy(index):
    a = ask("Where is the licence review policy for each listed firm identified?", index=index)
    assert a.citations[0].quote.endswith("column on the Crane List."), a.text


def test_a_cut_off_sentence_with_no_whole_copy_still_answers(index):
    # Twin: no other document holds the levy sentence whole; the cut-off one is still the evidence.
    a = ask("Which ports does the levy on foreign crane operators apply to?", index=index)
    assert not a.abstained, a.text
    assert "Portmere and Kestby" in a.text, a.text
