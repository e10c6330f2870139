"""Drawing helpers every page shares: the snapshot guard, the regency picker, views and tables.

Pages read widgets and the URL, call a view's `build`, and draw what it returns
with these helpers. What a helper draws is what the view holds: suppression has
already happened in the view, so a hidden count arrives here as <NA> and is only
labelled ("<10"), never looked up.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

import duckdb
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler

from regsosek import db, facts, formats, privacy, reference, warehouse
from regsosek.ui import Session
from regsosek.urlstate import query_param, set_query_params

V = TypeVar("V")

NOT_AVAILABLE = formats.NOT_AVAILABLE
# Chart colours from the Okabe-Ito set, told apart with the common colour-vision deficiencies, each
# with a contrast of at least 3:1 on white (marks); text and axes in the theme's text colour (4.5:1+).
BLUE = "#0072B2"  # 5.1:1 - the actual figure
VERMILLION = "#D55E00"  # 3.9:1 - the plan, and what is behind it
GREEN = "#007D5B"  # 5.0:1 (Okabe-Ito bluish green, darkened) - what is ahead
GREY = "#5F6673"  # 5.9:1 - neutral marks and the end-of-fieldwork marker
TEXT = "#1c2333"
SEQUENCE = (BLUE, VERMILLION, GREEN, "#8E5BA8", GREY, "#A6761D")  # several series of one chart
# pandas' own limit for a styled frame (styler.render.max_elements): larger tables go unstyled.
STYLED_CELLS_MAX = 262_144
# Rendered tables kept (display text of every cell, computed once per distinct table), and the largest kept.
RENDERED_TABLES_MAX = 128
RENDERED_CELLS_MAX = 20_000


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
    except db.StaleSnapshot:
        st.warning(session.t("mon_data_stale"))
        st.stop()
    except (duckdb.Error, db.UnknownSnapshot):
        st.warning(session.t("mon_data_unavailable"))
        st.stop()


def named_areas(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with each kab_code, kec_code and desa_code column read as "Name (code)": the name first.

    For drawing and for files; label such a column with its area level ("Kabupaten/kota"), not "code".
    """
    lookups = {"kab_code": reference.kab_names,
               "kec_code": lambda: dict(zip(reference.kecamatan()["kec_code"], reference.kecamatan()["nama"])),
               "desa_code": lambda: dict(zip(reference.desa()["desa_code"], reference.desa()["nama"]))}
    out = frame.copy()
    for column, names in lookups.items():
        if column in out:
            known = names()
            out[column] = [None if formats.is_missing(c) else f"{known.get(str(c), str(c))} ({c})" for c in out[column]]
    return out


def kab_picker(session: Session, key: str, *, label_key: str = "mon_area") -> str | None:
    """A regency choice kept in the URL (`kab`): one of the user's own, or all of them (None)."""
    scope, t = session.scope, session.t
    kab_names = reference.kab_names()
    options = list(scope.kab_codes) if len(scope.kab_codes) == 1 else ["", *scope.kab_codes]
    kab = url_select(t(label_key), options, key=key, param="kab",
                     current=query_param("kab", options[0], allowed=options),
                     format_func=lambda code: kab_names[code] if code else t("mon_all_regencies")) or None
    set_query_params(kab=kab)
    return kab


def url_select(label: str, options: Sequence[str], *, key: str, param: str, current: str,
               format_func: Callable[[str], str], clears: tuple[str, ...] = ()) -> str:
    """A picker whose value lives in the URL parameter `param`; returns `current`, the URL's value.

    The picker is set from the URL at every run, so every run that draws it sends its value to the
    browser. (Set only at its first run, the value can be lost when that run is cut short by a
    rerun, as after a reload with a remembered sign-in: the browser then shows the first option
    while the page shows another's numbers.) A change writes the URL, and removes `clears`, before
    the next run reads it. An "all" option is the empty string, written to the URL as no parameter.
    """
    st.session_state[key] = current

    def on_change() -> None:
        set_query_params(**{param: st.session_state[key] or None}, **dict.fromkeys(clears))

    st.selectbox(label, list(options), key=key, format_func=format_func, on_change=on_change)
    return current


