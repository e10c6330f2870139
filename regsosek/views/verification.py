"""Verifikasi desa (village verification): a desa's possible inclusion and exclusion errors for its forum, the
forum's decisions recorded back, and the error rates before and after verification by area.

Flags (queries/macros/verification_flag.sql): a scored family in facts.INCLUSION_ERROR_DESIL receiving PKH,
BPNT or BLT is a possible inclusion error; one in desil 1..settings.VERIFICATION_EXCLUSION_DESIL_MAX receiving
none of them a possible exclusion error.

Rates, per area at the scope's level (kab/kota, or kecamatan for a one-regency user):
- inclusion rate = included / recipients (scored families receiving PKH, BPNT or BLT);
- exclusion rate = excluded / poorest (scored families in the poorest deciles);
- after verification, a flagged family decided "wrong" (any reason) or "not found" is no longer counted as an
  error; one decided "wrong" because it moved or died, or "not found", also leaves the base (it is not there).
  Confirmed and undecided families stay errors. Only decisions on families still flagged in the snapshot count.
Each rate is shown with the number of families it rests on (its base).

The pack: for roles that see names, the head's name, masked NIK (never the full NIK), SLS and RT/RW; for roles
that do not, a per-user pseudonym and RT/RW only. Decisions: roles with `records_verification`, within scope.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace

from regsosek import (
    access,
    brief,
    db,
    export,
    facts,
    formats,
    i18n,
    phase,
    privacy,
    reference,
    settings,
    verification,
    warehouse,
)

ERROR_KINDS = ("inclusion", "exclusion")
PACK_COLUMNS_NAMED = ("keluarga_id", "nama_kepala", "nik_kepala", "sls_id", "rw", "rt", "desil", "terima_pkh",
                      "terima_bpnt", "terima_blt", "error_kind")
PACK_COLUMNS_MASKED = ("family_pseudonym", "rw", "rt", "desil", "error_kind")
DECISION_FIELDS = ("decision", "reason", "note")
AREA_COUNTS = ("recipients", "included", "recipients_after", "included_after", "poorest", "excluded",
               "poorest_after", "excluded_after", "flagged", "decided")
AREA_RATES = {"inclusion_rate": ("recipients", "included"), "inclusion_rate_after": ("recipients_after",
                                                                                     "included_after"),
              "exclusion_rate": ("poorest", "excluded"), "exclusion_rate_after": ("poorest_after", "excluded_after")}
# The printed pack (A4 landscape): each column's share of the 277 mm line, and the forum's signatures.
PDF_WIDTHS = {"keluarga_id": 31, "family_pseudonym": 34, "nama_kepala": 40, "nik_kepala": 32, "sls_id": 27,
              "rw": 9, "rt": 9, "desil": 11, "terima_pkh": 10, "terima_bpnt": 11, "terima_blt": 10,
              "error_kind": 25, "decision": 24, "reason": 24, "note": 40}
PDF_LINE_MM = 277
PDF_ROW_MM = 7.0  # room to write a decision by hand
PDF_SIGNATURES = ("verify_pdf_sign_head", "verify_pdf_sign_officer", "verify_pdf_sign_secretary")
AREA_COLUMNS = ("area_code", "area_name", "flagged", "decided", "recipients", "included", "inclusion_rate",
                "recipients_after", "included_after", "inclusion_rate_after", "poorest", "excluded",
                "exclusion_rate", "poorest_after", "excluded_after", "exclusion_rate_after")


def _flag_params() -> dict[str, int]:
    return {"inclusion_desil_min": min(facts.INCLUSION_ERROR_DESIL),
            "exclusion_desil_max": settings.VERIFICATION_EXCLUSION_DESIL_MAX}


@dataclass(frozen=True)
class VerificationView:
    timeline: phase.Timeline
    kab: str | None
    kec: str | None
    desa: str | None
    kec_options: dict[str, str]  # of the chosen regency
    desa_options: dict[str, str]  # of the chosen kecamatan
    records: bool  # the user records decisions
    families: pd.DataFrame | None  # the chosen desa's pack columns + decision, reason, note (its current decisions)
    level: str  # "kab" or "kec"
    by_area: pd.DataFrame  # AREA_COLUMNS


def _candidates(scope: access.Scope, snapshot: warehouse.SnapshotInfo, desa: str) -> pd.DataFrame:
    if not scope.may_see_kab(desa[:4]):
        raise PermissionError(f"desa {desa} is outside the user's scope")
    return db.cached_run("verification_candidates", scope, snapshot.snapshot_id, desa=desa, **_flag_params())


def pack(scope: access.Scope, snapshot: warehouse.SnapshotInfo, desa: str) -> pd.DataFrame:
    """The verification pack of one desa: the fields that find each flagged family, for the user's tier, and
    the forum's decision columns left empty."""
    if not scope.spec.lists_family_rows:
        raise PermissionError(f"role {scope.role} may not list families")
    rows = _candidates(scope, snapshot, desa).copy()
    if scope.spec.sees_names:
        rows["nik_kepala"] = [privacy.mask_nik(n) for n in rows["nik_kepala"]]
        columns = PACK_COLUMNS_NAMED
    else:
        secret = export.server_secret()
        rows["family_pseudonym"] = [privacy.pseudonym(k, secret, scope.username) for k in rows["keluarga_id"]]
        columns = PACK_COLUMNS_MASKED
    out = rows[list(columns)].reset_index(drop=True)
    for field in DECISION_FIELDS:
        out[field] = ""
    return out


