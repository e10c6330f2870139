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


def _rendered_text(frame: pd.DataFrame, lang: str, counts=("visited",), percents=("pct",)) -> list[list[str]]:
    """The display text a table's styler gives Streamlit (its kept rendering where there is one)."""
    from regsosek import widgets

    labels = {c: c for c in frame.columns}
    formatters = {c: widgets._cell_format(frame[c], lang, hidden_count=c in counts, percent=c in percents)
                  for c in labels}
    styler = widgets._styler(frame, {c: f for c, f in formatters.items() if f is not None}, lang,
                             counts=counts, percents=percents)
    styler._compute()
    return [[cell["display_value"] for cell in row[1:]] for row in styler._translate(False, False)["body"]]


def test_a_kept_table_rendering_is_used_only_for_the_same_cells_language_and_formats():
    """A table's display text is computed once per distinct table and kept; any difference in a cell,
    the language, a heading or a column's kind gives its own rendering, never another table's text."""
    from regsosek import widgets

    widgets._RENDERED.clear()
    one = pd.DataFrame({"area": ["A", "B"], "visited": pd.array([1234, 20], dtype="Int64"), "pct": [96.54, 80.0]})
    assert _rendered_text(one, "id") == [["A", "1.234", "96,5%"], ["B", "20", "80,0%"]]
    assert len(widgets._RENDERED) == 1
    assert _rendered_text(one.copy(), "id") == [["A", "1.234", "96,5%"], ["B", "20", "80,0%"]]
    assert len(widgets._RENDERED) == 1  # the same cells: the kept rendering
    assert _rendered_text(one, "en") == [["A", "1,234", "96.5%"], ["B", "20", "80.0%"]]
    other_scope = one.assign(visited=pd.array([1234, 21], dtype="Int64"))  # one count differs
    assert _rendered_text(other_scope, "id") == [["A", "1.234", "96,5%"], ["B", "21", "80,0%"]]
    renamed = one.rename(columns={"area": "wilayah"})
    assert widgets.render_key(renamed, "id", ["visited"], ["visited"], ["pct"]) != widgets.render_key(
        one, "id", ["visited"], ["visited"], ["pct"])
    as_number = _rendered_text(one, "id", percents=())
    assert as_number == [["A", "1.234", "96,5"], ["B", "20", "80,0"]]
    hidden = one.assign(visited=pd.array([None, 20], dtype="Int64"))
    assert _rendered_text(hidden, "id")[0][1] == "<10"
    assert len(widgets._RENDERED) == 5


def test_a_table_too_large_to_keep_is_rendered_each_time(monkeypatch):
    from regsosek import widgets

    monkeypatch.setattr(widgets, "RENDERED_CELLS_MAX", 3)
    widgets._RENDERED.clear()
    one = pd.DataFrame({"area": ["A", "B"], "visited": pd.array([1234, 20], dtype="Int64"), "pct": [96.54, 80.0]})
    assert _rendered_text(one, "id")[0] == ["A", "1.234", "96,5%"]
    assert not widgets._RENDERED


def test_a_kept_progress_chart_is_used_only_for_the_same_series_language_and_texts():
    """The chart is built once per distinct input; a different day's value, plan, language or text gets its own."""
    from datetime import date

    from regsosek import widgets

    widgets._FIGURES.clear()
    days = pd.DataFrame({"day": [date(2022, 10, 15), date(2022, 10, 16)], "percent_visited": [1.5, 3.25],
                         "visits": [10, 20]})
    plan = pd.DataFrame({"day": [date(2022, 10, 15), date(2022, 11, 14)], "plan_percent": [0.0, 100.0]})
    texts = {"actual": "Realisasi", "plan": "Rencana", "end_label": "Akhir"}

    def chart(d=days, p=plan, lang="id", **more):
        return widgets.progress_chart(d, p, lang=lang, **{**texts, **more})

    first = chart()
    assert chart(days.copy(), plan.copy()) is first
    assert list(first.data[1].y) == [1.5, 3.25] and list(first.data[0].y) == [0.0, 100.0]
    other = chart(days.assign(percent_visited=[1.5, None]))  # a hidden day in another scope
    assert other is not first and list(other.data[1].y)[0] == 1.5 and pd.isna(list(other.data[1].y)[1])
    assert chart(p=plan.assign(plan_percent=[0.0, 99.0])).data[0].y[-1] == 99.0
    english = chart(lang="en")
    assert english is not first and english.layout.separators != first.layout.separators
    assert chart(title="Judul").layout.title.text == "Judul"
    assert chart(days.assign(visits=[11, 21])) is first  # a column the chart does not draw
    assert len(widgets._FIGURES) == 5


def _area_table_script():
    import pandas as pd

    from regsosek import widgets

    frame = pd.DataFrame({"area_code": ["3526", "3527"], "area_name": ["Kab. Bangkalan", "Kab. Sampang"],
                          "families": [10, 20]})
    widgets.table(frame, {"area_code": "Kode", "area_name": "Wilayah", "families": "Keluarga"}, lang="id",
                  counts=("families",))
    widgets.table(frame, {"area_code": "Kode", "families": "Keluarga"}, lang="id", counts=("families",))


def test_an_area_name_stays_in_view_on_a_narrow_screen():
    import json

    at = AppTest.from_function(_area_table_script).run()
    assert not at.exception
    named, unnamed = (json.loads(e.proto.columns) for e in at.dataframe)
    assert named["Wilayah"].get("pinned") is True
    assert not any(c.get("pinned") for c in unnamed.values())
