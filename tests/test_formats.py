"""Numbers, percents, dates and times read as each language writes them, from Babel's locale data."""

from datetime import UTC, date, datetime, timedelta, timezone

import pandas as pd
import pytest

from regsosek import formats


@pytest.mark.parametrize("value,id_text,en_text", [
    (1234567, "1.234.567", "1,234,567"),
    (940, "940", "940"),
    (0, "0", "0"),
    (126033, "126.033", "126,033"),
])
def test_integers_group_thousands_per_language(value, id_text, en_text):
    assert formats.integer(value, "id") == id_text
    assert formats.integer(value, "en") == en_text


@pytest.mark.parametrize("value,id_text,en_text", [
    (96.94, "96,9%", "96.9%"),
    (96.95, "97,0%", "97.0%"),  # a half rounds up, as by hand
    (100.0, "100,0%", "100.0%"),
    (0.04, "0,0%", "0.0%"),
    (1234.5, "1.234,5%", "1,234.5%"),
])
def test_percents_have_one_decimal_and_the_language_decimal_mark(value, id_text, en_text):
    assert formats.percent(value, "id") == id_text
    assert formats.percent(value, "en") == en_text


@pytest.mark.parametrize("value,id_text,en_text", [(8.65, "8,7", "8.7"), (8.7, "8,7", "8.7"),
                                                   (1234.56, "1.234,6", "1,234.6"), (3, "3,0", "3.0")])
def test_one_decimal_numbers(value, id_text, en_text):
    assert formats.number(value, "id") == id_text
    assert formats.number(value, "en") == en_text


def test_signed_differences_use_an_ascii_minus_so_metrics_colour_them():
    assert formats.signed(-4.04, "id") == "-4,0"
    assert formats.signed(2.25, "en") == "+2.3"


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, pd.NaT])
def test_missing_values_read_as_a_dash_and_hidden_counts_as_under_ten(missing):
    for lang in ("id", "en"):
        assert formats.integer(missing, lang) == "–"
        assert formats.number(missing, lang) == "–"
        assert formats.percent(missing, lang) == "–"
        assert formats.day(missing, lang) == "–"
        assert formats.count(missing, lang) == "<10"
    assert formats.count(12, "id") == "12" and formats.count(1234, "id") == "1.234"


@pytest.mark.parametrize("value,id_text,en_text", [
    (date(2022, 11, 16), "16 Nov 2022", "16 Nov 2022"),
    (date(2022, 8, 16), "16 Agu 2022", "16 Aug 2022"),
    (date(2022, 10, 15), "15 Okt 2022", "15 Oct 2022"),
    (date(2022, 5, 1), "1 Mei 2022", "1 May 2022"),
    (date(2022, 12, 31), "31 Des 2022", "31 Dec 2022"),
    ("2022-11-14", "14 Nov 2022", "14 Nov 2022"),
    (pd.Timestamp("2022-10-28"), "28 Okt 2022", "28 Oct 2022"),
])
def test_dates_read_day_month_year_with_the_language_month_names(value, id_text, en_text):
    assert formats.day(value, "id") == id_text
    assert formats.day(value, "en") == en_text


def test_timestamps_are_shown_in_western_indonesia_time():
    # 20:30 UTC on 15 Nov is 03:30 on 16 Nov in Jakarta (UTC+7): the date moves too.
    utc = datetime(2022, 11, 15, 20, 30, tzinfo=UTC)
    assert formats.timestamp(utc, "id") == "16 Nov 2022 03:30 WIB"
    assert formats.timestamp(utc.isoformat(), "en") == "16 Nov 2022 03:30 WIB"
    assert formats.timestamp("2022-08-01T01:00:00", "id") == "1 Agu 2022 08:00 WIB"  # naive = UTC
    tokyo = datetime(2022, 10, 16, 9, 0, tzinfo=timezone(timedelta(hours=9)))
    assert formats.timestamp(tokyo, "en") == "16 Oct 2022 07:00 WIB"
    assert formats.timestamp(pd.Timestamp("2022-11-14T17:00:00Z"), "id") == "15 Nov 2022 00:00 WIB"
    assert formats.timestamp("", "id") == "–"


def test_chart_separators_and_date_axis_follow_the_language():
    assert formats.plotly_separators("id") == ",."
    assert formats.plotly_separators("en") == ".,"
    days = pd.date_range("2022-10-15", "2022-11-14").date
    axis = formats.date_axis(days, "id", most=12)
    assert len(axis["tickvals"]) <= 12
    assert axis["tickvals"][0] == "2022-10-15" and axis["ticktext"][0] == "15 Okt"
    assert dict(zip(axis["tickvals"], axis["ticktext"]))["2022-11-05"] == "5 Nov"
    assert formats.date_axis(days, "en")["ticktext"][0] == "15 Oct"
    across = formats.date_axis(pd.date_range("2022-12-20", "2023-01-10").date, "id", most=4)  # two years: in full
    assert across["ticktext"][0] == "20 Des 2022" and across["ticktext"][-1].endswith("2023")
    assert formats.hover_dates([date(2022, 8, 17)], "id") == ["17 Agu 2022"]


def test_snapshot_labels_carry_a_short_id_only_when_two_share_a_date():
    from pathlib import Path

    from regsosek import ui, warehouse

    def info(snapshot_id: str, as_of: date) -> warehouse.SnapshotInfo:
        return warehouse.SnapshotInfo(snapshot_id=snapshot_id, as_of=as_of, scale=0.01, workforce_full=67350,
                                      row_counts={}, published_at="", path=Path("."))

    alone, first, second = (info("2022-11-14_aaaa1111", date(2022, 11, 14)),
                            info("2022-08-16_bbbb2222", date(2022, 8, 16)),
                            info("2022-08-16_cccc3333", date(2022, 8, 16)))
    published = [alone, first, second]
    assert ui.snapshot_label(alone, published, "id") == "per 14 Nov 2022"
    assert ui.snapshot_label(alone, published, "en") == "as of 14 Nov 2022"
    assert ui.snapshot_label(first, published, "id") == "per 16 Agu 2022 (bbbb2222)"
    assert ui.snapshot_label(second, published, "en") == "as of 16 Aug 2022 (cccc3333)"
