"""Write synthetic Regsosek snapshots, one folder per as-of date.

The whole operation is simulated once, to the end of processing; a snapshot as of
D then shows only what had happened by D, so snapshots of different dates agree.
Regencies are generated one at a time (bounded memory); a second pass ranks
families into province-wide desil and writes the family tables.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from regsosek import __version__, contract, facts, reference
from regsosek.synth import field, people, plan, welfare

Progress = Callable[[float, str], None]

SCALES = {"demo": 0.01, "full": 1.0}
# Up to this many families the regencies' final states stay in memory between the two passes;
# above it (full scale) each is spilled to a temporary file, so memory stays bounded.
IN_MEMORY_FAMILIES = 2_000_000
# Parquet encoding releases the GIL: files are written by two threads while the next regency is simulated.
WRITERS = 2
_EPOCH = date(1970, 1, 1)
_START = (facts.CAMPAIGN_START - _EPOCH).days
_OUTCOMES = np.array(facts.OUTCOMES, dtype=object)


@dataclass
class _Regency:
    """Final state of one regency, before desil and as-of masking."""

    families: pa.Table  # contract columns except desil, plus _visit/_stage day ints
    persons: pa.Table  # contract columns, plus _visit day
    scores: np.ndarray  # skor_pmt of families ever entered (NaN otherwise)
    officers: pa.Table
    sls: pa.Table


def _str_ids(prefix: pa.Array, number: np.ndarray, width: int) -> pa.Array:
    digits = pc.utf8_lpad(pc.cast(pa.array(number), pa.string()), width, "0")
    return pc.binary_join_element_wise(prefix, digits, "")


def _days_to_date(days: np.ndarray) -> pa.Array:
    """Campaign day offsets (-1 = none) to a date32 array with nulls."""
    mask = days < 0
    return pa.array((days.astype(np.int32) + _START), type=pa.int32(), mask=mask).cast(pa.date32())


def _simulate_regency(rp: plan.RegencyPlan, kab_index: int, seed: int,
                      desa_points: dict[str, tuple[float, float]]) -> _Regency:
    rng = np.random.default_rng([seed, 2, kab_index])
    code = rp.kab_code
    kota = facts.is_kota(code)
    sls = rp.sls
    n_sls = len(sls)

    # Families per SLS: prelisted ones first, new ones (not on VK1) numbered from 500.
    n_fam_sls = sls["n_families"].to_numpy()
    n_new_sls = rng.binomial(n_fam_sls, field.NEW_FAMILY_SHARE["kota" if kota else "kab"])
    n_new_sls = np.minimum(n_new_sls, n_fam_sls - 1)
    fam_sls = np.repeat(np.arange(n_sls), n_fam_sls)
    n = len(fam_sls)
    sls_first = np.concatenate([[0], np.cumsum(n_fam_sls)[:-1]])
    pos = np.arange(n) - sls_first[fam_sls]
    n_pre_f = (n_fam_sls - n_new_sls)[fam_sls]
    prelist = pos < n_pre_f
    seq = np.where(prelist, pos + 1, 500 + pos - n_pre_f)
    # Visiting order within an SLS is the walking order, not the prelist order.
    walk = np.lexsort((rng.random(n), fam_sls))
    fam_sls, prelist, seq = fam_sls[walk], prelist[walk], seq[walk]

    sls_ids = pa.array(sls["sls_id"].to_numpy(), pa.string())
    keluarga_id = _str_ids(sls_ids.take(pa.array(fam_sls)), seq, 3)
    desa_codes = sls["desa_code"].to_numpy()[fam_sls]
    kec_codes = sls["kec_code"].to_numpy()[fam_sls]
    ppl_codes = sls["ppl_id"].to_numpy()
    ppl_ids, ppl_of_sls = np.unique(ppl_codes, return_inverse=True)
    family_ppl = ppl_of_sls[fam_sls]
    officers = rp.officers
    ppl_rows = officers[officers["peran"] == "PPL"].set_index("petugas_id").loc[ppl_ids]
    pml_ids, ppl_pml = np.unique(ppl_rows["supervisor_id"].to_numpy(), return_inverse=True)

    work = field.simulate(rng, code, family_ppl, kec_codes, prelist, len(ppl_ids), ppl_pml, len(pml_ids))
    visited = work.visit_day != field.NEVER
    interviewed = np.isin(work.outcome, [facts.OUTCOMES.index(o) for o in facts.INTERVIEWED_OUTCOMES])

    # Heads of all families (known from the prelist or the visit).
    head_female = rng.random(n) < people.FEMALE_HEAD_SHARE
    head_age = people.head_ages(rng, n)

    # Household size of interviewed families: the regency's mean family size (poorer
    # families a little larger). Families that moved, died out or were not found
    # have no members, so the enumerated persons fall short of the population.
    kec_u, kec_idx = np.unique(kec_codes, return_inverse=True)
    desa_u, desa_idx = np.unique(desa_codes, return_inverse=True)
    w = welfare.latent(rng, code, kec_idx, desa_idx, len(kec_u), len(desa_u))
    lam = facts.mean_family_size(code) - 1.0
    tilt = np.exp(-0.12 * w)
    size = 1 + rng.poisson(lam * tilt / tilt[interviewed].mean() if interviewed.any() else lam)
    size = np.minimum(size, 12)
    big = rng.random(n) < 0.0002
    size[big] = rng.integers(16, 21, big.sum())
    single = size == 1
    head_female[single] = rng.random(single.sum()) < 0.45
    head_age[single] = np.clip(head_age[single] + rng.integers(0, 20, single.sum()), 18, 97)

    idx_int = np.flatnonzero(interviewed)
    mem = people.members(rng, size[idx_int], head_age[idx_int], head_female[idx_int], w[idx_int])
    mem_family = idx_int[mem["family"]]
    # Persons carrying a NIK: all members of interviewed families + heads of the others.
    idx_other = np.flatnonzero(~interviewed)
    all_kec = np.concatenate([kec_codes[mem_family], kec_codes[idx_other]])
    all_female = np.concatenate([mem["female"], head_female[idx_other]])
    all_age = np.concatenate([mem["age"], head_age[idx_other]])
    all_birth = people.birth_dates(rng, all_age)
    all_nik = people.nik(all_kec, all_birth, all_female)
    all_names = people.names(rng, all_female)
    n_mem = len(mem_family)
    mem_nik = all_nik[:n_mem].copy()
    # A few people are registered in two families (a data-quality case, not a contract error).
    dup = np.flatnonzero((mem["no_urut"] > 2) & (rng.random(n_mem) < 0.0003))
    if len(dup) and n_mem > 10:
        mem_nik[dup] = mem_nik[rng.integers(0, n_mem, len(dup))]
    mem_nik[mem["no_urut"] == 1] = all_nik[:n_mem][mem["no_urut"] == 1]

    head_nik = np.empty(n, dtype=np.int64)
    head_rows = np.flatnonzero(mem["no_urut"] == 1)
    head_nik[mem_family[head_rows]] = mem_nik[head_rows]
    head_name_idx = np.empty(n, dtype=np.int64)
    head_name_idx[mem_family[head_rows]] = head_rows
    head_name_idx[idx_other] = n_mem + np.arange(len(idx_other))
    head_nik[idx_other] = all_nik[n_mem:]
    head_name = all_names.take(pa.array(head_name_idx))

    # Observations, programmes and PMT for interviewed families.
    obs = welfare.observe(rng, code, w[idx_int], size[idx_int])
    workers = np.bincount(mem["family"], weights=(mem["work"] == "bekerja"), minlength=len(idx_int)) > 0
    progs = welfare.programmes(rng, code, w[idx_int], obs, workers)
    head_school = mem["schooling_level"][head_rows]
    score_int = welfare.pmt_score(obs, size[idx_int].astype(float), head_school.astype(float))

    # Geotags near the desa point; a few far off (a data-quality case).
    lat0 = np.array([desa_points[d][0] for d in desa_codes])
    lon0 = np.array([desa_points[d][1] for d in desa_codes])
    spread = 0.012 if not kota else 0.006
    lat = lat0 + rng.normal(0, spread, n)
    lon = lon0 + rng.normal(0, spread, n)
    far = rng.random(n) < 0.002
    lat[far] += rng.choice([-1, 1], far.sum()) * rng.uniform(0.08, 0.25, far.sum())
    lon[far] += rng.choice([-1, 1], far.sum()) * rng.uniform(0.08, 0.25, far.sum())
    lat, lon = np.clip(lat, -8.85, -5.05), np.clip(lon, 110.85, 116.25)

    def on_interviewed(values: np.ndarray, dtype: pa.DataType) -> pa.Array:
        full = np.zeros(n, dtype=values.dtype) if values.dtype != object else np.full(n, None, dtype=object)
        full[idx_int] = values
        return pa.array(full, type=dtype, mask=~interviewed)

    stage = work.stage_days
    cols: dict[str, pa.Array] = {
        "keluarga_id": keluarga_id,
        "kec_code": pa.array(kec_codes, pa.string()),
        "desa_code": pa.array(desa_codes, pa.string()),
        "sls_id": sls_ids.take(pa.array(fam_sls)),
        "rt": pa.array(sls["rt"].to_numpy()[fam_sls], pa.int16()),
        "rw": pa.array(sls["rw"].to_numpy()[fam_sls], pa.int16()),
        "ppl_id": pa.array(ppl_codes[fam_sls], pa.string()),
        "prelist": pa.array(prelist),
        "hasil_kunjungan": pa.array(_OUTCOMES[np.maximum(work.outcome, 0)], pa.string(), mask=~visited),
        "tgl_kunjungan": _days_to_date(work.visit_day),
        "jam_kunjungan": pa.array(work.visit_seconds, pa.int32(), mask=~visited).cast(pa.time32("s")),
        "tgl_periksa_pml": _days_to_date(stage[:, 0]),
        "tgl_terima_bps": _days_to_date(stage[:, 1]),
        "tgl_entri": _days_to_date(stage[:, 2]),
        "tgl_validasi": _days_to_date(stage[:, 3]),
        "nama_kepala": head_name,
        "nik_kepala": pc.cast(pa.array(head_nik), pa.string()),
        "jk_kepala": pa.array(np.where(head_female, "P", "L"), pa.string()),
        "jumlah_art": on_interviewed(size[idx_int].astype(np.int16), pa.int16()),
        "lat": pa.array(np.round(lat, 6), mask=~visited),
        "lon": pa.array(np.round(lon, 6), mask=~visited),
    }
    for name in ("lantai", "dinding", "atap", "jamban", "air_minum", "penerangan", "bahan_bakar_masak"):
        cols[name] = on_interviewed(obs[name].astype(object), pa.string())
    cols["luas_lantai_m2"] = on_interviewed(obs["luas_lantai_m2"], pa.int16())
    cols["daya_listrik"] = on_interviewed(obs["daya_listrik"], pa.int16())
    for name in ("punya_motor", "punya_mobil", "punya_kulkas", "punya_ac", "punya_smartphone", "punya_lahan",
                 "punya_ternak", "usaha_rumah_tangga"):
        cols[name] = on_interviewed(obs[name], pa.bool_())
    for _, col, _ in facts.PROGRAMMES:
        cols[col] = on_interviewed(progs[col], pa.bool_())
    entered = interviewed & (stage[:, 2] != field.NEVER)
    score = np.full(n, np.nan)
    score[idx_int] = score_int
    score[~entered] = np.nan
    cols["skor_pmt"] = pa.array(score, mask=~entered)
    cols["_visit"] = pa.array(work.visit_day)
    cols["_new"] = pa.array(~prelist)
    for j, name in enumerate(("_pml", "_receipt", "_entry", "_validation")):
        cols[name] = pa.array(stage[:, j])
    families = pa.table(cols)

    persons = pa.table({
        "keluarga_id": keluarga_id.take(pa.array(mem_family)),
        "no_urut": pa.array(mem["no_urut"], pa.int8()),
        "nik": pc.cast(pa.array(mem_nik), pa.string()),
        "nama": all_names.slice(0, n_mem),
        "hubungan": pa.array(mem["relation"], pa.string()),
        "jenis_kelamin": pa.array(np.where(mem["female"], "P", "L"), pa.string()),
        "tgl_lahir": pa.array(all_birth[:n_mem], pa.int32()).cast(pa.date32()),
        "umur": pa.array(mem["age"], pa.int8()),
        "pendidikan": pa.array(mem["schooling"], pa.string()),
        "partisipasi_sekolah": pa.array(mem["enrolment"], pa.string()),
        "status_kerja": pa.array(mem["work"], pa.string()),
        "disabilitas": pa.array(mem["disability"]),
        "_visit": pa.array(work.visit_day[mem_family]),
    })

    ppl_index = {p: i for i, p in enumerate(ppl_ids)}
    dropout = np.full(len(officers), field.NEVER, dtype=np.int16)
    for row, pid in enumerate(officers["petugas_id"]):
        i = ppl_index.get(pid)
        if i is not None:
            dropout[row] = work.ppl_dropout_day[i]
    officer_table = pa.table({
        "petugas_id": pa.array(officers["petugas_id"].to_numpy(), pa.string()),
        "peran": pa.array(officers["peran"].to_numpy(), pa.string()),
        "kab_code": pa.array(officers["kab_code"].to_numpy(), pa.string()),
        "kec_code": pa.array(officers["kec_code"].to_numpy(), pa.string()),
        "supervisor_id": pa.array(officers["supervisor_id"].to_numpy(), pa.string()),
        "nama": people.names(rng, rng.random(len(officers)) < 0.45),
        "_dropout": pa.array(dropout),
    })
    prelist_per_sls = np.bincount(fam_sls[prelist], minlength=n_sls).astype(np.int32)
    sls_table = pa.table({
        "sls_id": sls_ids,
        "kab_code": pa.array(sls["kab_code"].to_numpy(), pa.string()),
        "kec_code": pa.array(sls["kec_code"].to_numpy(), pa.string()),
        "desa_code": pa.array(sls["desa_code"].to_numpy(), pa.string()),
        "rt": pa.array(sls["rt"].to_numpy(), pa.int16()),
        "rw": pa.array(sls["rw"].to_numpy(), pa.int16()),
        "ppl_id": pa.array(ppl_codes, pa.string()),
        "jumlah_prelist": pa.array(prelist_per_sls),
    })
    return _Regency(families=families, persons=persons, scores=score, officers=officer_table, sls=sls_table)


def _upto(day_col: pa.Array, cutoff: int) -> pa.Array:
    """True where an event happened by the as-of day (day offset >= 0 and <= cutoff)."""
    return pc.and_(pc.greater_equal(day_col, 0), pc.less_equal(day_col, cutoff))


def _kept(fam: pa.Table, cutoff: int) -> np.ndarray:
    """Rows a snapshot as of the cutoff holds: prelisted families, and new ones once visited."""
    visit = fam["_visit"].to_numpy()
    return ~fam["_new"].to_numpy() | ((visit >= 0) & (visit <= cutoff))


def _kept_per_regency(scores: list[np.ndarray], province: pa.Table, cutoff: int) -> np.ndarray:
    """Rows each regency keeps as of the cutoff, for regencies stacked in order (len(scores[i]) rows each)."""
    regency = np.repeat(np.arange(len(scores)), [len(sc) for sc in scores])
    return np.bincount(regency, weights=_kept(province, cutoff), minlength=len(scores)).astype(np.int64)


def _split(table: pa.Table, rows: np.ndarray) -> list[pa.Table]:
    offsets = np.cumsum(np.concatenate([[0], rows]))
    return [table.slice(int(a), int(b - a)) for a, b in zip(offsets[:-1], offsets[1:])]


def _families_as_of(fam: pa.Table, desil: pa.Array, cutoff: int) -> pa.Table:
    fam = fam.append_column("desil", desil).filter(pa.array(_kept(fam, cutoff)))
    seen = _upto(fam["_visit"], cutoff)
    interviewed_now = pc.and_(seen, pc.is_in(fam["hasil_kunjungan"], pa.array(facts.INTERVIEWED_OUTCOMES)))
    entered_now = _upto(fam["_entry"], cutoff)

    status = pa.array([facts.STATUS_NOT_VISITED] * fam.num_rows, pa.string())
    for (name, _), day_col in zip(facts.STAGES, ("_visit", "_pml", "_receipt", "_entry", "_validation")):
        status = pc.if_else(_upto(fam[day_col], cutoff), name, status)

    out = {}
    visit_cols = {"hasil_kunjungan", "tgl_kunjungan", "jam_kunjungan", "lat", "lon"}
    stage_cols = {"tgl_periksa_pml": "_pml", "tgl_terima_bps": "_receipt", "tgl_entri": "_entry",
                  "tgl_validasi": "_validation"}
    interview_cols = {c.name for c in contract.KELUARGA.columns[contract.KELUARGA.names.index("jumlah_art"):]
                      if c.name not in ("lat", "lon", "skor_pmt", "desil")}
    for col in contract.KELUARGA.names:
        if col == "kab_code":
            continue
        if col == "status_dokumen":
            out[col] = status
            continue
        values = fam[col]
        if col in visit_cols:
            values = pc.if_else(seen, values, pa.scalar(None, values.type))
        elif col in stage_cols:
            values = pc.if_else(_upto(fam[stage_cols[col]], cutoff), values, pa.scalar(None, values.type))
        elif col in interview_cols:
            values = pc.if_else(interviewed_now, values, pa.scalar(None, values.type))
        elif col in ("skor_pmt", "desil"):
            values = pc.if_else(entered_now, values, pa.scalar(None, values.type))
        out[col] = values
    return pa.table(out, schema=contract.arrow_schema(contract.KELUARGA))


def _write(table: pa.Table, path: Path) -> dict:
    """Write one snapshot file; returns its manifest entry (checksum, bytes, rows), hashed from the
    written bytes so the manifest needs no second read of the file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd", compression_level=1, row_group_size=256_000)
    data = sink.getvalue()
    path.write_bytes(data)
    return {"sha256": hashlib.sha256(data).hexdigest(), "bytes": data.size, "rows": table.num_rows}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_manifest(folder: Path, as_of: date, scale: float, provenance: dict,
                   written: dict[str, dict] | None = None) -> dict:
    """Describe every Parquet file of the folder; `written` holds entries already known (by relative
    path, from _write), the other files are read."""
    known = written or {}
    files = {}
    counts = {t.name: 0 for t in contract.TABLES}
    for path in sorted(folder.rglob("*.parquet")):
        rel = path.relative_to(folder).as_posix()
        entry = known.get(rel)
        if entry is None:
            entry = {"sha256": _sha256(path), "bytes": path.stat().st_size,
                     "rows": pq.ParquetFile(path).metadata.num_rows}
        files[rel] = entry
        counts[rel.split("/")[0].removesuffix(".parquet")] += entry["rows"]
    manifest = {
        "schema_version": contract.SCHEMA_VERSION,
        "as_of": as_of.isoformat(),
        "scale": scale,
        "workforce_full": facts.WORKFORCE_TOTAL,
        "row_counts": counts,
        "files": files,
        "provenance": provenance,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    return manifest


def generate(out: Path, scale: float, seed: int, as_of: list[date], progress: Progress | None = None,
             on_snapshot: Callable[[Path], None] | None = None) -> list[Path]:
    """Write one snapshot folder per as-of date under `out`; returns the folders. `on_snapshot` is
    called with each folder, oldest first, as soon as it is complete (the others are still being written)."""
    report = progress or (lambda _f, _m: None)
    as_of = sorted(set(as_of))
    for d in as_of:
        if not facts.CAMPAIGN_START <= d <= facts.PROCESSING_END:
            raise ValueError(f"as-of date {d} outside {facts.CAMPAIGN_START} .. {facts.PROCESSING_END}")
    cutoffs = {d: (d - facts.CAMPAIGN_START).days for d in as_of}
    folders = {d: out / d.isoformat() for d in as_of}
    for folder in folders.values():
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    started = time.monotonic()
    report(0.0, "Menyusun rencana lapangan / planning the field organisation")
    pplan = plan.build_plan(scale, seed)
    desa = reference.desa()
    desa_points = dict(zip(desa["desa_code"], zip(desa["lat"], desa["lon"])))
    kab_names = reference.kab_names()
    n_kab = len(pplan.regencies)

    keep_in_memory = sum(pplan.families_target.values()) <= IN_MEMORY_FAMILIES
    written: dict[date, dict[str, dict]] = {d: {} for d in as_of}

    with tempfile.TemporaryDirectory(dir=out) as tmp, ThreadPoolExecutor(WRITERS) as pool:
        tmpdir = Path(tmp)
        in_flight: list[tuple[date, str, Future]] = []

        def write(d: date, rel: str, table: pa.Table) -> None:
            in_flight.append((d, rel, pool.submit(_write, table, folders[d] / rel)))

        def settle(keep: int = 0) -> None:
            """Wait for all but the last `keep` writes (bounded memory: at most one regency in flight)."""
            while len(in_flight) > keep:
                d, rel, future = in_flight.pop(0)
                written[d][rel] = future.result()

        scores, officers, sls, families = [], [], [], []
        for i, rp in enumerate(pplan.regencies):
            reg = _simulate_regency(rp, i, seed, desa_points)
            settle()
            if keep_in_memory:
                families.append(reg.families)
            else:
                pq.write_table(reg.families, tmpdir / f"{rp.kab_code}.parquet", compression="lz4")
            for d, cutoff in cutoffs.items():
                persons = reg.persons.filter(_upto(reg.persons["_visit"], cutoff)).drop_columns(["_visit"])
                write(d, f"anggota/kab_code={rp.kab_code}/part-0.parquet",
                      persons.cast(contract.arrow_schema(contract.ANGGOTA)))
            scores.append(reg.scores)
            officers.append(reg.officers)
            sls.append(reg.sls)
            report(0.8 * (i + 1) / n_kab, f"[{i + 1}/{n_kab}] {kab_names[rp.kab_code]}: "
                   f"{reg.families.num_rows:,} keluarga, {reg.persons.num_rows:,} anggota "
                   f"({time.monotonic() - started:.0f} s)")

        # Desil: rank of the PMT score across the province among families ever entered;
        # ties broken by a seeded random key so each desil holds 10% exactly.
        all_scores = np.concatenate(scores)
        has = ~np.isnan(all_scores)
        tiebreak = np.random.default_rng([seed, 3]).random(len(all_scores))
        order = np.lexsort((tiebreak[has], all_scores[has]))
        rank = np.empty(has.sum(), dtype=np.int64)
        rank[order] = np.arange(has.sum())
        desil_all = np.zeros(len(all_scores), dtype=np.int8)
        desil_all[has] = (rank * 10 // max(has.sum(), 1) + 1).astype(np.int8)
        # Snapshot by snapshot, so each folder is whole (manifest written) as early as possible.
        bounds = np.cumsum([0] + [len(sc) for sc in scores])
        desils = [pa.array(desil_all[bounds[i]:bounds[i + 1]], pa.int8(), mask=np.isnan(sc))
                  for i, sc in enumerate(scores)]
        officer_all = pa.concat_tables(officers)
        sls_all = pa.concat_tables(sls)
        provenance = {"generator": f"regsosek.synth {__version__}", "seed": seed, "scale": scale,
                      "mean_family_size": {c: facts.mean_family_size(c) for c in pplan.families_target},
                      "poverty_rate": {c: facts.poverty_rate(c) for c in pplan.families_target},
                      "workforce": vars(pplan.workforce)}
        if keep_in_memory:  # one pass over the province per snapshot instead of one per regency
            province, province_desil = pa.concat_tables(families), pa.chunked_array(desils).combine_chunks()
            del families
        for j, (d, cutoff) in enumerate(cutoffs.items()):
            if keep_in_memory:
                parts = _split(_families_as_of(province, province_desil, cutoff), _kept_per_regency(scores, province,
                                                                                                      cutoff))
            for i, rp in enumerate(pplan.regencies):
                if keep_in_memory:
                    table = parts[i]
                else:
                    fam = pq.read_table(tmpdir / f"{rp.kab_code}.parquet")
                    table = _families_as_of(fam, desils[i], cutoff)
                settle(WRITERS - 1)
                write(d, f"keluarga/kab_code={rp.kab_code}/part-0.parquet", table)
                report(0.8 + 0.2 * (j * n_kab + i + 1) / (len(cutoffs) * n_kab),
                       f"desil & keluarga {d}: {kab_names[rp.kab_code]}")
            drop = officer_all["_dropout"]
            table = officer_all.drop_columns(["_dropout"]).append_column(
                "tgl_berhenti", pc.if_else(_upto(drop, cutoff), _days_to_date(drop.to_numpy()), None))
            write(d, "petugas.parquet", table.cast(contract.arrow_schema(contract.PETUGAS)))
            write(d, "sls.parquet", sls_all.cast(contract.arrow_schema(contract.SLS)))
            settle()
            # No wall-clock time in the manifest: same seed, same bytes (ingest records when it published).
            write_manifest(folders[d], d, scale, provenance, written[d])
            if on_snapshot is not None:
                on_snapshot(folders[d])
    report(1.0, f"Selesai / done in {time.monotonic() - started:.1f} s: {', '.join(str(f) for f in folders.values())}")
    return list(folders.values())
