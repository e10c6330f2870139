"""Masking and small-count suppression, applied before anything leaves the server.

The role table (access.ROLES) says which tier a role gets; this module does the
work for every path that shows or exports data: tables, charts, map layers and
downloads all go through `protect` (in the views) or the masking helpers.
"""

from __future__ import annotations

import hashlib
import hmac
import re

import numpy as np
import pandas as pd

from regsosek.access import Scope
from regsosek.settings import SMALL_COUNT

SUPPRESSED = "<10"


def mask_nik(nik: str | None) -> str | None:
    """Keep the kecamatan prefix (6) and the last 2 digits; hide the birth date and serial."""
    if nik is None or (isinstance(nik, float) and np.isnan(nik)):
        return None
    digits = str(nik)
    if not re.fullmatch(r"\d{16}", digits):
        return "*" * 16
    return digits[:6] + "*" * 8 + digits[-2:]


def initials(name: str | None) -> str:
    """'Siti Rahayu' -> 'S. R.'; never more than the initials."""
    if not name:
        return ""
    return " ".join(f"{part[0].upper()}." for part in str(name).split() if part)


def pseudonym(keluarga_id: str, secret: bytes, audience: str) -> str:
    """A stable pseudonymous family id per audience (one CSR partner cannot link another's ids)."""
    digest = hmac.new(secret, f"{audience}|{keluarga_id}".encode(), hashlib.sha256).hexdigest()
    return f"KLG-{digest[:12].upper()}"


def protect(df: pd.DataFrame, counts: list[str], scope: Scope, *,
            sums: dict[str, tuple[str, ...]] | None = None,
            rates: dict[str, tuple[str, ...]] | None = None,
            column_totals: bool = True) -> pd.DataFrame:
    """Hide small counts, and every shown figure that would give a hidden one back, for roles that suppress.

    `counts` are the count columns; `sums` the additive relations within a row
    (`{"visited": ("ditemukan", "pindah", ...), "target": ("visited", "remaining")}`: the total
    equals the sum of its parts); `rates` map a rate column to the counts it is computed from
    (hidden when any of them is, since rate x shown denominator gives the count back);
    `column_totals` says that each count column's sum is shown elsewhere on the page (a total,
    a headline, the parent area), so a column may not hold exactly one hidden cell either.

    Primary: every count from 1 to SMALL_COUNT - 1. Secondary, repeated until nothing changes: a
    relation (a row's total and its parts, or a column and its shown sum) with exactly one hidden
    cell gets the smallest other shown cell hidden too, a non-zero one when there is one.

    Returns a copy in which, for suppressing roles, hidden counts are <NA> in nullable Int64
    columns and hidden rates are NaN: numbers stay numbers, and a hidden value never leaves the
    server. Other roles get the frame unchanged.
    """
    out = df.copy()
    if not scope.spec.suppress_small_counts or df.empty:
        return out
    values = df[counts].apply(pd.to_numeric, errors="coerce").fillna(0).astype("int64")
    hidden = (values > 0) & (values < SMALL_COUNT)
    relations: list[tuple[str, list]] = []
    for total, parts in (sums or {}).items():
        relations += [("row", [(i, c) for c in (total, *parts)]) for i in df.index]
    if column_totals and len(df) > 1:
        relations += [("col", [(i, c) for i in df.index]) for c in counts]
    changed = True
    while changed:
        changed = False
        for _, cells in relations:
            shown = [cell for cell in cells if not hidden.at[cell]]
            if len(cells) - len(shown) != 1 or not shown:
                continue
            nonzero = [cell for cell in shown if values.at[cell] > 0]
            pick = min(nonzero or shown, key=lambda cell: values.at[cell])
            hidden.at[pick] = True
            changed = True
    for col in counts:
        out[col] = values[col].astype("Int64").mask(hidden[col])
    for rate, sources in (rates or {}).items():
        out[rate] = pd.to_numeric(df[rate], errors="coerce").astype("float64").mask(hidden[list(sources)].any(axis=1))
    return out


def protect_total(value: float | int | None, scope: Scope) -> int | None:
    """One headline count for a role: None when it is small and the role suppresses."""
    if value is None or pd.isna(value):
        return None
    if scope.spec.suppress_small_counts and 0 < value < SMALL_COUNT:
        return None
    return int(value)