def record_decision(scope: access.Scope, snapshot: warehouse.SnapshotInfo, *, desa: str, keluarga_id: str,
                    decision: str, reason: str | None, note: str) -> None:
    """Record the forum's decision on a family flagged in the desa (refused for any other family)."""
    if not scope.spec.records_verification or not scope.may_see_kab(desa[:4]):
        raise verification.DecisionRefused(f"desa {desa} is outside what this user records")
    flagged = _candidates(scope, snapshot, desa)
    if keluarga_id not in set(flagged["keluarga_id"]):
        raise verification.DecisionRefused(f"family {keluarga_id} is not flagged in desa {desa}")
    verification.record(scope, keluarga_id=keluarga_id, kab_code=desa[:4], desa_code=desa, decision=decision,
                        reason=reason, note=note, snapshot_id=snapshot.snapshot_id)


def by_area(scope: access.Scope, snapshot: warehouse.SnapshotInfo, kab: str | None = None) -> pd.DataFrame:
    """Error rates before and after verification per area (AREA_COLUMNS), with the families each rests on."""
    level = "kec" if kab is not None else scope.area_level
    base = db.cached_run("verification_base_by_area", scope, snapshot.snapshot_id, level=level, kab=kab,
                         **_flag_params()).set_index("area_code")
    decided = verification.decisions_in((kab,) if kab else scope.kab_codes)
    families = db.run("verification_families", scope, snapshot.snapshot_id, ids=list(decided["keluarga_id"]),
                      **_flag_params())
    now = families.merge(decided[["keluarga_id", "decision", "reason"]], on="keluarga_id")
    now = now[now["error_kind"].notna()]
    now["area_code"] = now["kab_code"] if level == "kab" else now["kec_code"]
    refuted = now["decision"].isin(("wrong", "not_found"))
    leaves = pd.Series([(d, None if pd.isna(r) else r) in verification.LEAVES_BASE
                        for d, r in zip(now["decision"], now["reason"])], index=now.index, dtype=bool)

    def per_area(mask: pd.Series, kind: str) -> pd.Series:
        return now[mask & (now["error_kind"] == kind)].groupby("area_code").size().reindex(base.index, fill_value=0)

    out = base.copy()
    out["flagged"] = out["included"] + out["excluded"]
    out["decided"] = now.groupby("area_code").size().reindex(base.index, fill_value=0)
    out["included_after"] = out["included"] - per_area(refuted, "inclusion")
    out["recipients_after"] = out["recipients"] - per_area(leaves, "inclusion")
    out["excluded_after"] = out["excluded"] - per_area(refuted, "exclusion")
    out["poorest_after"] = out["poorest"] - per_area(leaves, "exclusion")
    for rate, (denominator, numerator) in AREA_RATES.items():
        out[rate] = (100.0 * out[numerator] / out[denominator]).where(out[denominator] > 0)
    out = out.reset_index()
    names = dict(zip(reference.kabkota()["kab_code"], reference.kabkota()["nama"])) if level == "kab" else \
        dict(zip(reference.kecamatan()["kec_code"], reference.kecamatan()["nama"]))
    out["area_name"] = out["area_code"].map(names)
    out = privacy.protect(out, list(AREA_COUNTS), scope, rates=AREA_RATES)
    return out.astype({c: "Int64" for c in AREA_COUNTS})[list(AREA_COLUMNS)]


