"""pydeck layers for the coverage map.

pydeck sends every column of a layer's data to the browser, so each builder keeps
only what it draws: position, colour and the tooltip's display strings. No
names of people, no NIKs, no ids. The deck has no basemap (map_provider=None, default
map_style), so the browser makes no request outside the app.
"""

from __future__ import annotations

import math

import pandas as pd
import pydeck as pdk

from regsosek import reference

# Upper bound (exclusive) of each coverage band in percent, its colour and translation key.
COVERAGE_BANDS: tuple[tuple[float, tuple[int, int, int], str], ...] = (
    (25.0, (215, 48, 39), "map_band_lt25"),
    (50.0, (252, 141, 89), "map_band_25_50"),
    (75.0, (254, 224, 139), "map_band_50_75"),
    (90.0, (145, 207, 96), "map_band_75_90"),
    (math.inf, (26, 152, 80), "map_band_ge90"),
)
NO_DATA_COLOUR = (160, 160, 160)
NO_DATA_KEY = "map_band_hidden"

PROVINCE_VIEW = pdk.ViewState(latitude=-7.65, longitude=112.75, zoom=7.0)
TOOLTIP_COLUMNS = ("name", "target", "visited", "percent")
LAYER_COLUMNS = ("lon", "lat", "colour", *TOOLTIP_COLUMNS)


def band_colour(percent: float | None) -> tuple[int, int, int]:
    """The colour of a coverage percentage; grey when unknown or hidden."""
    if percent is None or pd.isna(percent):
        return NO_DATA_COLOUR
    return next(colour for upper, colour, _ in COVERAGE_BANDS if percent < upper)


def _display_count(value: object) -> str:
    if isinstance(value, str):
        return value
    return f"{int(value):,}".replace(",", ".")


def _display_percent(value: object) -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{float(value):.1f}%".replace(".", ",")


def layer_frame(areas: pd.DataFrame) -> pd.DataFrame:
    """The drawn columns of a coverage frame (area_name, lat, lon, target, visited, percent_visited).

    Counts may already be suppressed to strings ("<10"); the percent then is NaN and the point grey.
    """
    return pd.DataFrame({
        "lon": areas["lon"].astype("float64").round(5),
        "lat": areas["lat"].astype("float64").round(5),
        "colour": [list(band_colour(p)) for p in areas["percent_visited"]],
        "name": areas["area_name"].astype(str),
        "target": [_display_count(v) for v in areas["target"]],
        "visited": [_display_count(v) for v in areas["visited"]],
        "percent": [_display_percent(v) for v in areas["percent_visited"]],
    }, columns=list(LAYER_COLUMNS)).reset_index(drop=True)


def coverage_layer(areas: pd.DataFrame, radius_m: float) -> pdk.Layer:
    """One point per area, coloured by coverage band. The radius is fixed so it reveals no count."""
    return pdk.Layer(
        "ScatterplotLayer",
        data=layer_frame(areas),
        id="coverage",
        get_position=["lon", "lat"],
        get_fill_color="colour",
        get_line_color=[60, 60, 60],
        get_radius=radius_m,
        radius_min_pixels=3,
        radius_max_pixels=30,
        stroked=True,
        line_width_min_pixels=1,
        opacity=0.85,
        pickable=True,
    )


def outline_layer() -> pdk.Layer:
    """East Java's outline for context (Natural Earth 10m)."""
    return pdk.Layer(
        "GeoJsonLayer",
        data=reference.outline(),
        id="outline",
        stroked=True,
        filled=True,
        get_fill_color=[235, 235, 225, 120],
        get_line_color=[90, 90, 90],
        line_width_min_pixels=1,
        pickable=False,
    )


def view_for(areas: pd.DataFrame, zoom: float) -> pdk.ViewState:
    """Centred on the areas drawn; the province view when there are none."""
    if areas.empty:
        return PROVINCE_VIEW
    return pdk.ViewState(latitude=float(areas["lat"].astype("float64").mean()),
                         longitude=float(areas["lon"].astype("float64").mean()), zoom=zoom)


def coverage_deck(areas: pd.DataFrame, radius_m: float, view: pdk.ViewState, tooltip_html: str) -> pdk.Deck:
    """The whole map: outline and coverage points, no basemap."""
    return pdk.Deck(
        layers=[outline_layer(), coverage_layer(areas, radius_m)],
        initial_view_state=view,
        # Keep pydeck's default map_style: with map_provider=None it is a placeholder that tells
        # Streamlit to draw no basemap; map_style=None would make Streamlit add its Carto basemap.
        map_provider=None,
        tooltip={"html": tooltip_html, "style": {"fontSize": "12px"}},
    )
