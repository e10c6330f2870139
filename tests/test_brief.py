"""The one-page brief: the command writes an A4 PDF and a phone PNG per area; the PDF's text carries the
as-of date, the area's name and headline figures equal to pandas on the raw snapshot, suppressed for the
aggregate tier; a download from the profile is audited before its bytes leave the server."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfReader

from regsosek import access, audit, brief, export, formats, settings, warehouse
from tests.snapshots import AFTER, EARLY, MID
from tests.test_indicators import family_flags

SAMPANG = "3527"


def pdf_text(path_or_bytes) -> str:
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    reader = PdfReader(source)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    return " ".join(reader.pages[0].extract_text().split())


@pytest.mark.parametrize("as_of", [MID, AFTER])
def test_regency_brief_from_the_command(published, tmp_path, as_of):
    snapshot = warehouse.get(published.ids[as_of])
    code = brief.run(["--area", SAMPANG, "--out", str(tmp_path), "--snapshot", snapshot.snapshot_id])
    assert code == 0
    pdf_path = tmp_path / f"brief_{SAMPANG}_{as_of}_id.pdf"
    png_path = tmp_path / f"brief_{SAMPANG}_{as_of}_id.png"
    text = pdf_text(pdf_path)
    assert formats.day(as_of, "id") in text  # "1 Nov 2022"
    assert "Kab. Sampang" in text
    flags = family_flags(published, as_of)
    mine = flags[flags["kab"] == SAMPANG]
    families = len(mine)
    assert families >= settings.SMALL_COUNT
    assert f"{formats.count(families, 'id')} keluarga di Kab. Sampang" in text
    poorest = 100.0 * mine["poorest"].sum() / mine["scored"].sum()
    province = 100.0 * flags["poorest"].sum() / flags["scored"].sum()
    assert f"{formats.percent(poorest, 'id')} berada di desil 1-2" in text
    assert f"rata-rata provinsi: {formats.percent(province, 'id')}" in text
    assert "Demo berskala" in text
    with Image.open(png_path) as image:
        assert image.size == brief.PHONE_PX


def test_english_province_brief(published, tmp_path):
    snapshot = warehouse.get(published.ids[AFTER])
    assert brief.run(["--area", "35", "--out", str(tmp_path), "--lang", "en",
                      "--snapshot", snapshot.snapshot_id]) == 0
    text = pdf_text(tmp_path / f"brief_35_{AFTER}_en.pdf")
    flags = family_flags(published, AFTER)
    assert "East Java Province" in text and "30 Nov 2022" in text
    assert f"{formats.count(len(flags), 'en')} families in East Java Province" in text


def test_a_small_kecamatan_brief_hides_its_counts(published, tmp_path):
    flags = family_flags(published, EARLY)
    per_kec = flags.groupby("kec").size()
    small = per_kec[per_kec.between(1, settings.SMALL_COUNT - 1)]
    assert not small.empty, "the data must hold a kecamatan with 1-9 interviewed families"
    kec = small.index[0]
    snapshot = warehouse.get(published.ids[EARLY])
    assert brief.run(["--area", kec, "--out", str(tmp_path), "--snapshot", snapshot.snapshot_id]) == 0
    text = pdf_text(tmp_path / f"brief_{kec}_{EARLY}_id.pdf")
    assert "<10 keluarga di" in text
    assert f" {int(small.iloc[0])} keluarga di" not in text


def test_unknown_area_is_refused(published, tmp_path):
    assert brief.run(["--area", "9999", "--out", str(tmp_path),
                      "--snapshot", published.ids[MID]]) == 2
    assert not list(tmp_path.iterdir())


def test_download_is_audited_before_the_bytes(private_copy):
    scope = access.scope_for("gubernur", "gubernur")
    snapshot = warehouse.get(private_copy.ids[MID])
    before = len(audit.read_log())
    pending = brief.pending(scope, snapshot, SAMPANG, "id", "pdf")
    assert pending.file_name == f"brief_{SAMPANG}_{MID}_id.pdf"
    data = export.Delivery(pending, "conditions", {"brief": SAMPANG, "format": "pdf"})()
    log = audit.read_log()
    assert len(log) == before + 1
    assert "Kab. Sampang" in pdf_text(data)
    last = log.iloc[-1]
    assert last["page"] == "conditions" and last["user"] == "gubernur"


def test_a_regency_head_gets_only_its_own_regencys_brief(private_copy):
    """Whatever code a URL or a form sends, a kab/kota head's brief is its own regency's; another area is refused."""
    head = access.scope_for("bps_surabaya", "bps_kabkota", ("3578",))
    snapshot = warehouse.get(private_copy.ids[MID])
    for code in (SAMPANG, "352701", "35270"):
        with pytest.raises(PermissionError):
            brief.pending(head, snapshot, code, "id", "pdf")
        with pytest.raises(PermissionError):
            brief.download(head, snapshot, code, "id", "pdf")
    for code in ("3578999", "3578010001"):  # no such kecamatan; a desa has no brief
        with pytest.raises(ValueError):
            brief.pending(head, snapshot, code, "id", "pdf")
    pending = brief.pending(head, snapshot, brief.PROVINCE_CODE, "id", "pdf")
    assert pending.file_name == f"brief_3578_{MID}_id.pdf"
    text = pdf_text(export.Delivery(pending, "overview", {"brief": "35", "format": "pdf"})())
    flags = family_flags(private_copy, MID)
    assert "Kota Surabaya" in text and "Kab. Sampang" not in text and "Jawa Timur" not in text
    assert f"{formats.count(int((flags['kab'] == '3578').sum()), 'id')} keluarga di Kota Surabaya" in text
    assert "rata-rata" not in text  # nothing above its own regency to compare with
    assert audit.read_log(action="download").iloc[-1]["user"] == "bps_surabaya"


def test_the_profile_page_offers_a_head_only_its_own_brief(private_copy, monkeypatch):
    from tests.monitoring_expected import open_page

    asked = []
    real = brief.pending

    def spy(scope, snapshot, code, lang, fmt):
        pending = real(scope, snapshot, code, lang, fmt)
        asked.append(pending.file_name)
        return pending

    monkeypatch.setattr(brief, "pending", spy)
    at = open_page("conditions", "bps_surabaya", area=SAMPANG, kab=SAMPANG)
    assert not at.exception
    assert asked and all(name.startswith("brief_3578_") for name in asked)
