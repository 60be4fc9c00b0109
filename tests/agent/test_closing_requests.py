"""Issue 8 (blind-s32 v074, blind-s23 k019; fit sets): a closing request that names nothing ("... which data elements are due in the first report? *List
  them.*") asks again what the question before it asks: the asked noun is "data elements", not nothing
("Under 15 CFR 744.11, what may BIS impose or set? List them." led with another sentence of the section)."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("question, asked", [
    ("Once a contractor finds a banned crane during performance, which data elements are due in the first report? "
     "List them.", "which data elements are due in the first report?"),
    ("Which firms were added in March 2023? Name them all.", "Which firms were added in March 2023?"),
    ("Which firms were added in March 2023? List the ports.", "List the ports."),  # a request with its own words
])
def test_a_closing_request_naming_nothing_asks_what_came_before(question, asked):
    from agent.analysis import asking_clause

    assert asking_clause(question).endswith(asked), asking_clause(question)
