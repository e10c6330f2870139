"""Expected figures for the monitoring page tests, computed with pandas from the raw generated snapshot."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from regsosek import facts, privacy, reference, settings

ROOT = Path(__file__).resolve().parents[1]


def signed_in(at: AppTest, username: str) -> AppTest:
    at.session_state["authentication_status"] = True
    at.session_state["username"] = username
    at.session_state["name"] = username
    return at


def open_page(page_id: str, username: str, **query: str) -> AppTest:
    """Run a page file signed in as `username`, with URL query parameters."""
    at = signed_in(AppTest.from_file(str(ROOT / "pages" / f"{page_id}.py"), default_timeout=60), username)
    at.query_params.update(query)
    return at.run()


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.main.metric if m.label == label)


def fmt_count(value: int, role: str) -> str:
    if role in ("gubernur", "mitra_csr") and 0 < value < 10:
        return privacy.SUPPRESSED
    return f"{int(value):,}".replace(",", ".")


def expected_by_area(published, as_of: str, level: str, kab_codes: list[str] | None = None,
                     parent: str | None = None) -> pd.DataFrame:
    """Per area: target (prelist + new), visited, outcomes, percent; names from the reference geography."""
    key = {"kab": "kab_code", "kec": "kec_code", "desa": "desa_code"}[level]
    fam = published.table(as_of, "keluarga")
    sls = published.table(as_of, "sls")
    if kab_codes is not None:
        fam, sls = fam[fam["kab_code"].isin(kab_codes)], sls[sls["kab_code"].isin(kab_codes)]
    if parent is not None:
        parent_key = {"kab": None, "kec": "kab_code", "desa": "kec_code"}[level]
        if parent_key:
            fam, sls = fam[fam[parent_key] == parent], sls[sls[parent_key] == parent]
    prelist = sls.groupby(key)["jumlah_prelist"].sum()
    grouped = fam.groupby(key)
    out = pd.DataFrame({
        "prelist": prelist,
        "new": grouped["prelist"].apply(lambda s: int((~s).sum())),
        "visited": grouped["tgl_kunjungan"].count(),
    }).fillna(0).astype(int)
    for outcome in facts.OUTCOMES:
        out[outcome] = grouped["hasil_kunjungan"].apply(lambda s, o=outcome: int((s == o).sum()))
    out = out.fillna(0)
    out["target"] = out["prelist"] + out["new"]
    out["percent"] = 100 * out["visited"] / out["target"]
    names = {"kab": reference.kabkota().set_index("kab_code")["nama"],
             "kec": reference.kecamatan().set_index("kec_code")["nama"],
             "desa": reference.desa().set_index("desa_code")["nama"]}[level]
    out["area_name"] = out.index.map(names)
    out.index.name = "area_code"
    return out.reset_index()


def expected_cell(value: int, role: str) -> str | int:
    """A count as a table shows it: formatted text ("<10" when small) for roles that suppress, else the number."""
    return fmt_count(value, role) if role in ("gubernur", "mitra_csr") else int(value)


def shown_cells(values: pd.Series) -> list[str | int]:
    return [v if isinstance(v, str) else int(v) for v in values]


def campaign_clock(as_of: str) -> dict:
    """Last field day, days elapsed and left, as the operation's calendar says (15 Oct - 14 Nov 2022)."""
    from datetime import date

    last = min(date.fromisoformat(as_of), facts.CAMPAIGN_END)
    elapsed = (last - facts.CAMPAIGN_START).days + 1
    return {"last": last, "elapsed": elapsed, "left": (facts.CAMPAIGN_END - last).days,
            "plan": 100 * elapsed / 31, "final": date.fromisoformat(as_of) > facts.CAMPAIGN_END}


def expected_progress(published, as_of: str, level: str, kab_codes, pace_days: int = 7) -> pd.DataFrame:
    """Per area (level 'kab', 'kec', or 'all'): target, visited, remaining, percent, plan, gap, pace,
    needed per day and projected finish date, from the raw family and SLS files."""
    from datetime import timedelta

    clock = campaign_clock(as_of)
    fam = published.table(as_of, "keluarga")
    sls = published.table(as_of, "sls")
    fam, sls = fam[fam["kab_code"].isin(kab_codes)].copy(), sls[sls["kab_code"].isin(kab_codes)].copy()
    if level == "all":
        fam["all"], sls["all"] = "all", "all"
        key = "all"
    else:
        key = f"{level}_code"
    day = pd.to_datetime(fam["tgl_kunjungan"]).dt.date
    in_window = fam[(day > clock["last"] - timedelta(days=pace_days)) & (day <= clock["last"])]
    out = pd.DataFrame({
        "prelist": sls.groupby(key)["jumlah_prelist"].sum(),
        "new": (~fam["prelist"]).groupby(fam[key]).sum(),
        "visited": fam["tgl_kunjungan"].notna().groupby(fam[key]).sum(),
        "window": in_window.groupby(key).size(),
    }).fillna(0).astype(int)
    out["target"] = out["prelist"] + out["new"]
    out["remaining"] = (out["target"] - out["visited"]).clip(lower=0)
    out["percent"] = 100 * out["visited"] / out["target"]
    out["plan"] = clock["plan"]
    out["gap"] = out["percent"] - clock["plan"]
    divisor = min(pace_days, clock["elapsed"])
    out["pace"] = out["window"] / divisor
    out["needed"] = out["remaining"] / clock["left"] if clock["left"] else float("nan")

    def finish(row):
        if row["remaining"] == 0 or row["window"] == 0:
            return None
        return clock["last"] + timedelta(days=int(-(-row["remaining"] * divisor // row["window"])))

    out["finish"] = out.apply(finish, axis=1)
    if level != "all":
        names = {"kab": reference.kabkota().set_index("kab_code")["nama"],
                 "kec": reference.kecamatan().set_index("kec_code")["nama"]}[level]
        out["area_name"] = out.index.map(names)
    out.index.name = "area_code"
    return out


def capture_offers(monkeypatch) -> list[dict]:
    """Record every file a page offers (the real `export.offer` still draws the button)."""
    from regsosek import export

    offered: list[dict] = []
    real_offer = export.offer

    def offer(container, label, download, page, key, details=None, help=None):
        offered.append({"download": download, "page": page, "key": key, "details": details})
        real_offer(container, label, download, page, key, details=details, help=help)

    monkeypatch.setattr(export, "offer", offer)
    return offered


def deliver(offer: dict) -> bytes:
    """What the browser gets on the click: the file, audited first."""
    from regsosek import export

    return export.Delivery(offer["download"], offer["page"], offer["details"])()


def shown_counts(column: pd.Series) -> pd.Series:
    """The counts a drawn table column shows in figures: "<10" and "–" left out, "1.234" read as 1234."""
    kept = [v for v in column if not (isinstance(v, str) and not v.replace(".", "").isdigit()) and not pd.isna(v)]
    return pd.Series([int(str(v).replace(".", "")) if isinstance(v, str) else int(v) for v in kept], dtype="int64")


def page_numbers(rows: int) -> dict[str, int]:
    """The first, a middle and the last page of a list of `rows` rows (settings.LIST_PAGE_SIZE a page)."""
    pages = max(1, -(-rows // settings.LIST_PAGE_SIZE))  # an empty list has one empty page
    return {"first": 1, "middle": (pages + 1) // 2, "last": pages}


def page_of(want: pd.DataFrame, number: int) -> pd.DataFrame:
    """Rows of page `number` of the expected list `want`."""
    size = settings.LIST_PAGE_SIZE
    return want.iloc[(number - 1) * size:number * size]
