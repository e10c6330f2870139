"""Masking and small-count suppression, applied before anything leaves the server.

The role table (access.ROLES) says which tier a role gets; this module does the
work for every path that shows or exports data: tables, charts, map layers and
downloads all go through `suppress` or the masking helpers.
"""

from __future__ import annotations

import hashlib
import hmac
import re

import numpy as np
import pandas as pd

from regsosek.access import SMALL_COUNT, Scope

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


def suppress(df: pd.DataFrame, count_cols: list[str], scope: Scope,
             rate_cols: dict[str, tuple[str, ...]] | None = None) -> pd.DataFrame:
    """Replace counts below 10 by "<10" for roles that suppress, and stop recovery from totals.

    Primary suppression hides every count in 1..9. Secondary suppression: in any count column
    where exactly one cell is hidden, the next smallest cell is hidden too, so the hidden value
    cannot be had by subtracting the others from a shown total. `rate_cols` maps a rate column to
    the count columns it is computed from; the rate is hidden when any of them is.
    Returns a copy; count columns become strings ("<10" or the number) only for suppressing roles.
    """
    if not scope.spec.suppress_small_counts or df.empty:
        return df.copy()
    out = df.copy()
    hidden = pd.DataFrame(False, index=df.index, columns=count_cols)
    for col in count_cols:
        values = pd.to_numeric(df[col], errors="coerce").fillna(0)
        small = (values > 0) & (values < SMALL_COUNT)
        if small.sum() == 1 and len(values) > 1:
            # The next smallest cell, a zero included: zeros would otherwise give the hidden value away.
            small.loc[values[~small].idxmin()] = True
        hidden[col] = small
    for col in count_cols:
        out[col] = [SUPPRESSED if h else _fmt_int(v) for v, h in zip(df[col], hidden[col])]
    for rate, sources in (rate_cols or {}).items():
        mask = hidden[list(sources)].any(axis=1)
        out[rate] = df[rate].astype("float64").where(~mask, np.nan)
    return out


def suppress_total(value: float | int | None, scope: Scope) -> str:
    """One headline count for a role: "<10" when it is small and the role suppresses."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "0"
    if scope.spec.suppress_small_counts and 0 < value < SMALL_COUNT:
        return SUPPRESSED
    return _fmt_int(value)


def _fmt_int(value) -> str:
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return ""
