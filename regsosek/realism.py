"""How the synthetic province compares with published East Java figures.

`compare(folder)` reads one snapshot folder (raw Parquet, as written by the
generator or a field export) and returns one row per calibrated statistic:
generated value, published (or assumed) value, difference, tolerance, whether it
is within tolerance, and the source. Poverty is compared per regency, plus the
rank agreement (Spearman) of the 38 regencies.

The generated poverty rate of a regency is the share of its persons (members of
entered families) whose family's PMT score lies below a province-wide line; the
line is set so that the province share equals the published March 2022 rate.
So the province row agrees by construction and the regencies show whether the
geography of poverty is right.

`python -m regsosek realism SNAPSHOT_DIR` prints the table.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

from regsosek import facts, reference

# A regency's generated poverty rate within this many points of its published rate
# (small cities hold a few thousand persons at demo scale, so their rate is noisy).
POVERTY_TOLERANCE = 4.0
COLUMNS = ("statistic", "area", "generated", "published", "difference", "tolerance", "within", "source", "note")


def _read(folder: Path, table: str, columns: list[str]) -> pd.DataFrame:
    partitioning = ds.partitioning(pa.schema([("kab_code", pa.string())]), flavor="hive")
    dataset = ds.dataset(Path(folder) / table, format="parquet", partitioning=partitioning)
    return dataset.to_table(columns=columns).to_pandas()


def _share(mask: pd.Series) -> float:
    return float(mask.mean() * 100.0) if len(mask) else float("nan")


def generated_province(folder: Path) -> dict[str, float]:
    """Province-wide generated value of every key in facts.TARGETS."""
    k = _read(folder, "keluarga", ["keluarga_id", "hasil_kunjungan", "jk_kepala", "jumlah_art", "bahan_bakar_masak",
                                   "terima_pkh", "terima_bpnt", "terima_pbi_jk"])
    k = k[k["hasil_kunjungan"].isin(facts.INTERVIEWED_OUTCOMES)]
    a = _read(folder, "anggota", ["umur", "jenis_kelamin", "partisipasi_sekolah", "disabilitas"])
    age = a["umur"]
    in_school = a["partisipasi_sekolah"] == "masih_sekolah"
    fuel = k["bahan_bakar_masak"]
    males, females = (a["jenis_kelamin"] == "L").sum(), (a["jenis_kelamin"] == "P").sum()
    return {
        "age_0_14": _share(age <= 14),
        "age_15_64": _share(age.between(15, 64)),
        "age_60_plus": _share(age >= 60),
        "sex_ratio": float(males / females * 100.0) if females else float("nan"),
        "aps_7_12": _share(in_school[age.between(7, 12)]),
        "aps_13_15": _share(in_school[age.between(13, 15)]),
        "aps_16_18": _share(in_school[age.between(16, 18)]),
        "fuel_lpg": _share(fuel.isin(["lpg_3kg", "lpg_besar"])),
        "fuel_firewood": _share(fuel == "kayu_bakar"),
        "fuel_electric": _share(fuel == "listrik"),
        "family_size": float(k["jumlah_art"].mean()),
        "female_head": _share(k["jk_kepala"] == "P"),
        "disability": _share(a["disabilitas"].astype(bool)),
        "pkh": _share(k["terima_pkh"].astype(bool)),
        "bpnt": _share(k["terima_bpnt"].astype(bool)),
        "pbi_jk": _share(k["terima_pbi_jk"].astype(bool)),
    }


def generated_poverty(folder: Path) -> pd.Series:
    """Generated poverty rate (%) per regency (index kab_code), see the module docstring."""
    k = _read(folder, "keluarga", ["kab_code", "skor_pmt", "jumlah_art"]).dropna(subset=["skor_pmt", "jumlah_art"])
    k = k.sort_values("skor_pmt", kind="stable")
    persons = k["jumlah_art"].to_numpy(dtype=float)
    cumulative = np.cumsum(persons) / persons.sum()
    poor = cumulative <= facts.POVERTY_RATE_PROVINCE / 100.0
    rate = pd.Series(poor * persons, index=k.index).groupby(k["kab_code"]).sum() / k.groupby("kab_code")[
        "jumlah_art"].sum()
    return rate.astype(float) * 100.0


def spearman(x: pd.Series, y: pd.Series) -> float:
    x, y = x.align(y, join="inner")
    return float(x.rank().corr(y.rank()))


def _source_text(key: str | None) -> str:
    if key is None:
        return "asumsi / assumed"
    title, publisher, year, url = facts.SOURCES[key]
    return f"{publisher} ({year}): {title}" + (f" <{url}>" if url else "")


def compare(folder: Path) -> pd.DataFrame:
    """One row per calibrated statistic; see COLUMNS."""
    rows = []
    generated = generated_province(folder)
    for t in facts.TARGETS:
        value = generated[t.key]
        rows.append({"statistic": t.label, "area": facts.PROVINCE_NAME, "generated": value, "published": t.value,
                     "tolerance": t.tolerance, "source": _source_text(t.source), "note": t.note})
    names = reference.kab_names()
    poverty = generated_poverty(folder)
    published = pd.Series({c: facts.poverty_rate(c) for c in names})
    for code in names:
        assumed = code not in facts.POVERTY_RATE_PUBLISHED
        rows.append({"statistic": "Penduduk miskin Maret 2022 (%)", "area": names[code],
                     "generated": float(poverty.get(code, np.nan)), "published": published[code],
                     "tolerance": POVERTY_TOLERANCE,
                     "source": _source_text(None if assumed else facts.POVERTY_RATE_SOURCE[code]),
                     "note": "assumed from neighbouring years" if assumed else ""})
    rows.append({"statistic": "Peringkat kemiskinan 38 kab/kota (Spearman)", "area": facts.PROVINCE_NAME,
                 "generated": spearman(poverty, published), "published": 1.0,
                 "tolerance": 1.0 - facts.POVERTY_RANK_MIN_SPEARMAN,
                 "source": "generated vs the rates above", "note": ""})
    table = pd.DataFrame(rows)
    table["difference"] = table["generated"] - table["published"]
    table["within"] = table["difference"].abs() <= table["tolerance"] + 1e-9
    return table[list(COLUMNS)]


def format_table(table: pd.DataFrame) -> str:
    shown = table.copy()
    for col in ("generated", "published", "difference", "tolerance"):
        shown[col] = shown[col].map(lambda v: f"{v:.2f}")
    shown["within"] = shown["within"].map({True: "ya", False: "TIDAK"})
    return shown.drop(columns=["note"]).to_string(index=False, max_colwidth=70)


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m regsosek realism",
                                     description="compare a snapshot with published East Java figures")
    parser.add_argument("snapshot", type=Path, help="a snapshot folder (with keluarga/ and anggota/)")
    args = parser.parse_args(argv)
    table = compare(args.snapshot)
    print(format_table(table))
    outside = int((~table["within"]).sum())
    print(f"\n{len(table) - outside} of {len(table)} within tolerance")
    return 0
