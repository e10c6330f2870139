"""Benchmark: ingest, the named queries, and the naive pandas alternative.

    python bench/run.py --scale full            # generates into bench/.data/full if absent
    python bench/run.py --scale demo --runs 20

Prints one table: for each question the median time of the named query on the
published snapshot (after the snapshot is registered), and the time and peak
memory of answering the same question by reading the Parquet with pandas and
filtering in memory. Each side runs in its own process so memory is its own;
the app process's RSS after loading is printed too. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AS_OF = date(2022, 11, 14)
SEED = 2022
# (label, query, params); the same questions answered naively below.
QUESTIONS = (
    ("province progress", "progress_summary", {}),
    ("coverage by kab", "coverage_by_area", {"level": "kab", "parent": None}),
    ("coverage by desa in a kec", "coverage_by_area", {"level": "desa", "parent": "357801"}),
    ("daily progress, province", "daily_progress", {"area_code": None}),
    ("daily progress, one kab", "daily_progress", {"area_code": "3578"}),
    ("row counts", "snapshot_rows", {}),
)


def rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def app_side(runs: int) -> dict:
    """Runs in a child process: the dashboard's view of the warehouse."""
    from regsosek import access, db, warehouse

    started = time.perf_counter()
    live = warehouse.live()
    scope = access.scope_for("bench", "bps_provinsi")
    db.schema_for(live.snapshot_id)
    register = time.perf_counter() - started
    results = {}
    for label, name, params in QUESTIONS:
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            db.run(name, scope, live.snapshot_id, **params)
            times.append(time.perf_counter() - t)
        results[label] = statistics.median(times)
    return {"register_s": register, "medians": results, "rss_mb": rss_mb(), "hwm_mb": rss_mb("VmHWM")}


def naive_side(label: str, folder: str) -> dict:
    """Runs in a child process: answer one question with pandas over the raw Parquet."""
    import pandas as pd

    snap = Path(folder)
    started = time.perf_counter()
    fam_path = snap / "keluarga"
    if label == "row counts":
        sizes = {t: len(pd.read_parquet(snap / t, columns=["keluarga_id"])) for t in ("keluarga", "anggota")}
        sizes |= {t: len(pd.read_parquet(snap / f"{t}.parquet")) for t in ("petugas", "sls")}
    else:
        fam = pd.read_parquet(fam_path, columns=["kab_code", "kec_code", "desa_code", "prelist", "tgl_kunjungan",
                                                 "hasil_kunjungan", "tgl_periksa_pml", "tgl_validasi", "ppl_id"])
        fam["kab_code"] = fam["kab_code"].astype(str)
        sls = pd.read_parquet(snap / "sls.parquet")
        if label == "province progress":
            target = sls["jumlah_prelist"].sum() + (~fam["prelist"]).sum()
            active = fam.loc[fam["tgl_kunjungan"] == AS_OF, "ppl_id"].nunique()
            _ = fam["tgl_kunjungan"].notna().sum() / target, active
        elif label.startswith("coverage"):
            key = "kab_code"
            if "desa" in label:
                fam, sls, key = fam[fam["kec_code"] == "357801"], sls[sls["kec_code"] == "357801"], "desa_code"
            visited = fam.groupby(key).agg(visited=("tgl_kunjungan", "count"), new=("prelist", lambda s: (~s).sum()))
            outcomes = fam.pivot_table(index=key, columns="hasil_kunjungan", values="prelist", aggfunc="size")
            _ = visited.join(outcomes).join(sls.groupby(key)["jumlah_prelist"].sum())
        else:
            if "kab" in label:
                fam = fam[fam["kab_code"] == "3578"]
            days = fam.groupby("tgl_kunjungan").size().cumsum()
            _ = days, [(fam["tgl_validasi"] <= d).sum() for d in days.index]
    return {"seconds": time.perf_counter() - started, "hwm_mb": rss_mb("VmHWM")}


def child(args: list[str], env: dict) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="demo", help="demo, full or a fraction")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--data", type=Path, help="bench data dir (default bench/.data/<scale>)")
    parser.add_argument("--fresh", action="store_true", help="drop the published warehouse and ingest again")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        result = app_side(int(args.child[1])) if args.child[0] == "app" else naive_side(args.child[1], args.child[2])
        print(json.dumps(result))
        return 0

    data = (args.data or ROOT / "bench" / ".data" / args.scale).resolve()
    os.environ["REGSOSEK_DATA_DIR"] = str(data)
    env = dict(os.environ)
    from regsosek import ingest, warehouse
    from regsosek.synth.cli import parse_scale
    from regsosek.synth.generate import generate

    raw = data / "incoming" / AS_OF.isoformat()
    if not (raw / "manifest.json").exists():
        print(f"generating {args.scale} into {raw.parent} ...", flush=True)
        t = time.perf_counter()
        generate(raw.parent, parse_scale(args.scale), SEED, [AS_OF],
                 progress=lambda f, m: print(f"  {f:6.1%} {m}", flush=True))
        print(f"generated in {time.perf_counter() - t:.0f} s")
    if args.fresh and warehouse.root().exists():
        shutil.rmtree(warehouse.root())
    t = time.perf_counter()
    report = ingest.ingest(raw)
    ingest_s = time.perf_counter() - t
    if not report.ok:
        print(report.as_text("en"))
        return 1
    manifest = json.loads((raw / "manifest.json").read_text())
    size_mb = sum(f["bytes"] for f in manifest["files"].values()) / 2**20
    print(f"\nsnapshot {report.snapshot_id}: {manifest['row_counts']['keluarga']:,} keluarga, "
          f"{manifest['row_counts']['anggota']:,} anggota, {size_mb:,.0f} MB Parquet")
    state = "already published (use --fresh to time it)" if report.already_published else "validated + published"
    print(f"ingest: {ingest_s:.1f} s ({state})")
    marts_mb = sum(p.stat().st_size for p in (warehouse.get(report.snapshot_id).path / "marts").glob("*")) / 2**20
    print(f"marts on disk: {marts_mb:.1f} MB")

    app = child(["--child", "app", str(args.runs)], env)
    print(f"app process: snapshot registered in {app['register_s']:.2f} s; "
          f"RSS after loading and {args.runs} runs of each query {app['rss_mb']:.0f} MB "
          f"(peak {app['hwm_mb']:.0f} MB)\n")
    header = f"{'question':<28}{'named query':>14}{'pandas naive':>15}{'pandas peak RSS':>17}{'ratio':>9}"
    print(header)
    print("-" * len(header))
    for label, _, _ in QUESTIONS:
        naive = child(["--child", "naive", label, str(raw)], env)
        fast = app["medians"][label]
        print(f"{label:<28}{fast * 1000:>11.1f} ms{naive['seconds'] * 1000:>12.0f} ms"
              f"{naive['hwm_mb']:>14.0f} MB{naive['seconds'] / fast:>8.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
