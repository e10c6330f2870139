"""Catatan bantuan in the app database, on SQLite and PostgreSQL: a partner's own pseudonyms resolved to real ids
on the server, uploads with any bad line refused whole with a report and nothing written (also with a failure
injected mid-insert), the audit record, and no partner ever holding another partner's ids."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from regsosek import access, audit, export, help, privacy, store
from regsosek.views import reach
from tests.snapshots import AFTER

MADURA = ("3526", "3527", "3528", "3529")
TIMUR = ("3511", "3512", "3528", "3529")
PARTNER = access.scope_for("csr_madura", "mitra_csr", MADURA)
OTHER = access.scope_for("csr_timur", "mitra_csr", TIMUR)


def add_demo_partners() -> None:
    """The two demo partners as users of the (empty) test database: whose pseudonyms count as 'another partner's'."""
    with store.write() as connection:
        for username, kabs in (("csr_madura", MADURA), ("csr_timur", TIMUR)):
            connection.execute(sa.insert(store.users).values(
                username=username, name=username, password_hash="-", role="mitra_csr", kab_codes=list(kabs),
                programmes=[], generation="g", demo=False, created_at=0.0))


@pytest.fixture
def help_store(published, store_url, monkeypatch):
    """The shared warehouse (and its pseudonym key) with an empty app database on each backend."""
    monkeypatch.setenv("REGSOSEK_DATA_DIR", str(published.data_dir))
    add_demo_partners()
    return published


def families(published, kab: str, n: int, as_of: str = AFTER, offset: int = 0) -> list[str]:
    fam = published.table(as_of, "keluarga")
    return sorted(fam.loc[fam["kab_code"] == kab, "keluarga_id"])[offset:offset + n]


def pseudonym(keluarga_id: str, user: str) -> str:
    return privacy.pseudonym(keluarga_id, export.server_secret(), user)


def csv_of(lines: list[tuple[str, str, str, str]], heading: str = "id_keluarga,jenis_bantuan,tanggal,nilai_rupiah",
           preamble: str = "") -> bytes:
    return (preamble + heading + "\n" + "".join(",".join(line) + "\n" for line in lines)).encode("utf-8")


def upload(published, scope: access.Scope, data: bytes) -> help.Outcome:
    entries, problems = help.parse_csv(data)
    if problems:
        return help.Outcome(0, tuple(problems))
    return help.record(scope, published.ids[AFTER], entries, source="upload")


def stored() -> list[dict]:
    with store.read() as connection:
        return [dict(r) for r in connection.execute(sa.select(store.help_records)
                                                    .order_by(store.help_records.c.record_id)).mappings()]


def help_audits() -> list[dict]:
    log = audit.read_log(action=help.AUDIT_ACTION)
    return list(log["details"]) if not log.empty else []


def test_an_upload_of_own_pseudonyms_stores_the_real_ids_and_one_audit_record(help_store):
    ids = families(help_store, "3527", 3)
    lines = [(pseudonym(ids[0], "csr_madura"), "pangan", "2022-12-01", "250000"),
             (pseudonym(ids[1], "csr_madura"), "Modal Usaha", "2022-12-02", "1000000"),
             (pseudonym(ids[2], "csr_madura").lower(), "training", "2022-12-03", "75000")]
    outcome = upload(help_store, PARTNER, csv_of(lines, preamble="# pengguna: csr_madura\n"))
    assert outcome.ok and outcome.recorded == 3
    rows = stored()
    assert [(r["keluarga_id"], r["kab_code"], r["kind"], r["help_date"], r["value_rupiah"], r["partner"])
            for r in rows] == [(ids[0], "3527", "pangan", "2022-12-01", 250000, "csr_madura"),
                               (ids[1], "3527", "modal_usaha", "2022-12-02", 1000000, "csr_madura"),
                               (ids[2], "3527", "pelatihan", "2022-12-03", 75000, "csr_madura")]
    [details] = help_audits()
    assert (details["entries"], details["families"], details["value_rupiah"], details["source"]) == (
        3, 3, 1325000, "upload")
    assert not any(i in audit.canonical(details) for i in ids)  # counts only, no family id in the log
    assert audit.check().intact
    mine = help.records_of(PARTNER)
    assert set(mine["family_pseudonym"]) == {pseudonym(i, "csr_madura") for i in ids}
    assert "keluarga_id" not in mine.columns
    assert help.helped_ids(MADURA) == sorted(ids)