AREA_NAME = "area_name"


def table(frame: pd.DataFrame, labels: Mapping[str, str], *, lang: str,
          counts: tuple[str, ...] = (), percents: tuple[str, ...] = (),
          config: Mapping[str, object] | None = None, **kwargs: object) -> None:
    """Draw exactly the columns in `labels` (in that order), under those headings, formatted for `lang`.

    Nothing else of the frame reaches the browser. Each cell reads as `regsosek.formats` writes it:
    whole numbers with the language's grouping, other numbers with one decimal, `percents` with a
    "%", dates as "16 Nov 2022". Columns stay numbers (and dates) underneath, so sorting by a column
    sorts by its values; only the text drawn is formatted.

    The grid draws every missing cell with one text per table (its `placeholder`), whatever text it
    is given for that cell. A hidden count (<NA> in `counts`) stays <NA> in its numeric column, and
    the table's placeholder is then "<10"; in such a table a missing value of another column is sent
    as the text "–" (a hidden rate must not read "<10"). In a table without hidden counts the
    placeholder is "–" and every column stays typed. Pass the session's `lang`.
    """
    formatters = {c: _cell_format(frame[c], lang, hidden_count=c in counts, percent=c in percents) for c in labels}
    shown = frame[list(labels)].copy()
    hides_counts = any(shown[c].isna().any() for c in labels if c in counts)
    as_text = ({c for c in labels if c not in counts and formatters[c] is not None and shown[c].isna().any()}
               if hides_counts else set())
    for c in labels:
        if c in as_text:
            shown[c] = shown[c].map(formatters[c]).astype(object)
        elif c in counts and pd.api.types.is_numeric_dtype(shown[c]):
            shown[c] = _whole_numbers(shown[c])
    shown = shown.rename(columns=dict(labels))
    styled = {labels[c]: f for c, f in formatters.items() if f is not None and c not in as_text}
    data: object = (_styler(shown, styled, lang, counts=tuple(labels[c] for c in counts if c in labels),
                            percents=tuple(labels[c] for c in percents if c in labels))
                    if styled and shown.size <= STYLED_CELLS_MAX else shown)
    column_config = {labels[c]: _text_config(v) if c in as_text else v
                     for c, v in (config or {}).items() if c in labels}
    if AREA_NAME in labels and labels[AREA_NAME] not in column_config:
        # The area's name stays in view while a narrow screen scrolls the numbers sideways.
        column_config[labels[AREA_NAME]] = st.column_config.Column(pinned=True)
    placeholder = privacy.SUPPRESSED if hides_counts else formats.NOT_AVAILABLE
    st.dataframe(data, hide_index=True, column_config=column_config, placeholder=placeholder, **kwargs)


def _translate_once(styler: Styler, key: str, *args: Any, **kwargs: Any) -> dict:
    """`Styler._translate`, computed once per distinct table and kept (`_RENDERED`).

    Streamlit reads a styled table's display text from `Styler._translate`, which formats every cell
    (Babel) and builds a dict per cell: most of a table's cost, paid again at every page view for the
    same figures. The kept rendering is keyed by everything it is made of (`render_key`): the exact
    content sent (values, dtypes, headings), the language and how each column is written. Two tables
    share a rendering only if they send the same cells, so nothing of one scope's table can appear in
    another's. Streamlit only reads the rendering.
    """
    full_key = (key, args, tuple(sorted(kwargs.items())))
    with _RENDERED_LOCK:
        kept = _RENDERED.get(full_key)
        if kept is not None:
            _RENDERED.move_to_end(full_key)
            return kept
    rendered = Styler._translate(styler, *args, **kwargs)
    with _RENDERED_LOCK:
        _RENDERED[full_key] = rendered
        while len(_RENDERED) > RENDERED_TABLES_MAX:
            _RENDERED.popitem(last=False)
    return rendered


_RENDERED: OrderedDict[tuple, dict] = OrderedDict()
_RENDERED_LOCK = threading.Lock()


