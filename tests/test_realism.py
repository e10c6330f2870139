"""The synthetic province is close to published East Java figures, and the
comparison table computes its numbers right."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from regsosek import cli, facts, realism, reference
from regsosek.synth import generate
from tests.building import shared_build
from tests.snapshots import read_raw_table

# Demo scale (1%) after close, when every visited family is entered.
AS_OF = date(2022, 11, 30)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """Generated once per run for all workers (tests/building.py); the tests only read it."""
    out = shared_build(tmp_path_factory, "realism",
                       lambda folder: generate.generate(folder, generate.SCALES["demo"], seed=2022, as_of=[AS_OF]))
    assert (out / AS_OF.isoformat() / "manifest.json").is_file()
    return out / AS_OF.isoformat()


@pytest.fixture(scope="module")
def table(demo) -> pd.DataFrame:
    return realism.compare(demo)


@pytest.fixture(scope="module")
def raw(demo) -> dict[str, pd.DataFrame]:
    k = read_raw_table(demo, "keluarga")
    return {"keluarga": k[k["hasil_kunjungan"].isin(["ditemukan", "baru"])], "anggota": read_raw_table(demo, "anggota")}


def _row(table: pd.DataFrame, statistic: str, area: str = facts.PROVINCE_NAME) -> pd.Series:
    rows = table[(table["statistic"] == statistic) & (table["area"] == area)]
    assert len(rows) == 1, (statistic, area)
    return rows.iloc[0]


def test_every_target_and_regency_has_a_row_with_a_source(table):
    for t in facts.TARGETS:
        row = _row(table, t.label)
        assert row["published"] == t.value and row["tolerance"] == t.tolerance
        assert row["source"] == ("asumsi / assumed" if t.source is None else row["source"])
        assert t.source is None or facts.SOURCES[t.source][0] in row["source"]
    poverty = table[table["statistic"] == "Penduduk miskin Maret 2022 (%)"]
    assert len(poverty) == facts.KABKOTA_COUNT == len(facts.POVERTY_RATE_PUBLISHED) + len(facts.POVERTY_RATE_ASSUMED)
    assert not set(facts.POVERTY_RATE_PUBLISHED) & set(facts.POVERTY_RATE_ASSUMED)
    assert set(facts.POVERTY_RATE_SOURCE) == set(facts.POVERTY_RATE_PUBLISHED)
    assert set(facts.POVERTY_RATE_SOURCE.values()) <= set(facts.SOURCES)


@pytest.mark.parametrize("target", facts.TARGETS, ids=lambda t: t.key)
def test_province_statistic_within_tolerance_of_published(table, target):
    row = _row(table, target.label)
    assert abs(row["generated"] - target.value) <= target.tolerance, (target.key, row["generated"], target.value)
    assert bool(row["within"])


def test_poverty_ranks_and_rates_of_the_38_regencies(table):
    row = _row(table, "Peringkat kemiskinan 38 kab/kota (Spearman)")
    assert row["generated"] >= facts.POVERTY_RANK_MIN_SPEARMAN
    poverty = table[table["statistic"] == "Penduduk miskin Maret 2022 (%)"]
    assert (poverty["difference"].abs() <= realism.POVERTY_TOLERANCE).all(), poverty[~poverty["within"]]
    # Madura and Probolinggo poorest, the big cities least poor, as published.
    by_area = poverty.set_index("area")["generated"]
    assert by_area[["Kab. Sampang", "Kab. Bangkalan"]].min() > 3 * by_area[["Kota Surabaya", "Kota Batu"]].max()


def test_province_numbers_equal_an_independent_computation(table, raw):
    k, a = raw["keluarga"], raw["anggota"]
    expected = {
        "age_0_14": (a["umur"] < 15).mean() * 100,
        "age_15_64": ((a["umur"] >= 15) & (a["umur"] < 65)).mean() * 100,
        "age_60_plus": (a["umur"] > 59).mean() * 100,
        "sex_ratio": (a["jenis_kelamin"] == "L").sum() / (a["jenis_kelamin"] == "P").sum() * 100,
        "aps_16_18": (a.loc[a["umur"].isin([16, 17, 18]), "partisipasi_sekolah"] == "masih_sekolah").mean() * 100,
        "aps_7_12": (a.loc[a["umur"].isin(range(7, 13)), "partisipasi_sekolah"] == "masih_sekolah").mean() * 100,
        "fuel_firewood": (k["bahan_bakar_masak"] == "kayu_bakar").mean() * 100,
        "fuel_lpg": k["bahan_bakar_masak"].str.startswith("lpg").mean() * 100,
        "family_size": len(a) / len(k),
        "female_head": (k["jk_kepala"] == "P").mean() * 100,
        "disability": a["disabilitas"].mean() * 100,
        "pkh": k["terima_pkh"].mean() * 100,
        "bpnt": k["terima_bpnt"].mean() * 100,
    }
    for key, value in expected.items():
        row = _row(table, facts.TARGETS_BY_KEY[key].label)
        assert row["generated"] == pytest.approx(value, abs=1e-9), key
        assert row["difference"] == pytest.approx(value - facts.TARGETS_BY_KEY[key].value, abs=1e-9), key


def test_regency_poverty_equals_an_independent_computation(table, demo):
    k = read_raw_table(demo, "keluarga").dropna(subset=["skor_pmt"])
    # Persons sorted by their family's PMT score; the poorest 10.38% are poor.
    persons = k.loc[k.index.repeat(k["jumlah_art"].astype(int)), ["kab_code", "skor_pmt"]]
    persons = persons.sort_values("skor_pmt", kind="stable").reset_index(drop=True)
    line_rank = int(np.floor(len(persons) * facts.POVERTY_RATE_PROVINCE / 100.0))
    persons["poor"] = persons.index < line_rank
    expected = persons.groupby("kab_code")["poor"].mean() * 100
    names = reference.kab_names()
    for code in ("3527", "3578", "3512", "3572"):
        row = _row(table, "Penduduk miskin Maret 2022 (%)", names[code])
        # Ties at the line and families straddling it move a regency by a few persons at most.
        assert row["generated"] == pytest.approx(expected[code], abs=0.2), code
        assert row["published"] == facts.poverty_rate(code)


def test_realism_command_prints_the_table(demo, capsys):
    assert cli.main(["realism", str(demo)]) == 0
    out = capsys.readouterr().out
    assert "Angka partisipasi sekolah 16-18" in out and "Kota Surabaya" in out and "within tolerance" in out
