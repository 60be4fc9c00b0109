"""Issue 8: a question that identifies its document by a day no source is dated or writes ("its
October 7, 2022 advanced computing rule" when the sources hold no such rule) is about something
they do not hold, and is not answered from its neighbours (fit: blind-s24 m041, train-s16 t089).
Documents written for these tests."""
from __future__ import annotations

import pytest

from tiny_ask import ask

NOTICE = """title: Harbour notice on crane imports
publisher: Example Port Authority
date: 2023-05-02
---
On 12 June 2023 the authority will require importers to declare each crane's maker.
The declaration form was revised on 2023-07-01 and again on 08/15/2023.
In its Sept. 4, 2023 circular the authority listed three approved makers: Ostra Cranes, Velde Lift and Marrow Hoist.
"""


@pytest.fixture(scope="module")
def built(tiny_index):
    return tiny_index("unwritten-dates", {"notice.txt": NOTICE})


@pytest.mark.parametrize("day, held", [
    ((2023, 5, 2), True),     # the document's own date
    ((2023, 6, 12), True),    # "12 June 2023"
    ((2023, 7, 1), True),     # ISO
    ((2023, 8, 15), True),    # US numeric
    ((2023, 9, 4), True),     # "Sept. 4, 2023"
    ((2023, 6, 13), False),
    ((2022, 6, 12), False),
])
def test_writes_date_reads_every_common_form(built, day, held):
    store, _ = built
    assert store.writes_date(*day) is held


def test_writes_date_refuses_a_day_that_does_not_exist(built):
    store, _ = built
    with pytest.raises(ValueError):
        store.writes_date(2023, 2, 30)


def test_a_day_no_source_holds_is_not_answered(built):
    _, settings = built
    a = ask("Which makers did the authority approve in its September 5, 2023 circular?", index=settings)
    assert a.abstained, a.text


def test_a_day_a_source_writes_is_answered(built):
    # Twin: the circular of September 4, 2023 is held.
    _, settings = built
    a = ask("Which makers did the authority approve in its September 4, 2023 circular?", index=settings)
    assert not a.abstained and "Ostra Cranes" in a.text.split("\n")[0], a.text
