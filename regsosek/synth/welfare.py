"""Latent welfare, what an enumerator observes of it, the PMT score, and programme receipt.

A family's latent welfare w ~ Normal(mu_kab + kecamatan + desa effects, 1), where
mu_kab is set so that P(w < 0) matches the regency's poverty rate (facts.poverty_rate):
w < 0 is "poor". Housing, sanitation, water, energy and assets are drawn from w
with noise; the PMT score is a fixed linear model of those observations only, so it
ranks families imperfectly, as a real PMT does. Programmes follow an older, noisier
view of welfare, with regency-specific targeting quality: this is where inclusion and
exclusion errors come from.
"""

from __future__ import annotations

from functools import cache
from statistics import NormalDist

import numpy as np

from regsosek import facts, reference

_KEC_SD, _DESA_SD = 0.30, 0.20
_TOTAL_SD = float(np.sqrt(1.0 + _KEC_SD**2 + _DESA_SD**2))


def regional_share(kab_code: str, province_share: float, poverty_exponent: float, kota_factor: float) -> float:
    """A share for one regency that follows its poverty (and kota/kabupaten), scaled so
    that the population-weighted mean over the province is `province_share`."""
    return province_share * _regional_weights(poverty_exponent, kota_factor)[kab_code]


@cache
def _regional_weights(poverty_exponent: float, kota_factor: float) -> dict[str, float]:
    kab = reference.kabkota()
    codes = list(kab["kab_code"])
    raw = np.array([(facts.poverty_rate(c) / facts.POVERTY_RATE_PROVINCE) ** poverty_exponent
                    * (kota_factor if facts.is_kota(c) else 1.0) for c in codes])
    population = kab["penduduk"].to_numpy(dtype=float)
    raw /= (raw * population).sum() / population.sum()
    return dict(zip(codes, raw))


def intercept_for(target: float, slope_terms: np.ndarray) -> float:
    """Intercept c such that mean(sigmoid(c + slope_terms)) equals target (bisection)."""
    if len(slope_terms) == 0:
        return 0.0
    lo, hi = -20.0, 20.0
    for _ in range(50):
        mid = (lo + hi) / 2.0
        if _sigmoid(mid + slope_terms).mean() < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2.0


@cache
def reference_welfare() -> np.ndarray:
    """A fixed sample of person-level welfare across the province (regencies by
    population, persons by the family-size tilt), for calibrating province-wide
    rates once so that poorer regencies fall below them and richer ones above."""
    kab = reference.kabkota()
    rng = np.random.default_rng(20221015)
    counts = np.maximum(1, np.round(200_000 * kab["penduduk"] / kab["penduduk"].sum())).astype(int)
    w = np.concatenate([rng.normal(regency_mean(c), _TOTAL_SD, n) for c, n in zip(kab["kab_code"], counts)])
    size_tilt = np.exp(-0.12 * w)
    keep = rng.random(len(w)) < size_tilt / size_tilt.max()
    return w[keep]


def regency_mean(kab_code: str) -> float:
    rate = facts.poverty_rate(kab_code) / 100.0
    return -NormalDist().inv_cdf(rate) * _TOTAL_SD


def latent(rng: np.random.Generator, kab_code: str, kec_idx: np.ndarray, desa_idx: np.ndarray,
           n_kec: int, n_desa: int) -> np.ndarray:
    kec_eff = rng.normal(0.0, _KEC_SD, n_kec)
    desa_eff = rng.normal(0.0, _DESA_SD, n_desa)
    # Centre the area effects over the regency's families: a regency with few
    # kecamatan would otherwise drift away from its published poverty rate.
    area = kec_eff[kec_idx] + desa_eff[desa_idx]
    area -= area.mean() if len(area) else 0.0
    return regency_mean(kab_code) + area + rng.normal(0.0, 1.0, len(kec_idx))


def _ordered(rng, w, categories, cuts, noise=0.8):
    """Ordered category from w + noise; categories from worst to best, len(cuts) = len(categories) - 1."""
    z = w + rng.normal(0.0, noise, len(w))
    return np.asarray(categories, dtype=object)[np.searchsorted(np.asarray(cuts), z)]


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


# Cooking fuel (facts.TARGETS, Susenas 2021): firewood in poor and rural regencies,
# large LPG cylinders in cities and richer regencies, 3 kg LPG for the rest.
FUEL_FIREWOOD = 11.76
FUEL_LARGE_LPG = 12.0
FUEL_KEROSENE = 2.78
FUEL_ELECTRIC = 0.76
FUEL_NOT_COOKING = 1.23


