"""Masking and suppression: what a suppressing role can and cannot learn."""

import pandas as pd
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from regsosek import privacy, settings
from regsosek.access import scope_for

GOV = scope_for("g", "gubernur")
BPS = scope_for("b", "bps_provinsi")
CSR = scope_for("c", "mitra_csr", kab_codes=("3526",))


def test_mask_nik_keeps_area_prefix_and_last_digits_only():
    assert privacy.mask_nik("3578014506900012") == "357801********12"
    assert privacy.mask_nik("not-a-nik") == "*" * 16
    assert privacy.mask_nik(None) is None


def test_initials_never_reveal_a_name():
    assert privacy.initials("Siti Nur Rahayu") == "S. N. R."
    assert privacy.initials("") == ""


def test_pseudonyms_are_stable_and_differ_between_audiences():
    a1 = privacy.pseudonym("35780100010001001", b"k" * 32, "csr_a")
    assert a1 == privacy.pseudonym("35780100010001001", b"k" * 32, "csr_a")
    assert a1 != privacy.pseudonym("35780100010001001", b"k" * 32, "csr_b")
    assert "35780100010001001" not in a1


def _outcome_table(rows):
    df = pd.DataFrame(rows, columns=["a", "b", "c", "remaining"])
    df["visited"] = df["a"] + df["b"] + df["c"]
    df["target"] = df["visited"] + df["remaining"]
    df["pct"] = 100 * df["visited"] / df["target"].where(df["target"] > 0)
    return df


PROTECT_COUNTS = ["a", "b", "c", "visited", "remaining", "target"]
PROTECT_SUMS = {"visited": ("a", "b", "c"), "target": ("visited", "remaining")}


@hypothesis_settings(deadline=None)
@given(st.lists(st.tuples(*[st.integers(min_value=0, max_value=60)] * 4), min_size=1, max_size=12))
def test_protect_leaves_no_hidden_cell_alone_in_a_row_sum_or_a_column(rows):
    df = _outcome_table(rows)
    out = privacy.protect(df, PROTECT_COUNTS, GOV, sums=PROTECT_SUMS, rates={"pct": ("visited", "target")})
    hidden = out[PROTECT_COUNTS].isna()
    for col in PROTECT_COUNTS:
        small = df[col].between(1, 9)
        assert hidden.loc[small, col].all(), f"a count of 1-9 in {col} is shown"
        assert (out.loc[~hidden[col], col] == df.loc[~hidden[col], col]).all(), "a shown count was changed"
        if len(df) > 1:
            assert hidden[col].sum() != 1, f"column {col} holds one hidden cell: its total gives it back"
    for total, parts in PROTECT_SUMS.items():
        assert (hidden[[total, *parts]].sum(axis=1) != 1).all(), f"{total} = sum of parts gives a hidden cell back"
    assert out.loc[hidden["visited"] | hidden["target"], "pct"].isna().all()


def test_protect_hides_nothing_for_roles_that_see_small_counts():
    df = _outcome_table([(3, 0, 1, 2), (40, 5, 0, 7)])
    out = privacy.protect(df, PROTECT_COUNTS, BPS, sums=PROTECT_SUMS)
    pd.testing.assert_frame_equal(out, df)


def test_protect_total_hides_only_small_headlines_for_suppressing_roles():
    assert privacy.protect_total(7, CSR) is None
    assert privacy.protect_total(7, BPS) == 7
    assert privacy.protect_total(0, GOV) == 0
    assert privacy.protect_total(12345, GOV) == 12345


def test_the_small_count_rule_is_under_ten():
    # The rule the role table promises its users ("<10"); a different threshold must be a decision, not a slip.
    assert settings.SMALL_COUNT == 10 and privacy.SUPPRESSED == "<10"


def test_protect_shows_ten_and_more_and_hides_nine():
    df = pd.DataFrame({"n": [9, 10, 11, 500, 9]})
    out = privacy.protect(df, ["n"], GOV, column_totals=False)
    assert out["n"].isna().tolist() == [True, False, False, False, True]
    assert out["n"].dropna().tolist() == [10, 11, 500]
