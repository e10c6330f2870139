"""Verifikasi desa view: the pack of a desa per tier (no full NIK for anyone, no name for a partner), the
decisions recorded back, and the error rates before and after verification against pandas on the raw
snapshot. App database on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import io
import re

import pandas as pd
import pytest

from regsosek import access, audit, facts, settings, verification, warehouse
from regsosek.views import verification as view_verification
from tests.snapshots import AFTER, MID, PHASES

SURABAYA = "3578"
HEAD = access.scope_for("bps_surabaya", "bps_kabkota", (SURABAYA,))
PROVINCE = access.scope_for("bps_jatim", "bps_provinsi")
PARTNER = access.scope_for("csr_madura", "mitra_csr", ("3526", "3527", "3528", "3529"))


@pytest.fixture
def decision_store(published, store_url, monkeypatch):
    monkeypatch.setenv("REGSOSEK_DATA_DIR", str(published.data_dir))
    return published


def flagged(published, as_of: str) -> pd.DataFrame:
    """Scored families with their flag, computed here from the raw rows."""
    fam = published.table(as_of, "keluarga")
    fam = fam[fam["desil"].notna()].copy()
    receives = fam[["terima_pkh", "terima_bpnt", "terima_blt"]].fillna(False).astype(bool).any(axis=1)
    fam["receives"] = receives
    fam["error_kind"] = None
    fam.loc[(fam["desil"] >= 7) & receives, "error_kind"] = "inclusion"
    fam.loc[(fam["desil"] <= 2) & ~receives, "error_kind"] = "exclusion"
    return fam


def busiest_desa(published, as_of: str, kab: str) -> str:
    fam = flagged(published, as_of)
    fam = fam[(fam["kab_code"] == kab) & fam["error_kind"].notna()]
    return fam.groupby("desa_code").size().idxmax()


@pytest.mark.parametrize("as_of", [MID, AFTER])
def test_the_pack_lists_the_desa_flagged_families_with_a_masked_nik(published, as_of):
    desa = busiest_desa(published, as_of, SURABAYA)
    raw = flagged(published, as_of)
    expected = raw[(raw["desa_code"] == desa) & raw["error_kind"].notna()].set_index("keluarga_id")
    assert len(expected) > 0
    pack = view_verification.pack(HEAD, warehouse.get(published.ids[as_of]), desa)
    assert list(pack.columns) == [*view_verification.PACK_COLUMNS_NAMED, *view_verification.DECISION_FIELDS]
    assert dict(zip(pack["keluarga_id"], pack["error_kind"])) == expected["error_kind"].to_dict()
    assert dict(zip(pack["keluarga_id"], pack["nama_kepala"])) == expected["nama_kepala"].to_dict()
    assert dict(zip(pack["keluarga_id"], pack["rt"])) == expected["rt"].astype(int).to_dict()
    assert dict(zip(pack["keluarga_id"], pack["desil"])) == expected["desil"].astype(int).to_dict()
    full_niks = set(published.table(as_of, "anggota")["nik"]) | set(raw["nik_kepala"])
    cells = {str(v) for v in pack.astype(str).to_numpy().ravel()}
    assert not cells & full_niks
    assert all(re.fullmatch(r"\d{6}\*{8}\d{2}", n) for n in pack["nik_kepala"])
    assert (pack[list(view_verification.DECISION_FIELDS)] == "").all().all()


def test_a_partner_pack_has_no_name_no_nik_and_no_family_id(published):
    desa = busiest_desa(published, AFTER, "3527")
    raw = flagged(published, AFTER)
    expected = raw[(raw["desa_code"] == desa) & raw["error_kind"].notna()]
    pack = view_verification.pack(PARTNER, warehouse.get(published.ids[AFTER]), desa)
    assert list(pack.columns) == [*view_verification.PACK_COLUMNS_MASKED, *view_verification.DECISION_FIELDS]
    assert len(pack) == len(expected) > 0
    cells = " ".join(pack.astype(str).to_numpy().ravel())
    for name in expected["nama_kepala"]:
        assert name not in cells
    for secret in (*expected["keluarga_id"], *expected["nik_kepala"]):
        assert secret not in cells
    assert pack["family_pseudonym"].str.fullmatch(r"KLG-[0-9A-F]{12}").all()


def test_a_pack_of_another_regency_is_refused(published):
    desa = busiest_desa(published, AFTER, "3527")
    with pytest.raises(PermissionError):
        view_verification.pack(HEAD, warehouse.get(published.ids[AFTER]), desa)


def expected_rates(published, as_of: str, kab: str, decisions: dict[str, tuple[str, str | None]]) -> pd.DataFrame:
    fam = flagged(published, as_of)
    fam = fam[fam["kab_code"] == kab].copy()
    fam["decision"] = fam["keluarga_id"].map(lambda k: decisions.get(k, (None, None))[0])
    fam["reason"] = fam["keluarga_id"].map(lambda k: decisions.get(k, (None, None))[1])
    gone = ((fam["decision"] == "wrong") & fam["reason"].isin(["moved", "died"])) | (fam["decision"] == "not_found")
    refuted = fam["decision"].isin(["wrong", "not_found"])
    incl, excl = fam["error_kind"] == "inclusion", fam["error_kind"] == "exclusion"
    g = fam.assign(recipients=fam["receives"], included=incl, poorest=fam["desil"] <= 2, excluded=excl,
                   recipients_after=fam["receives"] & ~(incl & gone), included_after=incl & ~refuted,
                   poorest_after=(fam["desil"] <= 2) & ~(excl & gone), excluded_after=excl & ~refuted,
                   decided=fam["error_kind"].notna() & fam["decision"].notna())
    cols = ["recipients", "included", "poorest", "excluded", "recipients_after", "included_after", "poorest_after",
            "excluded_after", "decided"]
    out = g.groupby("kec_code")[cols].sum().astype(int)
    out["inclusion_rate_after"] = 100 * out["included_after"] / out["recipients_after"]
    out["exclusion_rate_after"] = 100 * out["excluded_after"] / out["poorest_after"]
    return out


@pytest.mark.parametrize("as_of", [MID, AFTER])
def test_decisions_change_the_rates_after_verification_exactly(decision_store, as_of):
    snapshot = warehouse.get(decision_store.ids[as_of])
    desa = busiest_desa(decision_store, as_of, SURABAYA)
    pack = view_verification.pack(HEAD, snapshot, desa)
    kinds = dict(zip(pack["keluarga_id"], pack["error_kind"]))
    choices = [("confirmed", None), ("wrong", "moved"), ("wrong", "welfare_changed"), ("not_found", None),
               ("wrong", "died"), ("wrong", "wrong_data")]
    decisions = {}
    for family, choice in zip(pack["keluarga_id"], choices * 10):
        view_verification.record_decision(HEAD, snapshot, desa=desa, keluarga_id=family, decision=choice[0],
                                          reason=choice[1], note="forum")
        decisions[family] = choice
    assert len(decisions) >= 2 and len(set(kinds.values())) >= 1
    shown = view_verification.by_area(HEAD, snapshot).set_index("area_code")
    expected = expected_rates(decision_store, as_of, SURABAYA, decisions)
    for column in expected.columns:
        if column.endswith("_rate_after"):
            pd.testing.assert_series_equal(shown[column].astype(float), expected[column].astype(float),
                                           check_names=False, check_index_type=False)
        else:
            assert shown[column].to_dict() == expected[column].to_dict(), column
    assert int(shown["decided"].sum()) == len(decisions)
    records = audit.read_log(action=verification.AUDIT_ACTION)
    assert set(d["keluarga_id"] for d in records["details"]) == set(decisions)
    # A second decision on the same family replaces the first.
    first = next(iter(decisions))
    view_verification.record_decision(HEAD, snapshot, desa=desa, keluarga_id=first, decision="confirmed",
                                      reason=None, note="")
    assert verification.decisions_in([SURABAYA]).set_index("keluarga_id").loc[first, "decision"] == "confirmed"


def test_decisions_are_refused_outside_the_users_desa_families(decision_store):
    snapshot = warehouse.get(decision_store.ids[AFTER])
    desa = busiest_desa(decision_store, AFTER, SURABAYA)
    other = busiest_desa(decision_store, AFTER, "3527")
    raw = flagged(decision_store, AFTER)
    family = raw[(raw["desa_code"] == desa) & raw["error_kind"].notna()]["keluarga_id"].iloc[0]
    unflagged = raw[(raw["desa_code"] == desa) & raw["error_kind"].isna()]["keluarga_id"].iloc[0]
    theirs = raw[(raw["desa_code"] == other) & raw["error_kind"].notna()]["keluarga_id"].iloc[0]
    attempts = [(HEAD, other, theirs, "confirmed", None), (HEAD, desa, theirs, "confirmed", None),
                (HEAD, desa, unflagged, "confirmed", None), (HEAD, desa, family, "wrong", None),
                (HEAD, desa, family, "confirmed", "died"), (HEAD, desa, family, "maybe", None),
                (PROVINCE, desa, family, "confirmed", None), (PARTNER, other, theirs, "confirmed", None)]
    for actor, where, who, decision, reason in attempts:
        with pytest.raises(verification.DecisionRefused):
            view_verification.record_decision(actor, snapshot, desa=where, keluarga_id=who, decision=decision,
                                              reason=reason, note="")
    assert verification.decisions_in([SURABAYA, "3527"]).empty


@pytest.mark.parametrize("as_of", PHASES)
def test_rates_before_verification_equal_pandas(published, as_of):
    shown = view_verification.by_area(PROVINCE, warehouse.get(published.ids[as_of])).set_index("area_code")
    fam = flagged(published, as_of)
    assert settings.VERIFICATION_EXCLUSION_DESIL_MAX == 2 and min(facts.INCLUSION_ERROR_DESIL) == 7
    per_kab = fam.assign(included=fam["error_kind"] == "inclusion", excluded=fam["error_kind"] == "exclusion",
                         poorest=fam["desil"] <= 2).groupby("kab_code")[
        ["receives", "included", "poorest", "excluded"]].sum().astype(int)
    assert shown["recipients"].astype(int).to_dict() == per_kab["receives"].to_dict()
    for column in ("included", "poorest", "excluded"):
        assert shown[column].astype(int).to_dict() == per_kab[column].to_dict(), column
    rate = 100 * per_kab["included"] / per_kab["receives"]
    assert shown["inclusion_rate"].astype(float).to_dict() == pytest.approx(rate.to_dict(), nan_ok=True)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def squeezed(text: str) -> str:
    """Text with every blank removed: a name wrapped inside a table cell still reads as one run."""
    return re.sub(r"\s+", "", text)


def places(desa: str) -> tuple[str, str, str]:
    """The desa's, kecamatan's and regency's names, read from the reference files."""
    from regsosek import reference

    desas, kecs, kabs = reference.desa(), reference.kecamatan(), reference.kabkota()
    return (desas.set_index("desa_code").at[desa, "nama"], kecs.set_index("kec_code").at[desa[:6], "nama"],
            kabs.set_index("kab_code").at[desa[:4], "nama"])