def build(scope: access.Scope, snapshot: warehouse.SnapshotInfo, *, kab: str | None = None, kec: str | None = None,
          desa: str | None = None) -> VerificationView:
    kab = kab if kab is not None and scope.may_see_kab(kab) else None
    if kab is None and len(scope.kab_codes) == 1:
        kab = scope.kab_codes[0]
    kecs = reference.kecamatan()
    kec_options = dict(zip(kecs.loc[kecs["kab_code"] == kab, "kec_code"], kecs.loc[kecs["kab_code"] == kab, "nama"]))
    kec = kec if kec in kec_options else None
    desas = reference.desa()
    in_kec = desas[desas["kec_code"] == kec] if kec else desas.iloc[0:0]
    desa_options = dict(zip(in_kec["desa_code"], in_kec["nama"]))
    desa = desa if desa in desa_options else None
    families = None
    if desa is not None and scope.spec.lists_family_rows:
        families = pack(scope, snapshot, desa).drop(columns=list(DECISION_FIELDS))
        if scope.spec.sees_names:
            current = verification.decisions_in((kab,), desa)[["keluarga_id", *DECISION_FIELDS]]
            families = families.merge(current, on="keluarga_id", how="left")
    return VerificationView(
        timeline=phase.timeline(snapshot.as_of),
        kab=kab,
        kec=kec,
        desa=desa,
        kec_options=kec_options,
        desa_options=desa_options,
        records=scope.spec.records_verification,
        families=families,
        level="kec" if kab is not None else scope.area_level,
        by_area=by_area(scope, snapshot, kab),
    )


def place_names(desa: str) -> tuple[str, str, str]:
    """The desa's, its kecamatan's and its regency's names."""
    desas, kecs, kabs = reference.desa(), reference.kecamatan(), reference.kabkota()
    return (desas.loc[desas["desa_code"] == desa, "nama"].iloc[0],
            kecs.loc[kecs["kec_code"] == desa[:6], "nama"].iloc[0],
            kabs.loc[kabs["kab_code"] == desa[:4], "nama"].iloc[0])


class _PackPDF(FPDF):
    """A4 landscape with the desa and the page number at the foot of every page."""

    def __init__(self, foot: str) -> None:
        super().__init__(orientation="landscape", format="A4", unit="mm")
        self.foot = foot

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font("helvetica", "", 7)
        self.cell(0, 4, self.foot.replace("{page}", str(self.page_no())), align="R")


