"""Fieldwork over 15 Oct - 14 Nov 2022: who was visited when, with what outcome,
and how each document moved through PML check, receipt at BPS, entry and validation.

Dates are day offsets from facts.CAMPAIGN_START (day 0 = Saturday 15 Oct 2022);
-1 means "never" (not reached by the end of processing).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from regsosek import facts

DAYS = facts.CAMPAIGN_DAYS
LAST_PROCESSING_DAY = (facts.PROCESSING_END - facts.CAMPAIGN_START).days
NEVER = -1

# Slow first days (training in the field, finding SLS boundaries), then a plateau,
# lower on Sundays, a push in the last days.
_RAMP = np.array([0.35, 0.5, 0.7, 0.85] + [1.0] * (DAYS - 4))
_SUNDAY = np.array([0.45 if (facts.CAMPAIGN_START.weekday() + d) % 7 == 6 else 1.0 for d in range(DAYS)])
_PUSH = np.array([1.0] * (DAYS - 5) + [1.15] * 5)
DAY_PROFILE = _RAMP * _SUNDAY * _PUSH

# Prelisted families: found, moved, died, not found, refused (kota: more movement).
_OUTCOME_P_KAB = np.array([0.915, 0.032, 0.021, 0.024, 0.008])
_OUTCOME_P_KOTA = np.array([0.875, 0.052, 0.018, 0.040, 0.015])
NEW_FAMILY_SHARE = {"kab": 0.045, "kota": 0.075}

# Regencies that lag (islands, remote highlands, big cities with hard-to-reach
# apartments); the factor multiplies officers' daily pace.
LAGGING_KAB = {"3529": 0.80, "3527": 0.86, "3509": 0.90, "3578": 0.88, "3526": 0.92, "3501": 0.93}


@dataclass
class Fieldwork:
    visit_day: np.ndarray  # int16 day offset, NEVER if not visited
    visit_seconds: np.ndarray  # int32 seconds after midnight
    outcome: np.ndarray  # int8 index into facts.OUTCOMES, -1 if not visited
    stage_days: np.ndarray  # int16 (n, 4): PML check, receipt, entry, validation
    ppl_dropout_day: np.ndarray  # per PPL: day it dropped out, NEVER if it did not
    pml_slowness: np.ndarray  # per PML


def simulate(rng: np.random.Generator, kab_code: str, family_ppl: np.ndarray, family_kec: np.ndarray,
             family_prelist: np.ndarray, n_ppl: int, ppl_pml: np.ndarray, n_pml: int) -> Fieldwork:
    """family_ppl: PPL index per family, families already in visiting order within each PPL."""
    n = len(family_ppl)
    kota = facts.is_kota(kab_code)

    # Daily capacity per PPL: workload spread over ~24 full days, times personal
    # pace, kecamatan and regency factors, and day-to-day noise.
    workload = np.bincount(family_ppl, minlength=n_ppl).astype(float)
    kec_codes, kec_idx = np.unique(family_kec, return_inverse=True)
    kec_factor = rng.lognormal(0.0, 0.10, size=len(kec_codes))
    kec_factor[rng.random(len(kec_codes)) < 0.04] *= 0.72  # a few kecamatan lag badly
    ppl_kec_factor = np.ones(n_ppl)
    ppl_kec_factor[family_ppl] = kec_factor[kec_idx]
    pace = rng.lognormal(0.0, 0.16, size=n_ppl) * ppl_kec_factor * LAGGING_KAB.get(kab_code, 1.0)
    daily = (workload / 24.0)[:, None] * pace[:, None] * DAY_PROFILE[None, :] * rng.lognormal(0, 0.25, (n_ppl, DAYS))

    # Some PPL drop out and are not replaced; a few report implausibly many visits in a day.
    dropout_day = np.full(n_ppl, NEVER, dtype=np.int16)
    drops = rng.random(n_ppl) < 0.015
    dropout_day[drops] = rng.integers(4, DAYS - 2, size=drops.sum())
    for p in np.flatnonzero(drops):
        daily[p, dropout_day[p]:] = 0.0
    spikes = rng.random(n_ppl) < 0.004
    daily[spikes, rng.integers(8, 20, size=spikes.sum())] += 70.0

    capacity = np.cumsum(np.floor(daily + rng.random(daily.shape)), axis=1)
    # Rank of each family within its PPL's list: families are contiguous per PPL.
    starts = np.concatenate([[0], np.cumsum(workload.astype(np.int64))[:-1]])
    rank = np.arange(n) - starts[family_ppl]
    # First day whose cumulative capacity exceeds the rank; DAYS means not visited.
    offset = (np.arange(n_ppl) * (max(capacity.max(), n) + 10.0))[:, None]
    flat = (capacity + offset).ravel()
    pos = np.searchsorted(flat, rank + offset[family_ppl, 0], side="right")
    visit_day = (pos - family_ppl * DAYS).astype(np.int16)
    visit_day[visit_day >= DAYS] = NEVER
    visited = visit_day != NEVER

    # Visiting hours: mostly 08-17, some evenings, a few outside working hours.
    hour = np.clip(rng.normal(12.5, 2.6, n), 8.0, 17.99)
    evening = rng.random(n) < 0.05
    hour[evening] = rng.uniform(17.0, 21.0, evening.sum())
    odd = rng.random(n) < 0.006
    hour[odd] = rng.choice([rng.uniform(5.0, 6.5), rng.uniform(21.5, 23.5)], size=odd.sum())
    visit_seconds = (hour * 3600).astype(np.int32)

    p = _OUTCOME_P_KOTA if kota else _OUTCOME_P_KAB
    outcome = rng.choice(5, size=n, p=p).astype(np.int8)
    outcome[~family_prelist] = facts.OUTCOMES.index("baru")
    outcome[~visited] = -1

    # Document pipeline: each stage lags the previous one; some PML are slow.
    pml_slowness = rng.lognormal(0.0, 0.45, size=n_pml)
    fam_pml = ppl_pml[family_ppl]
    pml_delay = rng.geometric(1.0 / (1.0 + 1.6 * pml_slowness[fam_pml])) - 1
    receipt_delay = rng.geometric(1.0 / 3.0, n)
    entry_delay = rng.geometric(1.0 / 4.0, n)
    validation_delay = rng.geometric(1.0 / 3.0, n) - 1
    entry_opens = 9  # data entry started on 24 Oct
    stages = np.full((n, 4), NEVER, dtype=np.int16)
    day = visit_day.astype(np.int32)
    pml = day + pml_delay
    receipt = pml + receipt_delay
    entry = np.maximum(receipt, entry_opens) + entry_delay
    validation = entry + validation_delay
    for j, values in enumerate((pml, receipt, entry, validation)):
        ok = visited & (values <= LAST_PROCESSING_DAY)
        stages[ok, j] = values[ok]
    # A stage not reached blocks the later ones.
    for j in range(1, 4):
        stages[stages[:, j - 1] == NEVER, j] = NEVER
    return Fieldwork(visit_day=visit_day, visit_seconds=visit_seconds, outcome=outcome, stage_days=stages,
                     ppl_dropout_day=dropout_day, pml_slowness=pml_slowness)