def _cooking_fuel(rng: np.random.Generator, kab_code: str, z: np.ndarray) -> np.ndarray:
    """Fuel by rank of z (worst first) with the regency's shares; a few families do not cook."""
    n = len(z)
    firewood = regional_share(kab_code, FUEL_FIREWOOD, 0.8, 0.25) / 100.0
    large = regional_share(kab_code, FUEL_LARGE_LPG, -0.6, 2.0) / 100.0
    rank = np.empty(n)
    rank[np.argsort(z, kind="stable")] = (np.arange(n) + 0.5) / max(n, 1)
    fuel = np.full(n, "lpg_3kg", dtype=object)
    fuel[rank < firewood] = "kayu_bakar"
    fuel[(rank >= firewood) & (rank < firewood + FUEL_KEROSENE / 100.0)] = "minyak_tanah"
    top = rank >= 1.0 - large - FUEL_ELECTRIC / 100.0
    fuel[top] = np.where(rng.random(top.sum()) < FUEL_ELECTRIC / (FUEL_ELECTRIC + large * 100.0), "listrik",
                         "lpg_besar")
    fuel[rng.random(n) < FUEL_NOT_COOKING / 100.0] = "tidak_memasak"
    return fuel


def observe(rng: np.random.Generator, kab_code: str, w: np.ndarray, size: np.ndarray) -> dict[str, np.ndarray]:
    """Housing, energy and assets of interviewed families (arrays aligned with w)."""
    n = len(w)
    kota = facts.is_kota(kab_code)
    urban = 0.9 if kota else 0.0
    out: dict[str, np.ndarray] = {}
    out["lantai"] = _ordered(rng, w + urban * 0.5, ["tanah", "bambu", "kayu_papan", "semen_bata", "keramik_marmer"],
                             [-1.45, -1.35, -1.05, 0.05])
    wall = _ordered(rng, w + urban * 0.6, ["bambu_anyaman", "kayu_papan", "tembok"], [-1.5, -1.0])
    wall[rng.random(n) < 0.01] = "lainnya"
    out["dinding"] = wall
    out["atap"] = _ordered(rng, w + urban * 0.3, ["ijuk_rumbia", "kayu_sirap", "seng_asbes", "genteng_beton"],
                           [-2.6, -2.3, -1.4])
    out["luas_lantai_m2"] = np.clip(np.round(np.exp(3.75 + 0.22 * w + 0.08 * size + rng.normal(0, 0.3, n))),
                                    8, 900).astype(np.int16)
    out["jamban"] = _ordered(rng, w + urban * 0.4, ["tidak_ada", "umum", "bersama", "sendiri"], [-1.3, -1.15, -0.7])
    out["air_minum"] = _ordered(rng, w + urban * 0.8, ["air_sungai_hujan", "mata_air_tak_terlindung",
                                "sumur_tak_terlindung", "sumur_bor_terlindung", "ledeng", "air_kemasan"],
                                [-2.2, -1.8, -1.0, 0.7, 1.1], noise=1.0)
    light = _ordered(rng, w, ["non_pln", "pln_tanpa_meteran", "pln_meteran"], [-3.1, -1.9], noise=0.7)
    out["penerangan"] = light
    watt = _ordered(rng, w, [450, 900, 1300, 2200, 3500], [0.0, 1.0, 1.9, 2.6], noise=0.7).astype(np.int16)
    watt[light != "pln_meteran"] = 0
    out["daya_listrik"] = watt
    out["bahan_bakar_masak"] = _cooking_fuel(rng, kab_code, w + urban * 0.8 + rng.normal(0.0, 0.9, n))
    rural = 0.0 if kota else 1.0
    out["punya_motor"] = rng.random(n) < _sigmoid(1.4 + 1.0 * w)
    out["punya_mobil"] = rng.random(n) < _sigmoid(-3.0 + 1.3 * w)
    out["punya_kulkas"] = rng.random(n) < _sigmoid(0.2 + 1.2 * w)
    out["punya_ac"] = rng.random(n) < _sigmoid(-4.0 + 1.4 * w + urban)
    out["punya_smartphone"] = rng.random(n) < _sigmoid(1.2 + 0.9 * w + 0.2 * size)
    out["punya_lahan"] = rng.random(n) < _sigmoid(-0.4 + 0.3 * w) * rural
    out["punya_ternak"] = rng.random(n) < _sigmoid(-1.0 - 0.2 * w) * rural
    out["usaha_rumah_tangga"] = rng.random(n) < _sigmoid(-1.3 + 0.25 * w)
    return out


