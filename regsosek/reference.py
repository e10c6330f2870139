"""The committed reference geography of East Java (data/reference/)."""

from __future__ import annotations

import json
from functools import cache, lru_cache

import pandas as pd

from regsosek import paths

_DTYPES = {"kab_code": "string", "kec_code": "string", "desa_code": "string", "kode_pos": "string"}


@cache
def _load(name: str) -> pd.DataFrame:
    return pd.read_csv(paths.REFERENCE_DIR / f"{name}.csv", dtype=_DTYPES)


def kabkota() -> pd.DataFrame:
    """38 rows: kab_code, nama, jenis, ibukota, lat, lon, luas_km2, penduduk."""
    return _load("kabkota").copy()


def kecamatan() -> pd.DataFrame:
    """666 rows: kec_code, kab_code, nama, lat, lon."""
    return _load("kecamatan").copy()


def desa() -> pd.DataFrame:
    """8,494 rows: desa_code, kec_code, kab_code, nama, kode_pos, lat, lon."""
    return _load("desa").copy()


@lru_cache(maxsize=1)
def outline() -> dict:
    """East Java outline (GeoJSON Feature, Natural Earth 10m)."""
    return json.loads((paths.REFERENCE_DIR / "jatim_outline.geojson").read_text(encoding="utf-8"))


def kab_names() -> dict[str, str]:
    return dict(zip(_load("kabkota")["kab_code"], _load("kabkota")["nama"]))


@cache
def _area_shapes(level: str) -> pd.DataFrame:
    code = {"kab": "kab_code", "kec": "kec_code"}[level]
    name = {"kab": "kabkota", "kec": "kecamatan"}[level]
    collection = json.loads((paths.REFERENCE_DIR / f"{name}.geojson").read_text(encoding="utf-8"))
    rows = []
    for feature in collection["features"]:
        props, geometry = feature["properties"], feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rows.append({"code": props[code], "kab_code": props["kab_code"], "nama": props["nama"],
                     "label_lon": props["label_lon"], "label_lat": props["label_lat"], "polygons": polygons})
    return pd.DataFrame(rows).astype({"code": "string", "kab_code": "string"})


def area_shapes(level: str) -> pd.DataFrame:
    """Approximate areas ("kab": 38, "kec": 666 rows), built from the desa points by build-reference.

    Columns: code, kab_code, nama, label_lon, label_lat (where the name reads best) and polygons (a
    list of polygons, each a list of rings of [lon, lat]). The shapes are not official boundaries.
    """
    return _area_shapes(level).copy()
