"""pydeck maps: the coverage map and the exclusion-error map, on approximate areas.

Areas are the kecamatan and kab/kota shapes that build-reference derives from the desa points
(data/reference/*.geojson): approximate, not official boundaries. pydeck sends every column of a
layer's data to the browser, so each layer frame holds only what is drawn: the shape or position,
the colour and the tooltip's display strings, built from figures that are already suppressed (a
hidden count reads "<10", never its value). No names of people, no NIKs, no ids. The deck has no
basemap (map_provider=None, default map_style) and the labels use the browser's own fonts, so
the browser makes no request outside the app.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk
from pydeck.types import String

from regsosek import formats, privacy, reference

# Upper bound (exclusive) of each coverage band in percent, its colour (viridis in five steps:
# ordered in lightness, readable with any colour vision) and translation key.
COVERAGE_BANDS: tuple[tuple[float, tuple[int, int, int], str], ...] = (
    (25.0, (68, 1, 84), "map_band_lt25"),
    (50.0, (59, 82, 139), "map_band_25_50"),
    (75.0, (33, 145, 140), "map_band_50_75"),
    (90.0, (94, 201, 98), "map_band_75_90"),
    (math.inf, (253, 231, 37), "map_band_ge90"),
)
# Exclusion error in percent: ColorBrewer YlOrRd in five steps (sequential, colour-blind safe).
EXCLUSION_BANDS: tuple[tuple[float, tuple[int, int, int]], ...] = (
    (20.0, (255, 255, 178)),
    (40.0, (254, 204, 92)),
    (60.0, (253, 141, 60)),
    (80.0, (240, 59, 32)),
    (math.inf, (189, 0, 38)),
)
# Condition indicators: ColorBrewer YlOrRd in five steps too, on bands fitted to the shown shares.
SEQUENTIAL = tuple(colour for _, colour in EXCLUSION_BANDS)
NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0, 20.0, 25.0)
NO_DATA_COLOUR = (190, 190, 190)
NO_DATA_KEY = "map_band_hidden"
# Land with no figure in the snapshot (no SLS there yet): lighter than the hidden grey.
BASE_COLOUR = (238, 236, 226)
BASE_KEY = "map_band_no_sls"
NOT_AVAILABLE = "–"

TOOLTIP_COLUMNS = ("name", "target", "visited", "percent")
# One row per polygon (an area of several islands has several rows, with the same values).
LAYER_COLUMNS = ("polygon", "colour", *TOOLTIP_COLUMNS)
POINT_LAYER_COLUMNS = ("lon", "lat", "colour", *TOOLTIP_COLUMNS)
BOUNDARY_COLUMNS = ("polygon",)
LABEL_COLUMNS = ("lon", "lat", "text")
EXCLUSION_LAYER_COLUMNS = ("polygon", "colour", "name", "rate")
INDICATOR_LAYER_COLUMNS = ("polygon", "colour", "name", "value")
INDICATOR_POINT_COLUMNS = ("lon", "lat", "colour", "name", "value")
KABUPATEN_PREFIX = "Kab. "
LABEL_SIZE_PX = 11

# The map's height on a wide page; on a narrow one (a phone) it is MAP_ASPECT of the width, at least
# MIN_MAP_HEIGHT_PX. FIT_WIDTH_PX is the width a map is fitted for until the browser has said how wide
# it draws it (regsosek/map_width.py); then the camera is fitted again at that width.
MAP_HEIGHT_PX = 560
MIN_MAP_HEIGHT_PX = 320
MAP_ASPECT = 0.85
FIT_WIDTH_PX = 700
FIT_PADDING = 0.06  # share of each side kept free around the areas
MAX_ZOOM = 11.0
TILE_PX = 512  # deck.gl's world is 512 * 2**zoom pixels wide
# A label's box on screen, for leaving out names that would overlap a larger area's name: the width of
# one character of the label font (11 px, semi-bold sans-serif, with its halo), the line height and the
# free space kept around each box.
LABEL_CHAR_PX = 6.5
LABEL_LINE_PX = 15.0
LABEL_GAP_PX = 2.0


@dataclass(frozen=True)
class Camera:
    """Where a map opens: its centre and zoom, the fixed point radius for that zoom, and the box it shows whole."""

    latitude: float
    longitude: float
    zoom: float
    radius_m: float = 0.0  # the desa map's fixed point radius
    bounds: tuple[float, float, float, float] | None = None  # min lon, min lat, max lon, max lat
    width_px: int = FIT_WIDTH_PX  # the map width the zoom is fitted for


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def map_height(width_px: int | None) -> int:
    """The height of a map drawn `width_px` wide: MAP_HEIGHT_PX, lower on a narrow screen (None: not known yet)."""
    if not width_px:
        return MAP_HEIGHT_PX
    return int(max(MIN_MAP_HEIGHT_PX, min(MAP_HEIGHT_PX, round(width_px * MAP_ASPECT))))


def fit_camera(bounds: tuple[float, float, float, float], radius_m: float = 0.0,
               width_px: int = FIT_WIDTH_PX) -> Camera:
    """The camera showing the whole box (min lon, min lat, max lon, max lat) in a map `width_px` wide and
    map_height(width_px) high."""
    min_lon, min_lat, max_lon, max_lat = bounds
    usable = 1 - 2 * FIT_PADDING
    dx = max(max_lon - min_lon, 1e-6) / 360
    dy = max(_mercator_y(max_lat) - _mercator_y(min_lat), 1e-6) / (2 * math.pi)
    zoom = math.log2(min(width_px * usable / (TILE_PX * dx), map_height(width_px) * usable / (TILE_PX * dy)))
    mid_y = (_mercator_y(max_lat) + _mercator_y(min_lat)) / 2
    latitude = math.degrees(2 * math.atan(math.exp(mid_y)) - math.pi / 2)
    return Camera(latitude=round(latitude, 5), longitude=round((min_lon + max_lon) / 2, 5),
                  zoom=round(min(zoom, MAX_ZOOM), 3), radius_m=radius_m, bounds=tuple(bounds), width_px=width_px)


def at_width(camera: Camera, width_px: int | None) -> Camera:
    """The same view fitted again for a map drawn `width_px` wide (unchanged when the width is not known)."""
    if not width_px or camera.bounds is None or width_px == camera.width_px:
        return camera
    return fit_camera(camera.bounds, camera.radius_m, int(width_px))


def screen_point(lon: float, lat: float, camera: Camera) -> tuple[float, float]:
    """Where a point lands on the map, in pixels from its top left corner."""
    world = TILE_PX * 2 ** camera.zoom
    x = camera.width_px / 2 + (lon - camera.longitude) / 360 * world
    y = map_height(camera.width_px) / 2 - (_mercator_y(lat) - _mercator_y(camera.latitude)) / (2 * math.pi) * world
    return x, y


def label_box(lon: float, lat: float, text: str, camera: Camera) -> tuple[float, float, float, float]:
    """The screen box a label takes (left, top, right, bottom), its free space included."""
    x, y = screen_point(lon, lat, camera)
    half_w = len(text) * LABEL_CHAR_PX / 2 + LABEL_GAP_PX
    half_h = LABEL_LINE_PX / 2 + LABEL_GAP_PX
    return x - half_w, y - half_h, x + half_w, y + half_h


def readable_labels(labels: pd.DataFrame, camera: Camera) -> pd.DataFrame:
    """The labels that do not overlap: in label_frame's order (largest area first), a name whose box would
    touch an earlier kept one is left out (the tooltip still names its area)."""
    kept: list[tuple[float, float, float, float]] = []
    rows = []
    for i, (lon, lat, text) in enumerate(labels[list(LABEL_COLUMNS)].itertuples(index=False)):
        box = label_box(lon, lat, text, camera)
        if all(box[2] <= k[0] or k[2] <= box[0] or box[3] <= k[1] or k[3] <= box[1] for k in kept):
            kept.append(box)
            rows.append(i)
    return labels.iloc[rows].reset_index(drop=True)


def shapes_bounds(shapes: pd.DataFrame) -> tuple[float, float, float, float]:
    """The box around every ring of reference.area_shapes rows."""
    lons = [pt[0] for polygons in shapes["polygons"] for polygon in polygons for ring in polygon for pt in ring]
    lats = [pt[1] for polygons in shapes["polygons"] for polygon in polygons for ring in polygon for pt in ring]
    return min(lons), min(lats), max(lons), max(lats)


# Every area of the province, islands included (Bawean, Masalembu, Kangean).
PROVINCE = fit_camera(shapes_bounds(reference.area_shapes("kab")))
# A regency's desa points: a fixed radius (it reveals no count).
DESA_RADIUS_M = 500


def band_colour(percent: float | None) -> tuple[int, int, int]:
    """The colour of a coverage percentage; grey when unknown or hidden."""
    if percent is None or pd.isna(percent):
        return NO_DATA_COLOUR
    return next(colour for upper, colour, _ in COVERAGE_BANDS if percent < upper)


def exclusion_colour(rate: float | None) -> tuple[int, int, int]:
    if rate is None or pd.isna(rate):
        return NO_DATA_COLOUR
    return next(colour for upper, colour in EXCLUSION_BANDS if rate < upper)


def display_count(value: object, lang: str) -> str:
    """A count for a tooltip in the user's language: "<10" when hidden (<NA>)."""
    if value is None or pd.isna(value):
        return privacy.SUPPRESSED
    return formats.count(int(value), lang)


