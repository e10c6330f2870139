"""Shared drawing helpers: a table sends only the columns it labels, and hidden counts stay hidden."""

from streamlit.testing.v1 import AppTest


def _table_script():
    import pandas as pd

    from regsosek import widgets

    frame = pd.DataFrame({"area": ["A", "B"], "visited": pd.array([None, 1234], dtype="Int64"),
                          "prelist_raw": [3, 1200], "pct": [None, 96.5]})
    widgets.table(frame, {"area": "Wilayah", "visited": "Dikunjungi", "pct": "%"}, counts=("visited",))


def test_table_sends_only_labelled_columns_and_keeps_counts_numeric():
    at = AppTest.from_function(_table_script).run()
    assert not at.exception
    sent = at.dataframe[0].value
    assert list(sent.columns) == ["Wilayah", "Dikunjungi", "%"]
    assert "prelist_raw" not in sent.columns
    assert sent["Dikunjungi"].isna().tolist() == [True, False]
    assert int(sent["Dikunjungi"].iloc[1]) == 1234