def delivered_pdf(scope, published, as_of: str, desa: str, lang: str = "id") -> bytes:
    from regsosek import export

    pending = view_verification.pack_download(scope, warehouse.get(published.ids[as_of]), desa, {}, "pdf", lang)
    return export.Delivery(pending, "verification", {"desa": desa, "format": "pdf"})()


@pytest.mark.parametrize("as_of", PHASES)
def test_the_pdf_pack_holds_every_flagged_family_with_a_masked_nik_and_is_audited(decision_store, as_of):
    raw = flagged(decision_store, as_of)
    if raw.loc[raw["kab_code"] == SURABAYA, "error_kind"].notna().any():
        desa = busiest_desa(decision_store, as_of, SURABAYA)
    else:  # early on nobody is scored yet: the pack says so
        desa = decision_store.table(as_of, "keluarga").query("kab_code == @SURABAYA")["desa_code"].min()
    expected = raw[(raw["desa_code"] == desa) & raw["error_kind"].notna()]
    data = delivered_pdf(HEAD, decision_store, as_of, desa)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    flat = squeezed(text)
    # One row per flagged family of the desa, and no other family of it.
    assert sorted(re.findall(r"(?<!\d)35\d{15}(?!\d)", flat)) == sorted(expected["keluarga_id"])
    for family in expected.itertuples():
        masked = f"{family.nik_kepala[:6]}{'*' * 8}{family.nik_kepala[-2:]}"
        assert squeezed(family.nama_kepala) in flat and masked in flat and family.sls_id in flat
    assert (squeezed("Tidak ada keluarga yang ditandai") in flat) == expected.empty
    kinds = {"inclusion": "inclusionerror", "exclusion": "exclusionerror"}
    assert flat.count(kinds["inclusion"]) - 1 == (expected["error_kind"] == "inclusion").sum()  # + the definition
    assert flat.count(kinds["exclusion"]) - 1 == (expected["error_kind"] == "exclusion").sum()
    # Never a full NIK: no run of exactly 16 digits, and no NIK of the snapshot anywhere.
    assert not re.search(r"(?<!\d)\d{16}(?!\d)", flat)
    assert not any(nik in flat for nik in raw.loc[raw["desa_code"] == desa, "nik_kepala"])
    desa_name, kec_name, kab_name = places(desa)
    assert squeezed(desa_name) in flat and squeezed(kec_name) in flat and squeezed(kab_name) in flat
    day = pd.Timestamp(as_of)
    month = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")[day.month - 1]
    assert f"Dataper{day.day}{month}{day.year}" in flat
    for words in ("desil 7-10 yang menerima PKH, BPNT atau BLT", "desil 1-2 yang tidak menerima",
                  "Kepala desa/lurah", "(nama dan tanda tangan)"):
        assert squeezed(words) in flat, words
    headings = ("Keputusanforum", "Alasan", "Catatan", "NIKkepala(disamarkan)", "RT", "RW")
    assert all(heading in flat for heading in headings) == (not expected.empty)
    [record] = audit.read_log(action="download").to_dict("records")
    assert record["page"] == "verification" and record["user"] == HEAD.username
    assert record["rows"] == len(expected)
    assert record["sha256"] == hashlib.sha256(data).hexdigest()
    assert record["filters"]["desa"] == desa and record["filters"]["file"].endswith(".pdf")


