"""Drawing helpers every page shares: the snapshot guard, the regency picker, views and tables.

Pages read widgets and the URL, call a view's `build`, and draw what it returns
with these helpers. What a helper draws is what the view holds: suppression has
already happened in the view, so a hidden count arrives here as <NA> and is only
labelled ("<10"), never looked up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

import duckdb
import pandas as pd
import streamlit as st

from regsosek import db, privacy, reference, warehouse
from regsosek.ui import Session
from regsosek.urlstate import query_param, set_query_params

V = TypeVar("V")

NOT_AVAILABLE = "–"


def require_snapshot(session: Session) -> warehouse.SnapshotInfo:
    """The snapshot in use; with none published, say so and stop the page."""
    if session.snapshot is None:
        st.info(session.t("no_snapshot"))
        st.stop()
    return session.snapshot


def build_view(session: Session, build: Callable[..., V], **params: object) -> V:
    """Run a view's build for this session; a snapshot that cannot be read is reported once, here."""
    snapshot = require_snapshot(session)
    try:
        return build(session.scope, snapshot, **params)
    except (duckdb.Error, db.UnknownSnapshot):
        st.warning(session.t("mon_data_unavailable"))
        st.stop()


def kab_picker(session: Session, key: str, *, label_key: str = "mon_area") -> str | None:
    """A regency choice kept in the URL (`kab`): one of the user's own, or all of them (None)."""
    scope, t = session.scope, session.t
    kab_names = reference.kab_names()
    options = list(scope.kab_codes) if len(scope.kab_codes) == 1 else ["", *scope.kab_codes]
    if key not in st.session_state:
        st.session_state[key] = query_param("kab", options[0], allowed=options)
    kab = st.selectbox(t(label_key), options, key=key,
                       format_func=lambda code: kab_names[code] if code else t("mon_all_regencies")) or None
    set_query_params(kab=kab)
    return kab


def table(frame: pd.DataFrame, labels: Mapping[str, str], *, counts: tuple[str, ...] = (),
          config: Mapping[str, object] | None = None, **kwargs: object) -> None:
    """Draw exactly the columns in `labels` (in that order), under those headings.

    Nothing else of the frame reaches the browser. A column without missing values stays as it is
    (numbers stay numbers: sorting works, `config` formats them). The grid draws a missing cell as
    "None", so a column holding one is sent as text: a hidden count (<NA> in `counts`) reads "<10",
    any other missing value "–".
    """
    shown = frame[list(labels)].copy()
    as_text = set()
    for col in shown.columns:
        missing = shown[col].isna()
        if missing.any():
            empty = privacy.SUPPRESSED if col in counts else NOT_AVAILABLE
            shown[col] = [empty if gone else _as_text(value) for value, gone in zip(shown[col], missing)]
            as_text.add(col)
    column_config = {labels[c]: _text_config(v) if c in as_text else v
                     for c, v in (config or {}).items() if c in labels}
    st.dataframe(shown.rename(columns=dict(labels)), hide_index=True, column_config=column_config, **kwargs)


def _text_config(config: object) -> object:
    """A column sent as text keeps its heading and help, not a number format it can no longer take."""
    if isinstance(config, dict) and config.get("type_config", {}).get("type") not in (None, "text"):
        return {**config, "type_config": {"type": "text"}}
    return config


def _as_text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    if isinstance(value, int) or hasattr(value, "__index__"):
        return f"{int(value):,}".replace(",", ".")
    return str(value)
