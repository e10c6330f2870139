"""Synthetic persons: names, ages, relations, schooling, work, disability and NIKs.

Names are drawn from Faker's id_ID name lists (sampled with numpy, not per call,
so 42 million persons stay fast). A NIK is built the real way: the 6-digit
kecamatan code of registration, the birth date as DDMMYY with 40 added to the
day for women, and a 4-digit serial among people sharing that prefix.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from faker.providers.person.id_ID import Provider as _Names

from regsosek import contract, facts
from regsosek.synth import welfare as welfare_model

REFERENCE_DAY = date(2022, 10, 15)  # ages are whole years at the start of fieldwork

_MALE = np.array(sorted(set(_Names.first_names_male)), dtype=object)
_FEMALE = np.array(sorted(set(_Names.first_names_female)), dtype=object)
_LAST_MALE = np.array(sorted(set(_Names.last_names_male)), dtype=object)
_LAST_FEMALE = np.array(sorted(set(_Names.last_names_female)), dtype=object)


def names(rng: np.random.Generator, female: np.ndarray) -> pa.Array:
    """One or two given names, sometimes a family name, as is common in Java."""
    n = len(female)
    first = np.where(female, _FEMALE[rng.integers(0, len(_FEMALE), n)], _MALE[rng.integers(0, len(_MALE), n)])
    second_pool = np.where(female, _FEMALE[rng.integers(0, len(_FEMALE), n)], _MALE[rng.integers(0, len(_MALE), n)])
    kind = rng.random(n)
    family_name = np.where(female, _LAST_FEMALE[rng.integers(0, len(_LAST_FEMALE), n)],
                           _LAST_MALE[rng.integers(0, len(_LAST_MALE), n)])
    second = np.where(kind < 0.45, second_pool, np.where(kind < 0.65, family_name, ""))
    full = pc.binary_join_element_wise(pa.array(first, pa.string()), pa.array(second, pa.string()), " ")
    return pc.utf8_trim(full, " ")


def _oct15(year: np.ndarray) -> np.ndarray:
    """15 October of each year, as days since epoch."""
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    jan1 = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    return jan1 + 287 + leap


def birth_dates(rng: np.random.Generator, age: np.ndarray) -> np.ndarray:
    """Birth dates (days since epoch) such that the age on 15 Oct 2022 is exactly `age`."""
    year = REFERENCE_DAY.year - age.astype(np.int64)
    latest = _oct15(year)
    earliest = _oct15(year - 1) + 1
    span = latest - earliest + 1
    return (earliest + (rng.random(len(age)) * span).astype(np.int64)).astype(np.int32)


def nik(kec_code: np.ndarray, birth_days: np.ndarray, female: np.ndarray) -> np.ndarray:
    """16-digit NIKs as int64; serials are unique per (kecamatan, birth date, sex)."""
    dt = birth_days.astype("datetime64[D]")
    years = dt.astype("datetime64[Y]")
    months = dt.astype("datetime64[M]")
    day = (dt - months).astype(np.int64) + 1 + 40 * female.astype(np.int64)
    month = (months - years).astype(np.int64) + 1
    yy = (years.astype(np.int64) + 1970) % 100
    prefix = kec_code.astype(np.int64) * 1_000_000 + day * 10_000 + month * 100 + yy
    order = np.argsort(prefix, kind="stable")
    sorted_prefix = prefix[order]
    run_start = np.concatenate([[True], sorted_prefix[1:] != sorted_prefix[:-1]])
    idx = np.arange(len(prefix))
    starts = np.maximum.accumulate(np.where(run_start, idx, 0))
    serial = np.empty(len(prefix), dtype=np.int64)
    serial[order] = idx - starts + 1
    if serial.max(initial=0) > 9999:
        raise ValueError("more than 9,999 people share a NIK prefix")
    return prefix * 10_000 + serial


# Share of heads who are women among families of two or more; single-person
# families are headed by women more often (widows), see generate.py. Together about
# facts.TARGETS "female_head".
FEMALE_HEAD_SHARE = 0.115
# Welfare slope of school enrolment (poorer children leave school earlier).
_SCHOOL_SLOPE = 1.1
# Age groups with a published school participation rate (facts.TARGETS).
SCHOOL_GROUPS = ((7, 12, "aps_7_12"), (13, 15, "aps_13_15"), (16, 18, "aps_16_18"))


@cache
def _school_intercepts() -> tuple[float, ...]:
    """Province-wide intercepts: a regency's enrolment then follows its welfare."""
    terms = _SCHOOL_SLOPE * welfare_model.reference_welfare()
    return tuple(welfare_model.intercept_for(facts.TARGETS_BY_KEY[key].value / 100.0, terms)
                 for _, _, key in SCHOOL_GROUPS)


def head_ages(rng: np.random.Generator, n: int) -> np.ndarray:
    return np.clip(np.round(rng.normal(HEAD_AGE_MEAN, HEAD_AGE_SD, n)), 18, 97).astype(np.int16)


HEAD_AGE_MEAN, HEAD_AGE_SD = 49.0, 13.5