def test_english_headings_and_kind_words_are_accepted(help_store):
    [family] = families(help_store, "3526", 1)
    data = csv_of([(pseudonym(family, "csr_madura"), "health", "2022-11-20", "50000")],
                  heading="family_id,kind,date,value_rupiah")
    assert upload(help_store, PARTNER, data).recorded == 1
    assert stored()[0]["kind"] == "kesehatan"


def problems_of(outcome: help.Outcome) -> set[tuple[int, str, str]]:
    return {(p.line, p.column, p.code) for p in outcome.problems}


def test_a_file_with_bad_lines_is_refused_whole_with_a_report_per_line_and_nothing_written(help_store):
    good = families(help_store, "3527", 3)
    shared = families(help_store, "3528", 2)  # a regency both partners see
    timur_only = families(help_store, "3511", 1)
    surabaya = families(help_store, "3578", 1)
    me = lambda k: pseudonym(k, "csr_madura")  # noqa: E731
    lines = [
        (me(good[0]), "pangan", "2022-12-01", "250000"),                   # 2: good
        ("KLG-000000000000", "pangan", "2022-12-01", "250000"),            # 3: unknown
        (pseudonym(shared[0], "csr_timur"), "pangan", "2022-12-01", "1"),  # 4: the other partner's id, shared regency
        (pseudonym(timur_only[0], "csr_timur"), "tunai", "2022-12-01", "1"),  # 5: the other partner's id
        (me(surabaya[0]), "tunai", "2022-12-01", "1"),                     # 6: own pseudonym, outside the regencies
        (me(good[0]), "pangan", "2022-12-01", "9"),                        # 7: same family, kind, date as line 2
        (me(good[1]), "uang", "2022-12-01", "1"),                          # 8: bad kind
        (me(good[1]), "pangan", "2022-13-01", "1"),                        # 9: bad date
        (me(good[1]), "pangan", "2099-01-01", "1"),                        # 10: a date in the future
        (me(good[1]), "pangan", "2022-12-01", "1.500.000"),                # 11: grouped value
        (me(good[2]), "pangan", "2022-12-01", "0"),                        # 12: zero
        (me(good[2]), "sekolah", "2022-12-01", "-5"),                      # 13: negative
        ("35270100010001", "pangan", "2022-12-01", "5"),                   # 14: a real-id-shaped value
        (me(shared[1]), "pangan", "2022-12-01", "100000"),                 # 15: good (shared regency, own id)
    ]
    outcome = upload(help_store, PARTNER, csv_of(lines))
    assert not outcome.ok and outcome.recorded == 0
    assert problems_of(outcome) == {
        (3, "family", "unknown_id"), (4, "family", "other_partner_id"), (5, "family", "other_partner_id"),
        (6, "family", "outside_regencies"), (7, "family", "duplicate_in_file"), (8, "kind", "bad_kind"),
        (9, "date", "bad_date"), (10, "date", "bad_date"), (11, "value", "bad_value"), (12, "value", "bad_value"),
        (13, "value", "bad_value"), (14, "family", "bad_id")}
    assert stored() == [] and help_audits() == []
    report = reach.report(outcome, "en")
    assert list(report["line"]) == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
    assert "another partner's pseudonymous id" in report["problem"].iloc[1]
    cells = " ".join(report.astype(str).to_numpy().ravel())
    assert not any(k in cells for k in (*good, *shared, *timur_only, *surabaya))  # no real id in the report
    # The good lines alone go through.
    assert upload(help_store, PARTNER, csv_of([lines[0], lines[-1]])).recorded == 2


def test_help_recorded_before_is_refused_as_a_duplicate_and_the_file_not_written(help_store):
    ids = families(help_store, "3529", 2)
    first = [(pseudonym(ids[0], "csr_madura"), "pangan", "2022-12-01", "250000")]
    assert upload(help_store, PARTNER, csv_of(first)).ok
    again = [(pseudonym(ids[1], "csr_madura"), "pangan", "2022-12-01", "250000"), *first]
    outcome = upload(help_store, PARTNER, csv_of(again))
    assert problems_of(outcome) == {(3, "family", "already_recorded")}
    assert len(stored()) == 1 and len(help_audits()) == 1
    # The same family may get the same kind on another date, or another kind on that date.
    more = [(first[0][0], "pangan", "2022-12-02", "250000"), (first[0][0], "sekolah", "2022-12-01", "250000")]
    assert upload(help_store, PARTNER, csv_of(more)).recorded == 2