def render_key(shown: pd.DataFrame, lang: str, styled: Sequence[str], counts: Sequence[str],
               percents: Sequence[str]) -> str | None:
    """The key of a table's rendering: its exact content and how each column is written; None if not kept."""
    if shown.size > RENDERED_CELLS_MAX:
        return None
    digest = hashlib.sha256()
    try:
        rows = pd.util.hash_pandas_object(shown, index=False, categorize=False).to_numpy()
        columns = pd.util.hash_pandas_object(pd.Series([repr(c) for c in shown.columns]), index=False).to_numpy()
    except (TypeError, ValueError):  # a cell pandas cannot hash: rendered every time
        return None
    digest.update(rows.tobytes())
    digest.update(columns.tobytes())
    digest.update(repr((list(shown.index), [str(d) for d in shown.dtypes], lang, sorted(styled), sorted(counts),
                        sorted(percents))).encode("utf-8"))
    return digest.hexdigest()


def _styler(shown: pd.DataFrame, styled: Mapping[str, Callable[[object], str]], lang: str, *,
            counts: tuple[str, ...], percents: tuple[str, ...] = ()) -> Styler:
    styler = shown.style.format(dict(styled))
    key = render_key(shown, lang, list(styled), counts, percents)
    if key is not None:  # Streamlit knows a Styler by its exact class: the method is replaced on this one
        styler._translate = functools.partial(_translate_once, styler, key)
    return styler


def _whole_numbers(column: pd.Series) -> pd.Series:
    """A count column as nullable integers: a hidden count stays <NA>, never a number."""
    if pd.api.types.is_integer_dtype(column):
        return column.astype("Int64")
    return column.round().astype("Int64")


def _text_config(config: object) -> object:
    """A column sent as text keeps its heading and help, not a number format it can no longer take."""
    if isinstance(config, dict) and config.get("type_config", {}).get("type") not in (None, "text"):
        return {**config, "type_config": {"type": "text"}}
    return config


def _cell_format(column: pd.Series, lang: str, *, hidden_count: bool,
                 percent: bool) -> Callable[[object], str] | None:
    """The text of one cell of `column`, or None where the value is drawn as it is (booleans)."""
    empty = privacy.SUPPRESSED if hidden_count else formats.NOT_AVAILABLE
    if pd.api.types.is_bool_dtype(column):
        return None
    if pd.api.types.is_integer_dtype(column) or (hidden_count and pd.api.types.is_numeric_dtype(column)):
        def text(value: object) -> str:
            return formats.integer(value, lang)
    elif pd.api.types.is_numeric_dtype(column):
        def text(value: object) -> str:
            return formats.percent(value, lang) if percent else formats.number(value, lang)
    elif pd.api.types.is_datetime64_any_dtype(column) or _holds_dates(column):
        def text(value: object) -> str:
            return formats.day(value, lang)
    else:
        def text(value: object) -> str:
            return str(value)
    return lambda value: empty if formats.is_missing(value) else text(value)


def _holds_dates(column: pd.Series) -> bool:
    present = column.dropna()
    return not present.empty and all(isinstance(v, date) for v in present)


# For st.plotly_chart(config=...): no tool bar over the title (it hid chart titles on a phone).
CHART_CONFIG = {"displayModeBar": False}


def readable(figure: go.Figure, lang: str) -> go.Figure:
    """A chart whose text reads well: the theme's text colour on axes and legend, numbers in `lang`."""
    figure.update_layout(separators=formats.plotly_separators(lang), font={"color": TEXT, "size": 13},
                         title={"font": {"size": 15}, "y": 0.98, "yanchor": "top"},
                         colorway=list(SEQUENCE), legend={"orientation": "h", "y": -0.15})
    figure.update_xaxes(tickfont={"color": TEXT}, linecolor=GREY, gridcolor="#e3e6ea")
    figure.update_yaxes(tickfont={"color": TEXT}, linecolor=GREY, gridcolor="#e3e6ea")
    return figure


FIGURES_MAX = 64
_FIGURES: OrderedDict[str, go.Figure] = OrderedDict()
_FIGURES_LOCK = threading.Lock()


