"""Every page, for every role that may open it: table headings are words, not column names, and no cell
reads as a missing-value marker; the page body carries the as-of date."""

from __future__ import annotations

import re

import pytest
from monitoring_expected import open_page

from regsosek import access, i18n

SNAKE = re.compile(r"^[a-z]+(_[a-z0-9]+)+$")
USERS = {"gubernur": "gubernur", "bps_jatim": "bps_provinsi", "bps_sampang": "bps_kabkota",
         "csr_madura": "mitra_csr", "admin": "admin"}
CASES = [(user, page) for user, role in USERS.items() for page in access.allowed_pages(role) if page != "map"]


@pytest.mark.parametrize("username,page_id", CASES)
def test_headings_are_words_and_no_cell_reads_none_or_nan(published, username, page_id):
    at = open_page(page_id, username)
    assert not at.exception
    for element in at.main.dataframe:
        frame = element.value
        assert not [c for c in frame.columns if SNAKE.match(str(c))], list(frame.columns)
        texts = [v for c in frame.columns for v in frame[c] if isinstance(v, str)]
        assert not set(texts) & {"None", "nan", "NaN", "<NA>", "NaT"}
        if frame.isna().any(axis=None):  # a missing cell is drawn with the table's placeholder, never "None"
            assert element.proto.placeholder in ("<10", "–")
    captions = [c.value for c in at.main.caption]
    assert any(c.startswith(i18n.t("body_as_of", as_of="").split("**")[0]) for c in captions)