def test_another_partner_recording_the_same_family_is_no_duplicate_and_shares_no_id(help_store):
    [family] = families(help_store, "3528", 1)
    assert upload(help_store, PARTNER, csv_of([(pseudonym(family, "csr_madura"), "pangan", "2022-12-01", "5")])).ok
    assert upload(help_store, OTHER, csv_of([(pseudonym(family, "csr_timur"), "pangan", "2022-12-01", "5")])).ok
    assert set(help.records_of(PARTNER)["family_pseudonym"]) == {pseudonym(family, "csr_madura")}
    assert set(help.records_of(OTHER)["family_pseudonym"]) == {pseudonym(family, "csr_timur")}
    assert help.helped_ids(MADURA, partner="csr_madura") == [family]
    assert help.helped_ids(MADURA, other_than="csr_madura") == [family]


@pytest.mark.parametrize("fail_at", [1, 3])
def test_a_failure_mid_insert_leaves_nothing_written(help_store, monkeypatch, fail_at):
    ids = families(help_store, "3527", 4)
    written = []
    real = help._insert_row

    def failing(connection, values):
        if len(written) + 1 == fail_at:
            raise OSError("disk gone mid-insert")
        real(connection, values)
        written.append(values["keluarga_id"])

    monkeypatch.setattr(help, "_insert_row", failing)
    lines = [(pseudonym(k, "csr_madura"), "tunai", "2022-12-01", "100000") for k in ids]
    with pytest.raises(OSError):
        upload(help_store, PARTNER, csv_of(lines))
    assert len(written) == fail_at - 1
    assert stored() == [] and help_audits() == []
    monkeypatch.setattr(help, "_insert_row", real)
    assert upload(help_store, PARTNER, csv_of(lines)).recorded == 4
    assert audit.check().intact


def test_a_failing_audit_write_leaves_no_help_record(help_store, monkeypatch):
    [family] = families(help_store, "3527", 1)

    def broken(*args, **kwargs):
        raise RuntimeError("audit table locked")

    monkeypatch.setattr(audit, "append_in", broken)
    with pytest.raises(RuntimeError):
        upload(help_store, PARTNER, csv_of([(pseudonym(family, "csr_madura"), "tunai", "2022-12-01", "1")]))
    assert stored() == []


@pytest.mark.parametrize("data, code", [
    (b"", "empty"), (b"# only a header block\n", "empty"), (b"id_keluarga,tanggal,nilai_rupiah\nx,y,z\n",
                                                            "missing_columns"),
    (b"id_keluarga,jenis_bantuan,tanggal,nilai_rupiah\n" + b"\xff\xfe", "bad_file"),
    (b"id_keluarga,jenis_bantuan,tanggal,nilai_rupiah\n", "empty"),
])
def test_files_that_are_not_help_lists_are_refused(help_store, data, code):
    outcome = upload(help_store, PARTNER, data)
    assert code in {p.code for p in outcome.problems} and stored() == []


def test_too_many_lines_are_refused(help_store, monkeypatch):
    monkeypatch.setattr(help.settings, "HELP_UPLOAD_MAX_ROWS", 2)
    ids = families(help_store, "3527", 3)
    outcome = upload(help_store, PARTNER, csv_of([(pseudonym(k, "csr_madura"), "tunai", "2022-12-01", "1")
                                                  for k in ids]))
    assert {p.code for p in outcome.problems} == {"too_many"} and stored() == []


@pytest.mark.parametrize("username, role, kabs", [("bps_jatim", "bps_provinsi", ()), ("gubernur", "gubernur", ()),
                                                   ("bps_sampang", "bps_kabkota", ("3527",))])
def test_only_partners_record_help(help_store, username, role, kabs):
    scope = access.scope_for(username, role, kabs)
    [family] = families(help_store, "3527", 1)
    with pytest.raises(help.HelpRefused):
        help.record(scope, help_store.ids[AFTER], [help.Entry(2, pseudonym(family, username), "tunai", "2022-12-01",
                                                             "1")], source="upload")
    assert stored() == []


def test_two_uploads_of_the_same_file_at_once_write_it_once(help_store):
    import threading

    ids = families(help_store, "3526", 5)
    data = csv_of([(pseudonym(k, "csr_madura"), "pangan", "2022-12-01", "250000") for k in ids])
    outcomes: list[help.Outcome] = []
    start = threading.Barrier(3)

    def run() -> None:
        start.wait()
        outcomes.append(upload(help_store, PARTNER, data))

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(o.recorded for o in outcomes) == [0, 0, 5]
    assert all({p.code for p in o.problems} == {"already_recorded"} for o in outcomes if not o.ok)
    assert len(stored()) == 5 and len(help_audits()) == 1 and audit.check().intact
