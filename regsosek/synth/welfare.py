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

from statistics import NormalDist

import numpy as np

from regsosek import facts

_KEC_SD, _DESA_SD = 0.30, 0.20
_TOTAL_SD = float(np.sqrt(1.0 + _KEC_SD**2 + _DESA_SD**2))


def regency_mean(kab_code: str) -> float:
    rate = facts.poverty_rate(kab_code) / 100.0
    return -NormalDist().inv_cdf(rate) * _TOTAL_SD


def latent(rng: np.random.Generator, kab_code: str, kec_idx: np.ndarray, desa_idx: np.ndarray,
           n_kec: int, n_desa: int) -> np.ndarray:
    kec_eff = rng.normal(0.0, _KEC_SD, n_kec)
    desa_eff = rng.normal(0.0, _DESA_SD, n_desa)
    return regency_mean(kab_code) + kec_eff[kec_idx] + desa_eff[desa_idx] + rng.normal(0.0, 1.0, len(kec_idx))


def _ordered(rng, w, categories, cuts, noise=0.8):
    """Ordered category from w + noise; categories from worst to best, len(cuts) = len(categories) - 1."""
    z = w + rng.normal(0.0, noise, len(w))
    return np.asarray(categories, dtype=object)[np.searchsorted(np.asarray(cuts), z)]


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def observe(rng: np.random.Generator, w: np.ndarray, size: np.ndarray, kota: bool) -> dict[str, np.ndarray]:
    """Housing, energy and assets of interviewed families (arrays aligned with w)."""
    n = len(w)
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
    fuel = _ordered(rng, w + urban * 0.8, ["kayu_bakar", "minyak_tanah", "lpg_3kg", "lpg_besar"],
                    [-1.0, -0.95, 1.9], noise=0.9).astype(object)
    fuel[(fuel == "lpg_besar") & (rng.random(n) < 0.3)] = "listrik"
    fuel[rng.random(n) < 0.008] = "tidak_memasak"
    out["bahan_bakar_masak"] = fuel
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
    out = {
        "terima_pkh": rng.random(n) < _sigmoid(-2.2 + 1.9 * quality * need + 0.3 * leak),
        "terima_bpnt": rng.random(n) < _sigmoid(-1.7 + 1.9 * quality * need + 0.35 * leak),
        "terima_blt": rng.random(n) < _sigmoid(-2.0 + 1.6 * quality * need + 0.4 * leak),
        "terima_pbi_jk": rng.random(n) < _sigmoid(-0.6 + 1.6 * quality * need + 0.3 * leak),
        "terima_bsu": any_worker & (rng.random(n) < 0.22 * np.exp(-0.5 * (w - 1.0) ** 2) * leak),
    }
    watt = obs["daya_listrik"]
    out["terima_subsidi_listrik"] = (watt == 450) | ((watt == 900) & (rng.random(n) < _sigmoid(-0.5 + 1.2 * need)))
    fuel = obs["bahan_bakar_masak"]
    out["terima_lpg_3kg"] = (fuel == "lpg_3kg") | ((fuel == "kayu_bakar") & (rng.random(n) < 0.25))
    return out

