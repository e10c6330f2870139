"""As a CSR partner nothing identifying reaches the page or a download."""

from __future__ import annotations

import io
import re

import openpyxl

from regsosek import access, db, export, i18n, reference, settings
from regsosek import targeting as tg
from tests.test_page_targets import run_page, url_of

AS_OF = "2022-11-14"
NIK = re.compile(r"\b35\d{14}\b")


def xlsx_text(data: bytes) -> str:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return "\n".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row)


def rendered_text(at) -> str:
    parts = [m.value for m in at.main.markdown] + [m.value for m in at.main.metric]
    parts += [frame.value.to_csv() for frame in at.main.dataframe]
    return "\n".join(str(p) for p in parts)


def test_csr_page_and_downloads_hold_no_names_niks_birth_dates_or_geotags(published):
    filt = tg.PRESETS["poorest_without_pkh_bpnt"]
    at = run_page("csr_madura", url_of(filt))
    scope = access.scope_for("csr_madura", "mitra_csr", ("3526", "3527", "3528", "3529"))
    rows = db.run(tg.list_query(scope), scope, published.late_id, row_limit=settings.EXPORT_ROW_CAP, row_offset=0,
                  min_desa_families=tg.min_desa_families(scope), **filt.query_params())
    frame = tg.mask_rows(rows, scope, export.server_secret())
    header = export.header_for(scope, AS_OF, published.late_id, filt.describe(), "test")
    texts = [rendered_text(at), export.build(frame, header, "csv", "x").data.decode(),
             xlsx_text(export.build(frame, header, "xlsx", "x").data)]
    k = published.table(AS_OF, "keluarga")
    a = published.table(AS_OF, "anggota")
    k = k[k["kab_code"].isin(scope.kab_codes)]
    # A name that is part of a place name the rows carry (desa, kecamatan, kab/kota: "Koko" in "Kokop") or of the
    # UI's own words (the role "Mitra CSR" in the header) is no leak.
    places = " ".join([*reference.desa()["nama"], *reference.kecamatan()["nama"], *reference.kabkota()["nama"],
                       *(text for pair in i18n.TEXT.values() for text in pair)])
    names = {n for n in set(k["nama_kepala"]) | set(a["nama"]) if len(n) > 3 and n not in places}
    for text in texts:
        assert not NIK.search(text)
        assert not any(str(d) in text for d in a["tgl_lahir"].head(2000))
        assert not any(f"{v:.5f}" in text for v in k["lat"].dropna().head(2000))
        assert not [n for n in names if n in text]


def test_a_small_list_shows_nothing_a_partner_could_count(published):
    at = run_page("csr_madura", {"kab": ["3527"], "desil_min": "10", "conditions": ["elderly_alone", "disability"]})
    assert [m.value for m in at.main.metric] == ["0", "0"]
    assert len(at.main.dataframe) == 1 and at.main.dataframe[0].value.empty
    assert not at.main.get("download_button")