def content_key(*parts: object) -> str | None:
    """A SHA-256 over frames (their exact values, dtypes and columns) and plain values; None if unhashable."""
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, pd.DataFrame):
            try:
                digest.update(pd.util.hash_pandas_object(part, index=False, categorize=False).to_numpy().tobytes())
            except (TypeError, ValueError):
                return None
            digest.update(repr(([str(c) for c in part.columns], [str(d) for d in part.dtypes], len(part))).encode())
        else:
            digest.update(repr(part).encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


def progress_chart(days: pd.DataFrame, plan_line: pd.DataFrame, *, lang: str, actual: str, plan: str,
                   end_label: str, title: str | None = None, height: int = 340) -> go.Figure:
    """Cumulative percent visited against the plan line, with a marker at the last field day (14 Nov).

    `days` holds day and percent_visited (suppressed days are gaps), `plan_line` day and plan_percent.
    The figure is built once per distinct input (its exact series, language and texts) and kept: plotly
    checks every property it is given, which cost more than drawing it. Streamlit copies a figure it
    draws, so the kept one is never changed; a caller must not change it either.
    """
    return kept_figure(lambda: _progress_chart(days, plan_line, lang=lang, actual=actual, plan=plan,
                                               end_label=end_label, title=title, height=height),
                       "progress_chart", days[["day", "percent_visited"]], plan_line[["day", "plan_percent"]],
                       lang, actual, plan, end_label, title, height)


def kept_figure(build: Callable[[], go.Figure], *inputs: object) -> go.Figure:
    """`build()`, built once per distinct `inputs` and kept (plotly checks every property it is given).

    `inputs` must hold everything the figure is made of: the exact frames it draws (only the columns
    drawn) and every text, language and size; two figures share a kept one only when all of it is the
    same, so a figure of one scope never stands for another's. Streamlit copies a figure it draws; a
    caller must not change a kept figure.
    """
    key = content_key(*inputs)
    with _FIGURES_LOCK:
        kept = _FIGURES.get(key) if key is not None else None
        if kept is not None:
            _FIGURES.move_to_end(key)
            return kept
    figure = build()
    if key is not None:
        with _FIGURES_LOCK:
            _FIGURES[key] = figure
            while len(_FIGURES) > FIGURES_MAX:
                _FIGURES.popitem(last=False)
    return figure


def _progress_chart(days: pd.DataFrame, plan_line: pd.DataFrame, *, lang: str, actual: str, plan: str,
                    end_label: str, title: str | None, height: int) -> go.Figure:
    when = formats.hover_dates
    axis_days = [*days["day"], *plan_line["day"], facts.CAMPAIGN_END]
    figure = go.Figure([
        go.Scatter(name=plan, x=plan_line["day"], y=plan_line["plan_percent"], mode="lines",
                   line={"color": VERMILLION, "dash": "dash", "width": 3}, customdata=when(plan_line["day"], lang)),
        go.Scatter(name=actual, x=days["day"], y=days["percent_visited"], mode="lines+markers",
                   line={"color": BLUE, "width": 3}, marker={"size": 6}, customdata=when(days["day"], lang)),
    ])
    figure.update_traces(hovertemplate="%{customdata}: %{y:,.1f}%<extra>%{fullData.name}</extra>")
    end = facts.CAMPAIGN_END.isoformat()
    figure.add_shape(type="line", x0=end, x1=end, y0=0, y1=1, yref="paper", line={"color": GREY, "width": 2})
    figure.add_annotation(x=end, y=1, yref="paper", text=f"{end_label} {formats.day(facts.CAMPAIGN_END, lang)}",
                          showarrow=False, xanchor="right", yanchor="bottom", font={"color": TEXT, "size": 12})
    figure.update_layout(title=title, height=height, margin={"t": 50 if title else 30, "b": 10},
                         xaxis=formats.date_axis(axis_days, lang, most=6),
                         yaxis={"ticksuffix": "%", "range": [0, 105]})
    return readable(figure, lang)
