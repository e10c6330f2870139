"""Shared drawing helpers: a table sends only the columns it labels, formatted for the language; hidden
counts stay hidden; numbers stay numbers where they can."""

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest


def _table_script(lang: str):
    from datetime import date

    import pandas as pd
    import streamlit as st

    from regsosek import widgets

    frame = pd.DataFrame({"area": ["A", "B", "C"], "visited": pd.array([None, 1234, 20], dtype="Int64"),
                          "target": [40, 1300, 25], "prelist_raw": [3, 1200, 20], "pct": [None, 96.54, 80.0],
                          "rate": [12.25, 9.5, 1234.5], "day": [date(2022, 8, 16), date(2022, 11, 1), None]})
    widgets.table(frame, {"area": "Wilayah", "visited": "Dikunjungi", "target": "Target", "pct": "%",
                          "rate": "Rata-rata", "day": "Tanggal"},
                  lang=lang, counts=("visited", "target"), percents=("pct",),
                  config={"pct": st.column_config.Column(help="h")})


def shown_text(element) -> dict[str, list[str]]:
    """What each cell reads in the browser: the styled display text where there is one, else the value."""
    data = element.value
    display = element.proto.arrow_data.styler.display_values
    if display:
        styled = pa.ipc.open_stream(display).read_pandas()
        styled.columns = data.columns
        data = styled
    return {c: [str(v) for v in data[c]] for c in data.columns}


@pytest.mark.parametrize("lang,expected", [
    ("id", {"Dikunjungi": ["<10", "1.234", "20"], "Target": ["40", "1.300", "25"], "%": ["–", "96,5%", "80,0%"],
            "Rata-rata": ["12,3", "9,5", "1.234,5"], "Tanggal": ["16 Agu 2022", "1 Nov 2022", "–"]}),
    ("en", {"Dikunjungi": ["<10", "1,234", "20"], "Target": ["40", "1,300", "25"], "%": ["–", "96.5%", "80.0%"],
            "Rata-rata": ["12.3", "9.5", "1,234.5"], "Tanggal": ["16 Aug 2022", "1 Nov 2022", "–"]}),
])
def test_table_formats_for_the_language_and_sends_only_labelled_columns(lang, expected):
    at = AppTest.from_function(_table_script, args=(lang,)).run()
    assert not at.exception
    [element] = at.dataframe
    sent = element.value
    assert list(sent.columns) == ["Wilayah", "Dikunjungi", "Target", "%", "Rata-rata", "Tanggal"]
    text = shown_text(element)
    for column, cells in expected.items():
        assert text[column] == cells, column
    # A column without a missing value stays numeric underneath: it sorts as numbers.
    assert sent["Target"].tolist() == [40, 1300, 25]
    assert sent["Rata-rata"].tolist() == [12.25, 9.5, 1234.5]
    # A hidden count is never a number underneath, and no cell reads as Python's missing markers.
    assert sent["Dikunjungi"].tolist()[0] == "<10"
    assert not any(v in ("None", "nan", "<NA>", "NaT") for cells in text.values() for v in cells)
