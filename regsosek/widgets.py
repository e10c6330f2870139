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

    Nothing else of the frame reaches the browser. Count columns stay numeric (sorting works);
    a hidden count (<NA>) reads "<10", any other missing value "–".
    """
    shown = frame[list(labels)].rename(columns=dict(labels))
    count_labels = [labels[c] for c in counts if c in labels]
    others = [c for c in shown.columns if c not in count_labels]
    styled = shown.style.format(na_rep=privacy.SUPPRESSED, subset=count_labels, thousands=".", decimal=",", precision=0)
    styled = styled.format(na_rep=NOT_AVAILABLE, subset=others)
    column_config = {labels[c]: v for c, v in (config or {}).items() if c in labels}
    st.dataframe(styled, hide_index=True, column_config=column_config, **kwargs)
