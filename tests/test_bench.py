"""The benchmark's pandas answers equal the named queries' (so the comparison is like for like), and the
mutation check refuses a mutant that no longer fits the code."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from bench import mutants, same_work
from regsosek import access, db
from tests.snapshots import PHASES

PROVINCE = access.scope_for("bps_jatim", "bps_provinsi")
LABELS = [q.label.replace("350901", "<kec>") for q in same_work.questions("3509", "350901")]


@pytest.mark.parametrize("as_of", PHASES)
@pytest.mark.parametrize("index", range(len(LABELS)), ids=LABELS)
def test_pandas_from_the_raw_parquet_gives_the_named_query_answer(published, as_of, index):
    sls = published.table(as_of, "sls")
    kec = sorted(sls.loc[sls["kab_code"] == "3509", "kec_code"])[0]  # a kecamatan the small test data holds
    question = same_work.questions("3509", kec)[index]
    expected = db.run(question.query, PROVINCE, published.ids[as_of], **question.params)
    assert not expected.empty
    got = question.from_raw(published.raw[as_of], PROVINCE.kab_codes, date.fromisoformat(as_of))
    assert same_work.differences(expected, got, question.key) == []


def test_a_wrong_number_or_a_missing_row_is_a_difference():
    frame = pd.DataFrame({"area_code": ["3501", "3502"], "visited": [10, 20], "percent_visited": [50.0, 12.5]})
    assert same_work.differences(frame, frame.iloc[::-1], "area_code") == []
    assert same_work.differences(frame, frame.assign(visited=[10, 21]), "area_code") == ["visited"]
    assert same_work.differences(frame, frame.assign(percent_visited=[50.0, 12.7]), "area_code") == [
        "percent_visited"]
    assert same_work.differences(frame, frame.iloc[:1], "area_code") == ["1 rows instead of 2"]


def test_a_mutant_must_match_its_file_exactly_once_and_compile(tmp_path):
    (tmp_path / "q.sql").write_text("SELECT a < 1 AS x, a < 1 AS y")
    (tmp_path / "m.py").write_text("LIMIT = 10\n")
    assert mutants.check(mutants.Mutant("a", "q.sql", "a < 1 AS x", "a <= 1 AS x", "-"), tmp_path) == ""
    assert mutants.check(mutants.Mutant("b", "q.sql", "a < 1", "a <= 1", "-"), tmp_path) == "text found 2 times"
    assert mutants.check(mutants.Mutant("c", "q.sql", "b > 2", "b >= 2", "-"), tmp_path) == "text found 0 times"
    assert mutants.check(mutants.Mutant("d", "gone.sql", "x", "y", "-"), tmp_path) == "file not found"
    assert mutants.check(mutants.Mutant("e", "m.py", "LIMIT = 10", "LIMIT = (", "-"), tmp_path).startswith("invalid")


def test_mutant_ids_are_unique_and_every_mutant_changes_something():
    assert len({m.id for m in mutants.MUTANTS}) == len(mutants.MUTANTS) >= 25
    assert all(m.find != m.replace for m in mutants.MUTANTS)
