"""The generator writes snapshots that look like the real operation and keep the contract."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from regsosek import contract, facts, reference, validate
from regsosek.synth import generate, plan
from tests.building import shared_build

SCALE = 0.002
AS_OF = [date(2022, 10, 28), date(2022, 11, 14), date(2022, 12, 31)]


def _read(folder: Path, table: str) -> pd.DataFrame:
    if contract.TABLES_BY_NAME[table].partitioned_by_kab:
        parts = []
        for part in sorted((folder / table).glob("kab_code=*/*.parquet")):
            df = pq.read_table(part).to_pandas()
            df["kab_code"] = part.parent.name.split("=")[1]
            parts.append(df)
        return pd.concat(parts, ignore_index=True)
    return pq.read_table(folder / f"{table}.parquet").to_pandas()


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory) -> dict[date, Path]:
    """Generated once per run for all workers (tests/building.py); the tests only read them."""
    out = shared_build(tmp_path_factory, "synth", lambda folder: generate.generate(folder, SCALE, seed=11, as_of=AS_OF))
    folders = [out / d.isoformat() for d in AS_OF]
    assert all((folder / "manifest.json").is_file() for folder in folders)
    return dict(zip(AS_OF, folders))


@pytest.fixture(scope="module")
def final(snapshots) -> dict[str, pd.DataFrame]:
    return {t.name: _read(snapshots[AS_OF[-1]], t.name) for t in contract.TABLES}


def test_full_scale_workforce_is_exactly_67350_with_documented_split():
    p = plan.build_plan(1.0, seed=3)
    officers = pd.concat([r.officers for r in p.regencies])
    assert len(officers) == facts.WORKFORCE_TOTAL == 67_350
    roles = officers["peran"].value_counts().to_dict()
    assert roles == {"PPL": 53_347, "PML": 13_337, "KOSEKA": 666}
    koseka = officers[officers["peran"] == "KOSEKA"]
    assert set(koseka["kec_code"]) == set(reference.kecamatan()["kec_code"])  # a Koseka in every kecamatan
    ppl_per_pml = officers[officers["peran"] == "PPL"].groupby("supervisor_id").size()
    assert ppl_per_pml.between(3, 5).all()
    sls = pd.concat([r.sls for r in p.regencies])
    per_ppl = sls.groupby("ppl_id").agg(n_sls=("sls_id", "size"), families=("n_families", "sum"))
    assert per_ppl["n_sls"].between(3, 5).all()
    assert 225 <= per_ppl["families"].mean() <= 260
    assert 10_000_000 <= sls["n_families"].sum() <= 14_000_000


def test_scaled_snapshot_shrinks_workforce_in_proportion(snapshots, final):
    manifest = json.loads((snapshots[AS_OF[-1]] / "manifest.json").read_text())
    assert manifest["scale"] == SCALE and manifest["workforce_full"] == 67_350
    workforce = plan.workforce_for(SCALE)
    assert len(final["petugas"]) == workforce.total >= round(67_350 * SCALE)
    assert final["petugas"]["peran"].value_counts().to_dict() == {
        "PPL": workforce.ppl, "PML": workforce.pml, "KOSEKA": workforce.koseka}
    demo = plan.workforce_for(generate.SCALES["demo"])
    assert demo.total == round(67_350 * generate.SCALES["demo"])
    assert manifest["row_counts"]["petugas"] == len(final["petugas"])
    supervised = final["petugas"].dropna(subset=["supervisor_id"])
    assert set(supervised["supervisor_id"]) <= set(final["petugas"]["petugas_id"])


def test_codes_valid_against_reference_and_nested(final):
    desa = reference.desa().set_index("desa_code")
    for name in ("keluarga", "sls"):
        df = final[name]
        assert df["desa_code"].isin(desa.index).all()
        assert (desa.loc[df["desa_code"], "kec_code"].to_numpy() == df["kec_code"].to_numpy()).all()
        assert (df["kec_code"].str[:4] == df["kab_code"]).all()
    assert final["petugas"]["kec_code"].isin(reference.kecamatan()["kec_code"]).all()
    k = final["keluarga"]
    assert k["keluarga_id"].is_unique
    assert (k["keluarga_id"].str[:14] == k["sls_id"]).all()
    assert k["sls_id"].isin(final["sls"]["sls_id"]).all()
    assert k["ppl_id"].isin(final["petugas"].query("peran == 'PPL'")["petugas_id"]).all()


def test_dates_in_window_and_ordered_by_stage(snapshots):
    for as_of, folder in snapshots.items():
        k = _read(folder, "keluarga")
        visit = pd.to_datetime(k["tgl_kunjungan"])
        assert visit.dropna().between("2022-10-15", "2022-11-14").all()
        previous = visit
        for _, col in facts.STAGES[1:]:
            current = pd.to_datetime(k[col])
            assert (current.isna() | (current >= previous)).all(), col
            assert not (current.notna() & previous.isna()).any(), col
            assert current.dropna().le(pd.Timestamp(as_of)).all(), col
            previous = current
        assert set(k["status_dokumen"]) <= set(facts.STATUSES)
        assert ((k["status_dokumen"] == facts.STATUS_NOT_VISITED) == visit.isna()).all()


def test_desil_shares_are_ten_percent_each(final):
    shares = final["keluarga"]["desil"].dropna().value_counts(normalize=True)
    assert sorted(shares.index) == list(range(1, 11))
    assert ((shares - 0.10).abs() <= 0.005).all(), shares


def test_nik_format_matches_kecamatan_and_birth_date(final):
    everyone = final["anggota"]
    # A few NIKs appear in two families on purpose (a data-quality case for the pages).
    shared = everyone["nik"].duplicated(keep=False)
    assert 0 < shared.sum() <= 0.002 * len(everyone)
    a = everyone[~shared]
    k = final["keluarga"].set_index("keluarga_id")
    assert a["nik"].str.fullmatch(r"35\d{14}").all()
    assert (a["nik"].str[:6] == k.loc[a["keluarga_id"], "kec_code"].to_numpy()).all()
    born = pd.to_datetime(a["tgl_lahir"])
    day = born.dt.day + np.where(a["jenis_kelamin"] == "P", 40, 0)
    expected = day.map("{:02d}".format) + born.dt.month.map("{:02d}".format) + (born.dt.year % 100).map(
        "{:02d}".format)
    assert (a["nik"].str[6:12] == expected).all()
    heads = a[a["no_urut"] == 1].set_index("keluarga_id")
    assert (heads["nik"] == k.loc[heads.index, "nik_kepala"]).all()


def test_people_consistent_with_families(final):
    a, k = final["anggota"], final["keluarga"]
    born = pd.to_datetime(a["tgl_lahir"])
    ref = pd.Timestamp("2022-10-15")
    age = ref.year - born.dt.year - ((born.dt.month > ref.month) | ((born.dt.month == ref.month) &
                                                                  (born.dt.day > ref.day)))
    assert (age == a["umur"]).all()
    assert (a.groupby("keluarga_id")["hubungan"].apply(lambda s: (s == "kepala").sum()) == 1).all()
    interviewed = k[k["hasil_kunjungan"].isin(facts.INTERVIEWED_OUTCOMES)].set_index("keluarga_id")
    sizes = a.groupby("keluarga_id").size()
    assert (sizes.reindex(interviewed.index) == interviewed["jumlah_art"]).all()
    assert (a.loc[a["umur"] < 5, "partisipasi_sekolah"] == "belum_pernah").all()
    assert (a.loc[a["umur"] < 15, "status_kerja"] == "belum_usia_kerja").all()
    assert not ((a["status_kerja"] == "sekolah") & (a["partisipasi_sekolah"] != "masih_sekolah")).any()
    head_name = k.set_index("keluarga_id").loc[a.loc[a["no_urut"] == 1, "keluarga_id"], "nama_kepala"]
    assert (head_name.to_numpy() == a.loc[a["no_urut"] == 1, "nama"].to_numpy()).all()


def test_family_count_per_regency_matches_population(final):
    kab = reference.kabkota().set_index("kab_code")
    counts = final["keluarga"].groupby("kab_code").size()
    expected = pd.Series({c: kab.loc[c, "penduduk"] / facts.mean_family_size(c) * SCALE for c in kab.index})
    ratio = counts.reindex(expected.index) / expected
    assert ratio.between(0.95, 1.05).all(), ratio[~ratio.between(0.95, 1.05)]
    persons = len(final["anggota"]) / (kab["penduduk"].sum() * SCALE)
    assert 0.85 <= persons <= 1.02


def test_determinism_same_seed_same_bytes(tmp_path):
    a = generate.generate(tmp_path / "a", 0.001, seed=5, as_of=[date(2022, 11, 1)])[0]
    b = generate.generate(tmp_path / "b", 0.001, seed=5, as_of=[date(2022, 11, 1)])[0]
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files_a == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel
    c = generate.generate(tmp_path / "c", 0.001, seed=6, as_of=[date(2022, 11, 1)])[0]
    assert (a / "manifest.json").read_bytes() != (c / "manifest.json").read_bytes()


def test_folders_handed_over_whole_and_spilling_writes_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("REGSOSEK_DATA_DIR", str(tmp_path))
    as_of = [date(2022, 10, 28), date(2022, 11, 14)]
    handed = []

    def whole(folder: Path) -> None:  # called while later snapshots are still being written
        handed.append((folder.name, [p.rule for p in validate.validate(folder).problems]))

    in_memory = generate.generate(tmp_path / "memory", 0.001, seed=5, as_of=as_of, on_snapshot=whole)
    assert handed == [(d.isoformat(), []) for d in as_of]
    monkeypatch.setattr(generate, "IN_MEMORY_FAMILIES", 0)  # as at full scale: regencies spilled to files
    spilled = generate.generate(tmp_path / "spilled", 0.001, seed=5, as_of=as_of)
    for a, b in zip(in_memory, spilled):  # the manifest holds every file's checksum
        assert (a / "manifest.json").read_bytes() == (b / "manifest.json").read_bytes()


def test_as_of_snapshots_agree(snapshots):
    early = _read(snapshots[AS_OF[0]], "keluarga").set_index("keluarga_id")
    late = _read(snapshots[AS_OF[1]], "keluarga").set_index("keluarga_id")
    assert set(early.index) <= set(late.index)
    assert early["tgl_kunjungan"].notna().sum() < late["tgl_kunjungan"].notna().sum()
    seen = early[early["tgl_kunjungan"].notna()]
    for col in ("tgl_kunjungan", "hasil_kunjungan", "lat", "lantai", "terima_pkh", "nik_kepala"):
        left, right = seen[col], late.loc[seen.index, col]
        assert ((left == right) | left.isna()).all(), col
    assert (late.loc[early.index, "prelist"] == early["prelist"]).all()
    early_people = _read(snapshots[AS_OF[0]], "anggota")
    late_people = _read(snapshots[AS_OF[1]], "anggota")
    def keys(df: pd.DataFrame) -> set[str]:
        return set(df["nik"] + df["keluarga_id"])

    assert keys(early_people) <= keys(late_people)


def test_welfare_follows_regional_poverty(final):
    k = final["keluarga"].dropna(subset=["desil"])
    poor = k["desil"] <= 2
    madura = poor[k["kab_code"].isin(["3526", "3527", "3528", "3529"])].mean()
    cities = poor[k["kab_code"].isin(["3578", "3515", "3573"])].mean()
    assert madura > 1.8 * cities
    # Programmes follow need, with errors both ways.
    by_desil = k.groupby("desil")["terima_pkh"].mean()
    assert by_desil.loc[1] > 4 * by_desil.loc[10] > 0
    assert 0 < by_desil.loc[1] < 0.9


def test_daily_curve_ramps_and_dips_on_sundays(final):
    visits = pd.to_datetime(final["keluarga"]["tgl_kunjungan"]).dropna().value_counts().sort_index()
    assert visits.index.min() >= pd.Timestamp("2022-10-15")
    sundays = visits[visits.index.day_of_week == 6]
    weekdays = visits[(visits.index.day_of_week < 5) & (visits.index <= "2022-11-04")]
    assert sundays.mean() < 0.7 * weekdays.mean()
    assert visits.iloc[0] < visits.loc["2022-10-19"]  # slow first day
    share_done = final["keluarga"]["tgl_kunjungan"].notna().mean()
    assert 0.85 < share_done < 1.0  # a few areas are not finished on 14 Nov


def test_data_doc_lists_every_contract_column():
    doc = (Path(__file__).resolve().parent.parent / "docs" / "DATA.md").read_text(encoding="utf-8")
    for table in contract.TABLES:
        section = doc.split(f"### `{table.name}`", 1)[1].split("### ", 1)[0]
        for col in table.columns:
            assert f"| `{col.name}` | {col.type} |" in section, (table.name, col.name)