def display_percent(value: object, lang: str) -> str:
    """A percent for a tooltip in the user's language, one decimal: "–" when hidden or unknown."""
    if value is None or pd.isna(value):
        return NOT_AVAILABLE
    return formats.percent(float(value), lang)


def _tooltips(areas: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        "colour": [list(band_colour(p)) for p in areas["percent_visited"]],
        "name": areas["area_name"].astype(str).to_numpy(),
        "target": [display_count(v, lang) for v in areas["target"]],
        "visited": [display_count(v, lang) for v in areas["visited"]],
        "percent": [display_percent(v, lang) for v in areas["percent_visited"]],
    })


def _explode(frame: pd.DataFrame, polygons: pd.Series) -> pd.DataFrame:
    """One row per polygon of each area: frame's columns repeated, and the polygon's rings."""
    out = frame.reset_index(drop=True).assign(polygon=list(polygons)).explode("polygon", ignore_index=True)
    return out


def coverage_layer_frame(areas: pd.DataFrame, level: str, lang: str) -> pd.DataFrame:
    """The layer data of a suppressed coverage frame (area_code, area_name, lat, lon, target, visited, percent_visited).

    At "kec" level the kecamatan shapes (LAYER_COLUMNS), at "desa" level the desa points
    (POINT_LAYER_COLUMNS). Hidden counts (<NA>) become "<10" and their area grey: the value itself
    is not in the frame. An area without a shape is not drawn. Tooltip text is written for `lang`.
    """
    tips = _tooltips(areas, lang)
    if level == "desa":
        points = tips.assign(lon=areas["lon"].astype("float64").round(5).to_numpy(),
                             lat=areas["lat"].astype("float64").round(5).to_numpy())
        return points[list(POINT_LAYER_COLUMNS)].reset_index(drop=True)
    shapes = reference.area_shapes("kec").set_index("code")["polygons"]
    codes = areas["area_code"].astype("string").to_numpy()
    has_shape = pd.Series(codes).isin(shapes.index).to_numpy()
    drawn = _explode(tips[has_shape], shapes.reindex(codes[has_shape]))
    return drawn[list(LAYER_COLUMNS)]