def members(rng: np.random.Generator, size: np.ndarray, head_age: np.ndarray, head_female: np.ndarray,
            welfare: np.ndarray) -> dict[str, np.ndarray]:
    """Members of interviewed families; row 0 of each family is its head.

    Returns arrays over persons: family (index into the inputs), no_urut, relation,
    female, age, schooling, enrolment, work, disability.
    """
    fam = np.repeat(np.arange(len(size)), size)
    total = len(fam)
    first = np.concatenate([[0], np.cumsum(size)[:-1]])
    pos = np.arange(total) - first[fam]
    h_age = head_age[fam].astype(np.int64)
    h_female = head_female[fam]
    w = welfare[fam]

    has_spouse = (size >= 2) & np.where(head_female, rng.random(len(size)) < 0.08, rng.random(len(size)) < 0.9)
    relation = np.full(total, "anak", dtype=object)
    relation[pos == 0] = "kepala"
    spouse = (pos == 1) & has_spouse[fam]
    relation[spouse] = "pasangan"
    other = (pos >= 1) & ~spouse
    draw = rng.random(total)
    old_head = h_age >= 55
    relation[other & old_head & (draw < 0.30)] = "cucu"
    relation[other & old_head & (draw >= 0.30) & (draw < 0.40)] = "menantu"
    relation[other & ~old_head & (draw < 0.06)] = "orang_tua"
    relation[other & (draw >= 0.94)] = "famili_lain"

    female = np.where(pos == 0, h_female, rng.random(total) < 0.5)
    female[spouse] = ~h_female[spouse]

    age = np.zeros(total, dtype=np.int64)
    age[pos == 0] = h_age[pos == 0]
    age[spouse] = np.clip(h_age[spouse] + np.round(rng.normal(-3.0, 4.0, spouse.sum())), 17, 100)
    # Children were born when the head was about 20-40: a head's children are
    # mostly teenagers or adults, not toddlers.
    is_child = relation == "anak"
    parent_age_at_birth = np.clip(rng.normal(29.0, 6.0, total), 17, 48)
    child_age = np.round(h_age - parent_age_at_birth)
    too_young = child_age < 0
    child_age[too_young] = np.floor(rng.random(too_young.sum()) * np.maximum(h_age[too_young] - 16, 1))
    age[is_child] = child_age[is_child]
    for rel, lo, hi in (("cucu", 0, 20), ("menantu", 20, 45), ("famili_lain", 3, 75)):
        sel = relation == rel
        age[sel] = rng.integers(lo, hi + 1, sel.sum())
    sel = relation == "orang_tua"
    age[sel] = np.clip(h_age[sel] + rng.integers(20, 36, sel.sum()), 40, 105)

    enrolment = np.full(total, "tidak_sekolah_lagi", dtype=object)
    enrolment[age < 5] = "belum_pernah"
    young = (age >= 5) & (age <= 6)
    enrolment[young] = np.where(rng.random(young.sum()) < 0.55, "masih_sekolah", "belum_pernah")
    draw_school = rng.random(total)
    for (lo, hi, _), intercept in zip(SCHOOL_GROUPS, _school_intercepts()):
        group = (age >= lo) & (age <= hi)
        p_in = 1.0 / (1.0 + np.exp(-(intercept + _SCHOOL_SLOPE * w[group])))
        enrolment[group] = np.where(draw_school[group] < p_in, "masih_sekolah", "tidak_sekolah_lagi")
    college = (age >= 19) & (age <= 24)
    p_col = 1.0 / (1.0 + np.exp(-(-1.6 + 0.9 * w)))
    enrolment[college & (rng.random(total) < p_col)] = "masih_sekolah"
    never = (age >= 25) & (rng.random(total) < np.clip(0.005 * (age - 40), 0, 0.25) * (w < 0))
    enrolment[never] = "belum_pernah"

    # Schooling completed: by age for those in school, by welfare and cohort for the rest.
    levels = np.array(contract.SCHOOLING, dtype=object)
    by_age = np.select([age < 7, age < 13, age < 16, age < 19, age < 22], [0, 1, 2, 3, 4], 4)
    z = w + rng.normal(0.0, 1.0, total) - 0.02 * (age - 40)
    adult_level = np.searchsorted(np.array([-1.6, -0.7, 0.0, 1.3, 1.8]), z) + 1
    level = np.where(enrolment == "masih_sekolah", by_age, np.minimum(adult_level, np.maximum(by_age, 1)))
    level = np.where(age < 7, 0, level)
    level = np.where(enrolment == "belum_pernah", np.where(age < 7, 0, 1), level)
    schooling = levels[level]

    work = np.full(total, "belum_usia_kerja", dtype=object)
    adult = age >= 15
    studying = adult & (enrolment == "masih_sekolah")
    work[studying] = "sekolah"
    rest = adult & ~studying
    u = rng.random(total)
    p_work = np.where(female, 0.52, 0.82) * np.where(age > 65, 0.55, 1.0)
    work[rest] = "tidak_bekerja_lainnya"
    work[rest & (u < p_work)] = "bekerja"
    work[rest & (u >= p_work) & (u < p_work + 0.05)] = "mencari_kerja"
    work[rest & female & (u >= p_work + 0.05) & (u < p_work + 0.42)] = "mengurus_rt"

    # Disability rises with age and poverty; the level is set to the regency's
    # share of the province target (facts.TARGETS "disability").
    terms = 0.06 * np.maximum(age - 40, 0) - 0.3 * w
    target = facts.TARGETS_BY_KEY["disability"].value / 100.0
    disability = rng.random(total) < 1.0 / (1.0 + np.exp(-(welfare_model.intercept_for(target, terms) + terms)))
    return {"family": fam, "no_urut": (pos + 1).astype(np.int8), "relation": relation, "female": female,
            "age": age.astype(np.int16), "schooling": schooling, "schooling_level": level,
            "enrolment": enrolment, "work": work, "disability": disability}