# PMT weights on observed indicators (a fixed proxy model; higher = better off).
_PMT = {
    ("lantai", "tanah"): -0.45, ("lantai", "bambu"): -0.35, ("lantai", "keramik_marmer"): 0.30,
    ("dinding", "bambu_anyaman"): -0.30, ("dinding", "kayu_papan"): -0.12,
    ("atap", "ijuk_rumbia"): -0.25, ("atap", "kayu_sirap"): -0.15,
    ("jamban", "tidak_ada"): -0.35, ("jamban", "umum"): -0.20, ("jamban", "bersama"): -0.10,
    ("bahan_bakar_masak", "kayu_bakar"): -0.30, ("bahan_bakar_masak", "lpg_besar"): 0.25,
    ("bahan_bakar_masak", "listrik"): 0.30,
    ("penerangan", "non_pln"): -0.3, ("penerangan", "pln_tanpa_meteran"): -0.2,
}
_PMT_WATT = {0: -0.2, 450: -0.15, 900: 0.0, 1300: 0.25, 2200: 0.4, 3500: 0.55}
_PMT_ASSETS = {"punya_motor": 0.15, "punya_mobil": 0.55, "punya_kulkas": 0.2, "punya_ac": 0.35,
               "punya_smartphone": 0.1, "punya_lahan": 0.1, "usaha_rumah_tangga": 0.05}


def pmt_score(obs: dict[str, np.ndarray], size: np.ndarray, schooling_head: np.ndarray) -> np.ndarray:
    """Proxy-means score on a log per-capita scale (about 12-15)."""
    score = np.full(len(size), 13.2)
    for (col, value), weight in _PMT.items():
        score += weight * (obs[col] == value)
    score += np.vectorize(_PMT_WATT.get, otypes=[float])(obs["daya_listrik"]) if len(size) else 0.0
    for col, weight in _PMT_ASSETS.items():
        score += weight * obs[col]
    score += 0.004 * np.minimum(obs["luas_lantai_m2"], 200)
    score += 0.08 * schooling_head
    score -= 0.28 * np.log(size)
    return np.round(score, 4)


def programmes(rng: np.random.Generator, kab_code: str, w: np.ndarray, obs: dict[str, np.ndarray],
               any_worker: np.ndarray) -> dict[str, np.ndarray]:
    """Receipt of each programme; targeting quality and leakage vary by regency."""
    n = len(w)
    kab_rng = np.random.default_rng([int(kab_code), 99])
    quality = kab_rng.uniform(0.6, 1.35)  # slope on (old) poverty
    leak = kab_rng.uniform(0.6, 1.6)  # how much reaches the well-off
    old_view = w + rng.normal(0.0, 0.75, n)  # DTKS-era welfare: stale and noisy
    need = -old_view
    out = {}
    # Receipt rises with (old) need; the intercept is set so that the regency's share
    # matches its calibrated share of the province target (facts.TARGETS).
    for col, key, slope, leak_weight in (("terima_pkh", "pkh", 1.9, 0.3), ("terima_bpnt", "bpnt", 1.9, 0.35),
                                         ("terima_pbi_jk", "pbi_jk", 1.6, 0.3)):
        target = regional_share(kab_code, facts.TARGETS_BY_KEY[key].value, 0.7, 0.8) / 100.0
        terms = slope * quality * need + leak_weight * leak
        out[col] = rng.random(n) < _sigmoid(intercept_for(target, terms) + terms)
    out["terima_blt"] = rng.random(n) < _sigmoid(-2.0 + 1.6 * quality * need + 0.4 * leak)
    out["terima_bsu"] = any_worker & (rng.random(n) < 0.22 * np.exp(-0.5 * (w - 1.0) ** 2) * leak)
    watt = obs["daya_listrik"]
    out["terima_subsidi_listrik"] = (watt == 450) | ((watt == 900) & (rng.random(n) < _sigmoid(-0.5 + 1.2 * need)))
    fuel = obs["bahan_bakar_masak"]
    out["terima_lpg_3kg"] = (fuel == "lpg_3kg") | ((fuel == "kayu_bakar") & (rng.random(n) < 0.25))
    return out