def exclusion_layer_frame(areas: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Regency shapes coloured by a suppressed exclusion rate (area_code, area_name, exclusion_rate).

    A hidden rate (or one with no eligible family) is drawn grey and reads "–". Tooltip text is written
    for `lang`.
    """
    shapes = reference.area_shapes("kab").set_index("code")["polygons"]
    codes = areas["area_code"].astype("string").to_numpy()
    has_shape = pd.Series(codes).isin(shapes.index).to_numpy()
    drawn = areas[has_shape]
    tips = pd.DataFrame({
        "colour": [list(exclusion_colour(v)) for v in drawn["exclusion_rate"]],
        "name": drawn["area_name"].astype(str).to_numpy(),
        "rate": [display_percent(v, lang) for v in drawn["exclusion_rate"]],
    })
    return _explode(tips, shapes.reindex(codes[has_shape]))[list(EXCLUSION_LAYER_COLUMNS)]


def boundary_frame(shapes: pd.DataFrame) -> pd.DataFrame:
    """The outlines of reference.area_shapes rows: polygons only, no name, no value."""
    return _explode(pd.DataFrame(index=range(len(shapes))), shapes["polygons"])[list(BOUNDARY_COLUMNS)]


def label_text(name: str) -> str:
    """A map label: "Kab. " dropped so 38 names fit the province view; "Kota " kept to tell the city apart."""
    return name.removeprefix(KABUPATEN_PREFIX)


def _ring_area(ring) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]]))) / 2


def label_frame(shapes: pd.DataFrame) -> pd.DataFrame:
    """Each area's name at the point where it reads best, in the order in which readable_labels keeps names
    that would overlap: regencies by population (Kota Surabaya first), kecamatan by the size of their area."""
    population = reference.kabkota().set_index("kab_code")["penduduk"]
    size = [float(population[code]) if code in population.index else
            sum(_ring_area(polygon[0]) for polygon in polygons)
            for code, polygons in zip(shapes["code"], shapes["polygons"])]
    order = sorted(range(len(shapes)), key=lambda i: (-size[i], str(shapes["nama"].iloc[i])))
    ordered = shapes.iloc[order]
    return pd.DataFrame({"lon": ordered["label_lon"].astype("float64").to_numpy(),
                         "lat": ordered["label_lat"].astype("float64").to_numpy(),
                         "text": [label_text(name) for name in ordered["nama"].astype(str)]},
                        columns=list(LABEL_COLUMNS))


def _area_layer(frame: pd.DataFrame, layer_id: str, line_colour: list[int], pickable: bool) -> pdk.Layer:
    return pdk.Layer(
        "PolygonLayer",
        data=frame,
        id=layer_id,
        get_polygon="polygon",
        get_fill_color="colour",
        get_line_color=line_colour,
        stroked=True,
        filled=True,
        line_width_min_pixels=0.5,
        opacity=0.85,
        pickable=pickable,
    )


def _base_layer(frame: pd.DataFrame) -> pdk.Layer:
    """The land under the data, so an area with no figure reads as such rather than as sea."""
    return pdk.Layer(
        "PolygonLayer",
        data=frame[list(BOUNDARY_COLUMNS)],
        id="base",
        get_polygon="polygon",
        stroked=False,
        filled=True,
        get_fill_color=list(BASE_COLOUR),
        pickable=False,
    )


def _boundary_layer(frame: pd.DataFrame, width_px: float) -> pdk.Layer:
    return pdk.Layer(
        "PolygonLayer",
        data=frame[list(BOUNDARY_COLUMNS)],
        id="boundaries",
        get_polygon="polygon",
        stroked=True,
        filled=False,
        get_line_color=[40, 40, 40],
        line_width_min_pixels=width_px,
        pickable=False,
    )


def _label_layer(frame: pd.DataFrame) -> pdk.Layer:
    """Names in dark text with a light halo, readable on every palette colour."""
    return pdk.Layer(
        "TextLayer",
        data=frame[list(LABEL_COLUMNS)],
        id="labels",
        get_position=["lon", "lat"],
        get_text="text",
        get_size=LABEL_SIZE_PX,
        get_color=[20, 20, 20],
        font_family=String("sans-serif"),  # a bare string would be read as an expression
        font_weight=600,
        font_settings={"sdf": True},
        outline_width=2,
        outline_color=[255, 255, 255, 230],
        get_text_anchor=String("middle"),
        get_alignment_baseline=String("center"),
        pickable=False,
    )


def _deck(layers: list[pdk.Layer], camera: Camera, tooltip_html: str) -> pdk.Deck:
    """A deck opening on `camera` (already fitted at the width the map is drawn)."""
    return pdk.Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(latitude=camera.latitude, longitude=camera.longitude, zoom=camera.zoom),
        # Keep pydeck's default map_style: with map_provider=None it is a placeholder that tells
        # Streamlit to draw no basemap; map_style=None would make Streamlit add its Carto basemap.
        map_provider=None,
        tooltip={"html": tooltip_html, "style": {"fontSize": "12px"}},
    )


def coverage_deck(level: str, layer_frame: pd.DataFrame, boundaries: pd.DataFrame, labels: pd.DataFrame,
                  camera: Camera, tooltip_html: str, width_px: int | None = None) -> pdk.Deck:
    """The coverage map: kecamatan shapes under regency borders, or a regency's kecamatan under desa points;
    fitted to a map `width_px` wide (when known), with the names that fit without overlapping."""
    camera = at_width(camera, width_px)
    labels = readable_labels(labels, camera)
    if level == "desa":
        points = pdk.Layer(
            "ScatterplotLayer",
            data=layer_frame[list(POINT_LAYER_COLUMNS)],
            id="coverage",
            get_position=["lon", "lat"],
            get_fill_color="colour",
            get_line_color=[60, 60, 60],
            get_radius=camera.radius_m,
            radius_min_pixels=3,
            radius_max_pixels=30,
            stroked=True,
            line_width_min_pixels=1,
            opacity=0.9,
            pickable=True,
        )
        layers = [_base_layer(boundaries), _boundary_layer(boundaries, 0.6), points, _label_layer(labels)]
    else:
        areas = _area_layer(layer_frame[list(LAYER_COLUMNS)], "coverage", [255, 255, 255], pickable=True)
        layers = [_base_layer(boundaries), areas, _boundary_layer(boundaries, 1.2), _label_layer(labels)]
    return _deck(layers, camera, tooltip_html)


def exclusion_legend(lang: str) -> list[tuple[tuple[int, int, int], str]]:
    """The exclusion map's legend: each band's colour and range in the user's language, then grey."""
    lowers = (0.0, *(upper for upper, _ in EXCLUSION_BANDS[:-1]))
    return list(zip((colour for _, colour in EXCLUSION_BANDS), band_labels(lowers, lang)))


def exclusion_deck(layer_frame: pd.DataFrame, tooltip_html: str, width_px: int | None = None) -> pdk.Deck:
    """The exclusion-error map: one shape per regency coloured by its exclusion rate, with the regency names
    that fit; the whole province in a map `width_px` wide (when known)."""
    camera = at_width(PROVINCE, width_px)
    shapes = reference.area_shapes("kab")
    labels = readable_labels(label_frame(shapes[shapes["nama"].isin(set(layer_frame["name"]))]), camera)
    areas = _area_layer(layer_frame[list(EXCLUSION_LAYER_COLUMNS)], "exclusion", [80, 80, 80], pickable=True)
    return _deck([areas, _label_layer(labels)], camera, tooltip_html)


def share_bands(highest: float | None) -> tuple[float, ...]:
    """Lower bounds of five equal bands from 0 that hold every share up to `highest` (a nice step)."""
    top = 0.0 if highest is None or pd.isna(highest) else float(highest)
    step = next((s for s in NICE_STEPS if 5 * s >= top), 20.0 * math.ceil(top / 100.0) or 20.0)
    return tuple(i * step for i in range(len(SEQUENTIAL)))


def share_colour(value: float | None, bands: tuple[float, ...]) -> tuple[int, int, int]:
    """The colour of a share on bands from share_bands; grey when hidden or without a denominator."""
    if value is None or pd.isna(value):
        return NO_DATA_COLOUR
    index = max(i for i, lower in enumerate(bands) if value >= lower) if value >= bands[0] else 0
    return SEQUENTIAL[index]


def band_labels(bands: tuple[float, ...], lang: str) -> list[str]:
    """The legend text of each band, in the user's language ("10,0-20,0%", "≥ 40,0%")."""
    labels = []
    for i, lower in enumerate(bands):
        if i + 1 < len(bands):
            upper = formats.percent(bands[i + 1], lang)
            labels.append(f"{formats.number(lower, lang)}\u2013{upper}" if i else f"< {upper}")
        else:
            labels.append(f"\u2265 {formats.percent(lower, lang)}")
    return labels


def indicator_layer_frame(areas: pd.DataFrame, level: str, bands: tuple[float, ...], lang: str) -> pd.DataFrame:
    """What a condition map sends: per area (area_code, area_name, share; suppressed) its shape, or at
    "desa" level its point (lon, lat), the colour, the name and the share written for `lang` ("–" hidden)."""
    tips = pd.DataFrame({
        "colour": [list(share_colour(v, bands)) for v in areas["share"]],
        "name": areas["area_name"].astype(str).to_numpy(),
        "value": [formats.percent(v, lang) for v in areas["share"]],
    })
    if level == "desa":
        points = tips.assign(lon=areas["lon"].astype("float64").round(5).to_numpy(),
                             lat=areas["lat"].astype("float64").round(5).to_numpy())
        return points[list(INDICATOR_POINT_COLUMNS)].reset_index(drop=True)
    shapes = reference.area_shapes(level).set_index("code")["polygons"]
    codes = areas["area_code"].astype("string").to_numpy()
    has_shape = pd.Series(codes).isin(shapes.index).to_numpy()
    return _explode(tips[has_shape], shapes.reindex(codes[has_shape]))[list(INDICATOR_LAYER_COLUMNS)]


def indicator_deck(level: str, layer_frame: pd.DataFrame, boundaries: pd.DataFrame, labels: pd.DataFrame,
                   camera: Camera, tooltip_html: str, width_px: int | None = None) -> pdk.Deck:
    """A condition map: areas (or desa points) coloured by the indicator, regency borders and the names that
    fit on top; fitted to a map `width_px` wide (when known)."""
    camera = at_width(camera, width_px)
    labels = readable_labels(labels, camera)
    if level == "desa":
        data = pdk.Layer(
            "ScatterplotLayer",
            data=layer_frame[list(INDICATOR_POINT_COLUMNS)],
            id="indicator",
            get_position=["lon", "lat"],
            get_fill_color="colour",
            get_line_color=[60, 60, 60],
            get_radius=DESA_RADIUS_M,
            radius_min_pixels=3,
            radius_max_pixels=30,
            stroked=True,
            line_width_min_pixels=1,
            pickable=True,
        )
        layers = [_base_layer(boundaries), _boundary_layer(boundaries, 0.6), data, _label_layer(labels)]
    else:
        data = _area_layer(layer_frame[list(INDICATOR_LAYER_COLUMNS)], "indicator", [255, 255, 255], pickable=True)
        layers = [_base_layer(boundaries), data, _boundary_layer(boundaries, 1.2), _label_layer(labels)]
    return _deck(layers, camera, tooltip_html)
