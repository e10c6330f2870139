"""Shared drawing helpers: a table sends only the columns it labels, formatted for the language; hidden
counts stay hidden; numbers stay numbers where they can."""

import pandas as pd
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
    """What each cell reads in the browser: a missing cell the table's placeholder (the grid draws it
    whatever display text it has), else the styled display text where there is one, else the value."""
    data = element.value
    placeholder = element.proto.placeholder
    display = element.proto.arrow_data.styler.display_values
    text = data
    if display:
        text = pa.ipc.open_stream(display).read_pandas()
        text.columns = data.columns
    return {c: [placeholder if pd.isna(v) else str(s) for v, s in zip(data[c], text[c], strict=True)]
            for c in data.columns}


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
    # Count columns stay numeric underneath, a hidden one too: they sort as numbers ("940" below "9.687").
    assert sent["Target"].tolist() == [40, 1300, 25]
    assert pd.api.types.is_integer_dtype(sent["Dikunjungi"])
    assert pd.isna(sent["Dikunjungi"].iloc[0]) and sent["Dikunjungi"].iloc[1:].tolist() == [1234, 20]
    assert sorted(sent["Dikunjungi"].dropna()) == [20, 1234]
    assert sent["Rata-rata"].tolist() == [12.25, 9.5, 1234.5]
    assert element.proto.placeholder == "<10"
    # No cell reads as Python's missing markers.
    assert not any(v in ("None", "nan", "<NA>", "NaT") for cells in text.values() for v in cells)


def _plain_table_script():
    from datetime import date

    import pandas as pd

    from regsosek import widgets

    frame = pd.DataFrame({"area": ["A", "B"], "visited": pd.array([940, 9687], dtype="Int64"),
                          "pct": [None, 96.54], "day": [date(2022, 11, 1), None]})
    widgets.table(frame, {"area": "Wilayah", "visited": "Dikunjungi", "pct": "%", "day": "Tanggal"},
                  lang="id", counts=("visited",), percents=("pct",))


def test_a_table_without_hidden_counts_keeps_every_column_typed_and_reads_missing_as_a_dash():
    at = AppTest.from_function(_plain_table_script).run()
    [element] = at.dataframe
    sent = element.value
    assert element.proto.placeholder == "–"
    assert pd.api.types.is_float_dtype(sent["%"]) and sent["%"].iloc[1] == 96.54
    assert sent["Dikunjungi"].tolist() == [940, 9687]
    assert shown_text(element)["%"] == ["–", "96,5%"]
    assert shown_text(element)["Tanggal"] == ["1 Nov 2022", "–"]


def test_area_codes_read_as_names_with_the_code_second():
    from regsosek import widgets

    kab = pd.read_csv("data/reference/kabkota.csv", dtype=str).set_index("kab_code")["nama"]
    kec = pd.read_csv("data/reference/kecamatan.csv", dtype=str).set_index("kec_code")["nama"]
    frame = pd.DataFrame({"kab_code": ["3527", None], "kec_code": ["352710", "357801"], "visited": [1, 2]})
    named = widgets.named_areas(frame)
    assert named["kab_code"].iloc[0] == f"{kab['3527']} (3527)" and pd.isna(named["kab_code"].iloc[1])
    assert named["kec_code"].tolist() == [f"{kec['352710']} (352710)", f"{kec['357801']} (357801)"]
    assert named["visited"].tolist() == [1, 2]