def pack_pdf(frame: pd.DataFrame, header: export.ExportHeader, desa: str) -> bytes:
    """The pack for the forum as A4 landscape pages: the places and the as-of date, the flags in words, one row
    per family with the same columns as the Excel pack (its decision columns empty), and signature lines."""
    lang = header.lang

    def t(key: str, **fmt: object) -> str:
        return brief.pdf_text(i18n.t(key, lang, **fmt))

    def cell(column: str, value: object) -> str:
        if formats.is_missing(value) or value == "":
            return ""
        if column == "error_kind":
            return t(f"verify_kind_{value}")
        if isinstance(value, bool):
            return t("verify_pdf_yes" if value else "verify_pdf_no")
        return brief.pdf_text(str(value))

    desa_name, kec_name, kab_name = place_names(desa)
    doc = _PackPDF(t("verify_pdf_page", desa=desa_name, page="{page}"))
    doc.set_margins(10, 10, 10)
    doc.set_auto_page_break(True, margin=14)
    doc.set_title(t("verify_pdf_title", desa=desa_name))
    doc.add_page()
    doc.set_font("helvetica", "B", 14)
    doc.multi_cell(0, 7, t("verify_pdf_title", desa=desa_name), new_x="LMARGIN", new_y="NEXT")
    doc.set_font("helvetica", "", 10)
    doc.multi_cell(0, 5, t("verify_pdf_places", desa=desa_name, desa_code=desa, kec=kec_name, kab=kab_name),
                   new_x="LMARGIN", new_y="NEXT")
    doc.multi_cell(0, 5, t("verify_pdf_as_of", day=formats.day(header.as_of, lang)), new_x="LMARGIN", new_y="NEXT")
    doc.set_font("helvetica", "", 8)
    doc.multi_cell(0, 4, " | ".join(f"{label}: {brief.pdf_text(str(value))}" for label, value in header.lines()),
                   new_x="LMARGIN", new_y="NEXT")
    doc.ln(1)
    doc.set_font("helvetica", "", 9)
    bands = {"inclusion": f"{min(facts.INCLUSION_ERROR_DESIL)}-{max(facts.INCLUSION_ERROR_DESIL)}",
             "exclusion": f"1-{settings.VERIFICATION_EXCLUSION_DESIL_MAX}"}
    for key in ("verify_pdf_inclusion", "verify_pdf_exclusion", "verify_pdf_decisions"):
        doc.multi_cell(0, 4.5, t(key, **bands), new_x="LMARGIN", new_y="NEXT")
    doc.ln(2)
    columns = list(frame.columns)
    weights = [PDF_WIDTHS[c] for c in columns]
    widths = [PDF_LINE_MM * w / sum(weights) for w in weights]
    doc.set_font("helvetica", "", 7.5)
    if frame.empty:
        doc.multi_cell(0, 5, t("verify_pdf_none"), new_x="LMARGIN", new_y="NEXT")
    else:
        with doc.table(col_widths=widths, width=PDF_LINE_MM, line_height=PDF_ROW_MM, text_align="LEFT",
                       headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230))) as table:
            table.row([t(f"verify_col_{c}") for c in columns])
            for values in frame.itertuples(index=False):
                row = table.row()
                for column, value in zip(columns, values):
                    row.cell(cell(column, value))
    doc.ln(6)
    if doc.get_y() > doc.h - 50:
        doc.add_page()
    doc.set_font("helvetica", "", 9)
    doc.cell(0, 5, t("verify_pdf_place_date"), new_x="LMARGIN", new_y="NEXT")
    doc.ln(16)
    third = PDF_LINE_MM / len(PDF_SIGNATURES)
    top = doc.get_y()
    for i, key in enumerate(PDF_SIGNATURES):
        x = doc.l_margin + i * third
        doc.line(x + 5, top, x + third - 5, top)
        doc.set_xy(x + 5, top + 1)
        doc.cell(third - 10, 4, t(key), align="C")
        doc.set_xy(x + 5, top + 5)
        doc.cell(third - 10, 4, t("verify_pdf_sign_name"), align="C")
    return bytes(doc.output())


def pack_download(scope: access.Scope, snapshot: warehouse.SnapshotInfo, desa: str,
                  labels: dict[str, str], fmt: str = "xlsx", lang: str = i18n.DEFAULT_LANG) -> export.Pending:
    """The desa's pack as an Excel file or a PDF for the forum, built only on the click (export.offer audits it
    before handing it out); `labels` names the Excel columns in the user's language."""
    if fmt not in ("xlsx", "pdf"):
        raise ValueError(f"unknown pack format {fmt!r}")
    header = export.header_for(scope, snapshot.as_of.isoformat(), snapshot.snapshot_id,
                               export.describe({"desa": desa}), "verifikasi desa", lang=lang)
    stem = f"verifikasi_{desa}"
    mime = brief.PDF_MIME if fmt == "pdf" else export.MIME["xlsx"]

    def build() -> export.Download:
        frame = pack(scope, snapshot, desa)
        if fmt == "xlsx":
            return export.build(frame.rename(columns=labels), header, "xlsx", stem)
        data = pack_pdf(frame, header, desa)
        return export.Download(data=data, file_name=export.file_name(stem, header.as_of, fmt), mime=mime,
                               rows=len(frame), sha256=hashlib.sha256(data).hexdigest(), header=header)

    return export.Pending(build=build, file_name=export.file_name(stem, header.as_of, fmt), mime=mime)
