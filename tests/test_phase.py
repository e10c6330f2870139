"""Where a snapshot stands in the 15 Oct - 14 Nov 2022 fieldwork."""

from datetime import date

import pytest

from regsosek.phase import Phase, timeline


@pytest.mark.parametrize("as_of,phase,last,elapsed,left", [
    (date(2022, 10, 14), Phase.BEFORE, None, 0, 31),
    (date(2022, 10, 15), Phase.DURING, date(2022, 10, 15), 1, 30),
    (date(2022, 10, 20), Phase.DURING, date(2022, 10, 20), 6, 25),
    (date(2022, 11, 1), Phase.DURING, date(2022, 11, 1), 18, 13),
    (date(2022, 11, 14), Phase.DURING, date(2022, 11, 14), 31, 0),
    (date(2022, 11, 15), Phase.AFTER, date(2022, 11, 14), 31, 0),
    (date(2022, 11, 30), Phase.AFTER, date(2022, 11, 14), 31, 0),
])
def test_timeline_of_a_snapshot(as_of, phase, last, elapsed, left):
    line = timeline(as_of)
    assert (line.phase, line.last_field_day, line.days_elapsed, line.days_left) == (phase, last, elapsed, left)
    assert line.visits_final == (phase is Phase.AFTER)
    assert line.days_after_close == (16 if as_of == date(2022, 11, 30) else 1 if as_of == date(2022, 11, 15) else 0)
