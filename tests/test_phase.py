"""Where a snapshot stands in the 15 Oct - 14 Nov 2022 fieldwork, and the level monitoring tables list by."""

from datetime import date

import pytest

from regsosek import access
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


@pytest.mark.parametrize("role,kabs,level", [
    ("bps_kabkota", ("3578",), "kec"),  # one regency: its kecamatan
    ("bps_kabkota", ("3526", "3527"), "kab"),  # two regencies: by regency
    ("mitra_csr", ("3526", "3527", "3528", "3529"), "kab"),
    ("bps_provinsi", (), "kab"),  # the whole province
])
def test_tables_list_kecamatan_only_for_a_one_regency_user(role, kabs, level):
    assert access.scope_for("u", role, kabs).area_level == level
