"""A shared link opens the same view after a reload."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest
from playwright.sync_api import expect

from regsosek import reference

pytestmark = pytest.mark.browser


@pytest.fixture
def server(shared_server):
    """This test only reads pages: one server for the session (it has its own browser context)."""
    return shared_server


def test_coverage_link_restores_the_drill_down_after_a_reload(server, page, signed_in, published_data_dir):
    sls = pq.read_table(next(published_data_dir.glob("snapshots/*/sls.parquet"))).to_pandas()
    kec = sorted(sls.loc[sls["kab_code"] == "3527", "kec_code"].unique())[-1]
    kec_name = reference.kecamatan().set_index("kec_code").loc[kec, "nama"]
    signed_in("bps_jatim")

    page.goto(f"{server}/coverage?kab=3527&kec={kec}")
    kab_picker = page.get_by_role("combobox", name="Kabupaten/kota")
    kec_picker = page.get_by_role("combobox", name="Kecamatan")
    expect(kab_picker).to_have_value("Kab. Sampang", timeout=30_000)
    expect(kec_picker).to_have_value(kec_name)

    page.reload()
    expect(kec_picker).to_have_value(kec_name, timeout=30_000)
    assert f"kec={kec}" in page.url and "kab=3527" in page.url