def test_a_partner_pdf_pack_has_pseudonyms_and_rt_rw_only(decision_store):
    desa = busiest_desa(decision_store, AFTER, "3527")
    raw = flagged(decision_store, AFTER)
    expected = raw[(raw["desa_code"] == desa) & raw["error_kind"].notna()]
    flat = squeezed(pdf_text(delivered_pdf(PARTNER, decision_store, AFTER, desa, "en")))
    assert len(re.findall(r"KLG-[0-9A-F]{12}", flat)) == len(expected) > 0
    assert not re.search(r"\d{16}", flat)  # no NIK, no family id (17 digits), not even in part
    people = raw.loc[raw["desa_code"] == desa, "nama_kepala"]
    assert not [name for name in people if squeezed(name) in flat]
    assert "Head" not in flat and "NIK" not in flat and "SLS" not in flat
    for words in ("Village verification pack", "Data as of 30 Nov 2022", "RT", "RW", "Forum decision",
                  "(name and signature)"):
        assert squeezed(words) in flat, words


def test_a_pdf_pack_of_another_regency_is_refused_and_audits_nothing(decision_store):
    desa = busiest_desa(decision_store, AFTER, "3527")
    with pytest.raises(PermissionError):
        delivered_pdf(HEAD, decision_store, AFTER, desa)
    assert audit.read_log(action="download").empty
