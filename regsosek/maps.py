"""pydeck maps: the coverage map and the exclusion-error map.

pydeck sends every column of a layer's data to the browser, so each layer frame
holds only what is drawn: position, colour (or radius) and the tooltip's display
strings, built from figures that are already suppressed (a hidden count reads
"<10", never its value). No names of people, no NIKs, no ids. The deck has no
basemap (map_provider=None, default map_style), so the browser makes no request
outside the app.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk

from regsosek import privacy, reference

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
NOT_AVAILABLE = "–"

TOOLTIP_COLUMNS = ("name", "target", "visited", "percent")
LAYER_COLUMNS = ("lon", "lat", "colour", *TOOLTIP_COLUMNS)
EXCLUSION_LAYER_COLUMNS = ("lon", "lat", "radius", "name", "rate")
# Metres of radius per percentage point of exclusion error on the regency map.
EXCLUSION_RADIUS_PER_POINT = 300


@dataclass(frozen=True)
class Camera:
    """Where a map opens: its centre and zoom, and the fixed point radius for that zoom."""

    latitude: float
    longitude: float
    zoom: float
    radius_m: float = 0.0  # the coverage map's fixed point radius at this zoom


PROVINCE = Camera(latitude=-7.65, longitude=112.75, zoom=7.0, radius_m=2500)
# A regency's desa: closer, with smaller points; centred on the desa drawn.
REGENCY_ZOOM, REGENCY_RADIUS_M = 9.5, 500
MISTARGETING = Camera(latitude=-7.6, longitude=112.7, zoom=6.5)


def band_colour(percent: float | None) -> tuple[int, int, int]:
    """The colour of a coverage percentage; grey when unknown or hidden."""
    if percent is None or pd.isna(percent):
        return NO_DATA_COLOUR
    return next(colour for upper, colour, _ in COVERAGE_BANDS if percent < upper)


def display_count(value: object) -> str:
    """A count for a tooltip: "<10" when hidden (<NA>), else the number with '.' thousands."""
    if value is None or pd.isna(value):
        return privacy.SUPPRESSED
    return f"{int(value):,}".replace(",", ".")


def display_percent(value: object) -> str:
    if value is None or pd.isna(value):
        return NOT_AVAILABLE
    return f"{float(value):.1f}%".replace(".", ",")


def coverage_layer_frame(areas: pd.DataFrame) -> pd.DataFrame:
    """The layer data of a suppressed coverage frame (area_name, lat, lon, target, visited, percent_visited).

    Hidden counts (<NA>) become "<10" and their point grey: the value itself is not in the frame.
    """
    return pd.DataFrame({
        "lon": areas["lon"].astype("float64").round(5),
        "lat": areas["lat"].astype("float64").round(5),
        "colour": [list(band_colour(p)) for p in areas["percent_visited"]],
        "name": areas["area_name"].astype(str),
        "target": [display_count(v) for v in areas["target"]],
        "visited": [display_count(v) for v in areas["visited"]],
        "percent": [display_percent(v) for v in areas["percent_visited"]],
    }, columns=list(LAYER_COLUMNS)).reset_index(drop=True)


def exclusion_layer_frame(areas: pd.DataFrame) -> pd.DataFrame:
    """Points sized by a suppressed exclusion rate (area_name, lat, lon, exclusion_rate); hidden rates not drawn."""
    drawn = areas[areas["exclusion_rate"].notna() & areas["lat"].notna() & areas["lon"].notna()]
    return pd.DataFrame({
        "lon": drawn["lon"].astype("float64").round(5),
        "lat": drawn["lat"].astype("float64").round(5),
        "radius": drawn["exclusion_rate"].astype("float64") * EXCLUSION_RADIUS_PER_POINT,
        "name": drawn["area_name"].astype(str),
        "rate": [display_percent(v) for v in drawn["exclusion_rate"]],
    }, columns=list(EXCLUSION_LAYER_COLUMNS)).reset_index(drop=True)


def camera_for(areas: pd.DataFrame) -> Camera:
    """Centred on a regency's desa drawn; the province view when there are none."""
    if areas.empty:
        return PROVINCE
    return Camera(latitude=float(areas["lat"].astype("float64").mean()),
                  longitude=float(areas["lon"].astype("float64").mean()),
                  zoom=REGENCY_ZOOM, radius_m=REGENCY_RADIUS_M)


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


def _deck(layers: list[pdk.Layer], camera: Camera, tooltip: dict) -> pdk.Deck:
    return pdk.Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(latitude=camera.latitude, longitude=camera.longitude, zoom=camera.zoom),
        # Keep pydeck's default map_style: with map_provider=None it is a placeholder that tells
        # Streamlit to draw no basemap; map_style=None would make Streamlit add its Carto basemap.
        map_provider=None,
        tooltip=tooltip,
    )


def coverage_deck(layer_frame: pd.DataFrame, camera: Camera, tooltip_html: str) -> pdk.Deck:
    """The coverage map: outline and one point per area, coloured by band, of a fixed radius (it reveals no count)."""
    points = pdk.Layer(
        "ScatterplotLayer",
        data=layer_frame[list(LAYER_COLUMNS)],
        id="coverage",
        get_position=["lon", "lat"],
        get_fill_color="colour",
        get_line_color=[60, 60, 60],
        get_radius=camera.radius_m,
        radius_min_pixels=3,
        radius_max_pixels=30,
        stroked=True,
        line_width_min_pixels=1,
        opacity=0.85,
        pickable=True,
    )
    return _deck([outline_layer(), points], camera, {"html": tooltip_html, "style": {"fontSize": "12px"}})


def exclusion_deck(layer_frame: pd.DataFrame, tooltip_html: str) -> pdk.Deck:
    """The exclusion-error map: outline and one point per regency, sized by its exclusion rate."""
    points = pdk.Layer(
        "ScatterplotLayer",
        data=layer_frame[list(EXCLUSION_LAYER_COLUMNS)],
        id="exclusion",
        get_position=["lon", "lat"],
        get_radius="radius",
        get_fill_color=[200, 30, 30, 160],
        pickable=True,
    )
    return _deck([outline_layer(), points], MISTARGETING, {"html": tooltip_html, "style": {"fontSize": "12px"}})
