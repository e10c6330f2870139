"""The field organisation: families per regency, SLS, and the officer hierarchy.

Families per regency come from its published population and a mean family size
(facts.MEAN_FAMILY_SIZE). The workforce is exactly 67,350 at full scale and shrinks
in proportion to families at smaller scales, so workloads stay realistic: a
scaled demo keeps SLS at their real size (about 60 families) and samples which
desa have one, instead of shrinking every SLS.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from regsosek import facts, reference


def largest_remainder(total: int, weights: np.ndarray, minimum: int = 0) -> np.ndarray:
    """Split an integer total in proportion to weights, exactly, each part >= minimum."""
    weights = np.asarray(weights, dtype=float)
    n = len(weights)
    base = np.full(n, minimum, dtype=np.int64)
    rest = total - base.sum()
    if rest < 0:
        raise ValueError("total smaller than the minimums")
    share = weights / weights.sum() * rest
    floor = np.floor(share).astype(np.int64)
    remainder = rest - floor.sum()
    order = np.argsort(-(share - floor), kind="stable")
    floor[order[:remainder]] += 1
    return base + floor


@dataclass
class Workforce:
    total: int
    koseka: int
    pml: int
    ppl: int


def workforce_for(scale: float) -> Workforce:
    """Officers by role. Every kab/kota keeps at least one of each role, so very small
    test scales (under about 0.6%) carry a few more officers than their share."""
    kab = facts.KABKOTA_COUNT
    total = round(facts.WORKFORCE_TOTAL * scale)
    koseka = facts.KECAMATAN_COUNT if scale >= 1.0 else max(kab, round(facts.KECAMATAN_COUNT * scale))
    pml = max(kab, round((total - koseka) / (facts.PPL_PER_PML + 1)))
    ppl = max(kab * facts.PPL_PER_PML, total - koseka - pml)
    return Workforce(total=koseka + pml + ppl, koseka=koseka, pml=pml, ppl=ppl)


@dataclass
class RegencyPlan:
    """Everything fixed before fieldwork for one kab/kota."""

    kab_code: str
    families: int
    sls: pd.DataFrame  # sls_id, kab_code, kec_code, desa_code, rt, rw, ppl_id, n_families
    officers: pd.DataFrame  # petugas_id, peran, kab_code, kec_code, supervisor_id


@dataclass
class ProvincePlan:
    scale: float
    seed: int
    workforce: Workforce
    regencies: list[RegencyPlan]
    families_target: dict[str, int]  # kab -> families (rows in keluarga)


def _families_per_kab(scale: float) -> dict[str, int]:
    kab = reference.kabkota()
    return {
        code: max(60, round(pop / facts.mean_family_size(code) * scale))
        for code, pop in zip(kab["kab_code"], kab["penduduk"])
    }


def build_plan(scale: float, seed: int) -> ProvincePlan:
    kab = reference.kabkota()
    kec = reference.kecamatan()
    desa = reference.desa()
    families = _families_per_kab(scale)
    codes = list(kab["kab_code"])
    fam = np.array([families[c] for c in codes])
    wf = workforce_for(scale)
    kec_count = kec.groupby("kab_code").size().reindex(codes).to_numpy()

    ppl_k = largest_remainder(wf.ppl, fam, minimum=1)
    pml_k = largest_remainder(wf.pml, ppl_k, minimum=1)
    koseka_k = kec_count if scale >= 1.0 else largest_remainder(wf.koseka, kec_count, minimum=1)

    regencies = []
    for i, code in enumerate(codes):
        rng = np.random.default_rng([seed, 1, i])
        regencies.append(_plan_regency(code, families[code], int(ppl_k[i]), int(pml_k[i]), int(koseka_k[i]),
                                       kec[kec["kab_code"] == code], desa[desa["kab_code"] == code], rng))
    return ProvincePlan(scale=scale, seed=seed, workforce=wf, regencies=regencies, families_target=families)


def _plan_regency(code: str, families: int, n_ppl: int, n_pml: int, n_koseka: int,
                  kec: pd.DataFrame, desa: pd.DataFrame, rng: np.random.Generator) -> RegencyPlan:
    # SLS: each PPL takes 3-5 SLS (4 on average); SLS land in desa by a skewed weight.
    sls_per_ppl = rng.choice([3, 4, 5], size=n_ppl, p=[0.25, 0.5, 0.25])
    n_sls = int(sls_per_ppl.sum())
    kec_weight = rng.lognormal(0.0, 0.35, size=len(kec))
    desa_weight = rng.lognormal(0.0, 0.5, size=len(desa)) * pd.Series(kec_weight, index=kec["kec_code"].values)[
        desa["kec_code"].values].to_numpy()
    sls_in_desa = rng.multinomial(n_sls, desa_weight / desa_weight.sum())
    desa_codes = np.repeat(desa["desa_code"].to_numpy(), sls_in_desa)
    seq = np.concatenate([np.arange(1, n + 1) for n in sls_in_desa if n > 0]) if n_sls else np.array([], int)
    rt = (seq - 1) % 12 + 1
    rw = (seq - 1) // 12 + 1
    sls = pd.DataFrame({
        "sls_id": [f"{d}{s:04d}" for d, s in zip(desa_codes, seq)],
        "kab_code": code,
        "kec_code": [d[:6] for d in desa_codes],
        "desa_code": desa_codes,
        "rt": rt.astype(np.int16),
        "rw": rw.astype(np.int16),
    })
    # Families per SLS around the regency mean (about 60), at least 5.
    size_weight = rng.gamma(8.0, 1.0, size=n_sls)
    sls["n_families"] = largest_remainder(families, size_weight, minimum=min(5, families // max(n_sls, 1)))

    # PPL take consecutive SLS (neighbouring RT); a PPL's kecamatan is that of its first SLS.
    ppl_ids = [f"{code}-PPL-{n:05d}" for n in range(1, n_ppl + 1)]
    sls["ppl_id"] = np.repeat(ppl_ids, sls_per_ppl)
    first_sls = np.concatenate([[0], np.cumsum(sls_per_ppl)[:-1]])
    ppl_kec = sls["kec_code"].to_numpy()[first_sls]

    # PML supervise consecutive PPL (about four); Koseka cover consecutive kecamatan.
    ppl_per_pml = largest_remainder(n_ppl, np.ones(n_pml), minimum=1) if n_pml <= n_ppl else np.ones(n_pml, int)
    pml_ids = [f"{code}-PML-{n:05d}" for n in range(1, n_pml + 1)]
    ppl_supervisor = np.repeat(pml_ids, ppl_per_pml)[:n_ppl]
    first_ppl = np.minimum(np.concatenate([[0], np.cumsum(ppl_per_pml)[:-1]]), n_ppl - 1)
    pml_kec = ppl_kec[first_ppl]

    kec_codes = kec["kec_code"].to_numpy()
    koseka_of_kec_idx = np.repeat(np.arange(n_koseka), largest_remainder(len(kec_codes), np.ones(n_koseka), 1))
    koseka_ids = [f"{code}-KOSEKA-{n:05d}" for n in range(1, n_koseka + 1)]
    koseka_by_kec = dict(zip(kec_codes, np.array(koseka_ids)[koseka_of_kec_idx]))
    koseka_kec = [kec_codes[np.argmax(koseka_of_kec_idx == k)] for k in range(n_koseka)]

    officers = pd.concat([
        pd.DataFrame({"petugas_id": koseka_ids, "peran": "KOSEKA", "kec_code": koseka_kec, "supervisor_id": None}),
        pd.DataFrame({"petugas_id": pml_ids, "peran": "PML", "kec_code": pml_kec,
                      "supervisor_id": [koseka_by_kec[k] for k in pml_kec]}),
        pd.DataFrame({"petugas_id": ppl_ids, "peran": "PPL", "kec_code": ppl_kec, "supervisor_id": ppl_supervisor}),
    ], ignore_index=True)
    officers.insert(2, "kab_code", code)
    return RegencyPlan(kab_code=code, families=families, sls=sls, officers=officers)
