"""Shared drawing helpers: a table sends only the columns it labels, and hidden counts stay hidden."""

from streamlit.testing.v1 import AppTest


def _table_script():
    import pandas as pd
    import streamlit as st

    from regsosek import widgets

    frame = pd.DataFrame({"area": ["A", "B", "C"], "visited": pd.array([None, 1234, 20], dtype="Int64"),
                          "target": [40, 1300, 25], "prelist_raw": [3, 1200, 20], "pct": [None, 96.5, 80.0]})
    widgets.table(frame, {"area": "Wilayah", "visited": "Dikunjungi", "target": "Target", "pct": "%"},
                  counts=("visited", "target"), config={"pct": st.column_config.NumberColumn(help="h", format="%.1f")})


def test_table_sends_only_labelled_columns_hidden_counts_as_a_label():
    at = AppTest.from_function(_table_script).run()
    assert not at.exception
    sent = at.dataframe[0].value
    assert list(sent.columns) == ["Wilayah", "Dikunjungi", "Target", "%"]
    assert list(sent["Dikunjungi"]) == ["<10", "1.234", "20"]
    assert list(sent["%"]) == ["–", "96,5", "80,0"]
    assert sent["Target"].tolist() == [40, 1300, 25]  # no missing value: stays numeric, sorts as numbers
    assert not any(str(v) in ("None", "nan", "<NA>") for v in sent.to_numpy().ravel())
