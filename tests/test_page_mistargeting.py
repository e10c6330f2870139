"""The mistargeting page: exclusion error per area equals the raw data; suppression; refusals."""

from __future__ import annotations

import pytest

from regsosek import facts, i18n, privacy
from tests.test_page_targets import run_page

AS_OF = "2022-11-14"


def test_exclusion_error_per_kecamatan_matches_the_data(published):
    at = run_page("bps_surabaya", page="mistargeting")
    assert not at.exception
    k = published.table(AS_OF, "keluarga")
    k = k[(k["kab_code"] == "3578") & k["desil"].isin(facts.PROGRAMME_ELIGIBLE_DESIL["pkh"])]
    k = k.assign(excluded=~k["terima_pkh"].fillna(False).astype(bool))
    want = k.groupby("kec_code").agg(eligible=("excluded", "size"), excluded=("excluded", "sum"))
    table = at.main.dataframe[0].value
    assert sorted(table[i18n.t("mis_col_eligible")].astype(int)) == sorted(want["eligible"])
    assert sorted(table[i18n.t("mis_col_excluded")].astype(int)) == sorted(want["excluded"])
    rates = table[i18n.t("mis_col_exclusion_rate")].dropna()
    assert list(rates) == sorted(rates, reverse=True)


def test_governor_sees_small_counts_suppressed(published):
    at = run_page("gubernur", page="mistargeting")
    table = at.main.dataframe[0].value
    for col in ("mis_col_eligible", "mis_col_excluded", "mis_col_recipients", "mis_col_included"):
        for value in table[i18n.t(col)]:
            assert value == privacy.SUPPRESSED or value == "0" or int(value.replace(".", "")) >= 10


@pytest.mark.parametrize("username", ["csr_madura", "admin"])
def test_roles_without_mistargeting_are_refused(published, username):
    at = run_page(username, page="mistargeting")
    assert at.main.error and not at.main.dataframe
