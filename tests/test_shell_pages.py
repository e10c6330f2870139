"""Every page file, run alone as Streamlit reruns it: sign-in first, then only what the role may open."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from regsosek import access, i18n, users

ROOT = Path(__file__).resolve().parents[1]
PAGE_IDS = sorted({p for spec in access.ROLES.values() for p in spec.pages})
USER_OF_ROLE = {"gubernur": "gubernur", "bps_provinsi": "bps_jatim", "bps_kabkota": "bps_surabaya",
                "mitra_csr": "csr_madura", "admin": "admin"}
APP_TITLE = i18n.t("app_title", "id")


@pytest.fixture
def published(private_copy):
    """Tests here sign in, fail or lock accounts: each gets its own copy of the shared warehouse."""
    return private_copy


def page_test(page_id: str) -> AppTest:
    return AppTest.from_file(str(ROOT / "pages" / f"{page_id}.py"), default_timeout=30)


def signed_in(at: AppTest, username: str) -> AppTest:
    """The session keys streamlit-authenticator sets after a successful sign-in."""
    at.session_state["authentication_status"] = True
    at.session_state["username"] = username
    at.session_state["name"] = username
    return at


def main_titles(at: AppTest) -> list[str]:
    return [title.value for title in at.main.title]


@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_anonymous_sees_only_the_login_form(published, page_id):
    at = page_test(page_id).run()
    assert not at.exception
    assert main_titles(at) == [APP_TITLE]
    assert [w.key for w in at.text_input] == ["shell_login_username", "shell_login_password"]
    assert not at.main.dataframe
    assert i18n.t(f"page_{page_id}_title", "id") not in main_titles(at)


@pytest.mark.parametrize("role", sorted(access.ROLES))
@pytest.mark.parametrize("page_id", PAGE_IDS)
def test_each_role_opens_only_its_pages(published, role, page_id):
    at = signed_in(page_test(page_id), USER_OF_ROLE[role]).run()
    assert not at.exception
    if access.may_open(role, page_id):
        assert main_titles(at) == [i18n.t(f"page_{page_id}_title", "id")]
        assert not at.main.error
    else:
        assert main_titles(at) == []
        assert [e.value for e in at.main.error] == [
            f"**{i18n.t('refused_title')}**\n\n{i18n.t('refused_body', role=i18n.t(f'role_{role}'))}"]
        assert not at.main.dataframe and not at.main.markdown


def login(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="shell_login_username").input(username)
    at.text_input(key="shell_login_password").input(password)
    return at.main.button[0].click().run()


def test_login_form_signs_in_and_shows_the_page(published):
    at = login(page_test("coverage").run(), "bps_sampang", "bps-sampang-22")
    assert main_titles(at) == [i18n.t("page_coverage_title")]
    assert "BPS Kabupaten Sampang" in at.sidebar.markdown[0].value


def test_wrong_password_says_so_without_telling_whether_the_user_exists(published):
    at = login(page_test("overview").run(), "gubernur", "wrong-password")
    assert [e.value for e in at.main.error] == [i18n.t("login_failed")]
    at = login(at, "nobody", "wrong-password")
    assert [e.value for e in at.main.error] == [i18n.t("login_failed")]
    assert main_titles(at) == [APP_TITLE]


def test_repeated_failures_lock_the_account_across_sessions(published):
    at = page_test("overview").run()
    for _ in range(5):
        at = login(at, "gubernur", "wrong-password")
    assert [e.value for e in at.main.error] == [i18n.t("login_locked", minutes=5)]
    fresh = login(page_test("overview").run(), "gubernur", "gubernur-jatim-22")
    assert [e.value for e in fresh.main.error] == [i18n.t("login_locked", minutes=5)]
    assert main_titles(fresh) == [APP_TITLE]


def test_logout_returns_to_the_login_form(published):
    at = signed_in(page_test("overview"), "gubernur").run()
    at.sidebar.button(key="shell_logout_button").click().run()
    assert main_titles(at) == [APP_TITLE]
    assert at.session_state["authentication_status"] is None


def test_english_on_request(published):
    at = signed_in(page_test("map"), "bps_jatim")
    at.session_state["shell_lang"] = "en"
    at.run()
    assert main_titles(at) == ["Map"]
    assert any("Scaled demo (0.4% of full scale)" in w.value for w in at.sidebar.warning)


def test_language_switch_in_the_sidebar(published):
    at = page_test("overview").run()
    at.sidebar.selectbox(key="shell_lang_choice").select("en").run()
    assert [w.label for w in at.text_input] == ["Username", "Password"]


def test_sidebar_shows_the_snapshot_in_use(published):
    at = signed_in(page_test("progress"), "bps_surabaya").run()
    sidebar_text = " ".join(m.value for m in at.sidebar.markdown)
    assert "per **14 Nov 2022**" in sidebar_text and "2022-11-14" not in sidebar_text
    picker = at.sidebar.selectbox(key="shell_snapshot_choice")
    assert picker.value == published.late_id
    # One snapshot per date: the labels carry the date in words, no id or hash.
    labels = list(picker.options)
    assert any(label.startswith("per 1 Nov 2022") for label in labels)
    assert any(label.startswith("per 20 Okt 2022") for label in labels)
    assert not any("_" in label or "(" in label for label in labels)
    assert any("Demo berskala" in w.value for w in at.sidebar.warning)


def test_removed_user_is_signed_out(published):
    at = signed_in(page_test("overview"), "someone_removed").run()
    assert main_titles(at) == [APP_TITLE]
    assert [e.value for e in at.main.error] == [i18n.t("login_account_invalid")]


def test_admin_page_lists_snapshots_and_users_without_hashes(published):
    at = signed_in(page_test("admin"), "admin").run()
    assert not at.exception
    snapshots, users_table = at.main.dataframe[0].value, at.main.dataframe[1].value
    newest_first = [sid for _, sid in sorted(published.ids.items(), reverse=True)]
    assert list(snapshots[i18n.t("admin_col_snapshot_id")]) == newest_first
    assert set(users_table[i18n.t("admin_col_username")]) == {u.username for u in users.DEMO_USERS}
    assert not users_table.astype(str).apply(lambda col: col.str.contains(r"\$2b\$")).any().any()


@pytest.mark.parametrize("username,landing", [
    ("gubernur", "overview"), ("bps_jatim", "overview"), ("bps_sampang", "overview"), ("csr_madura", "targets"),
    ("admin", "admin"),
])
def test_each_role_lands_on_the_page_it_needs_and_keeps_home_in_the_menu(published, username, landing):
    demo = {u.username: u for u in users.DEMO_USERS}
    at = login(AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run(), username, demo[username].password)
    assert not at.exception
    assert main_titles(at)[:1] == [i18n.t(f"page_{landing}_title")]
    at.switch_page("pages/home.py").run()
    assert main_titles(at)[:1] == [i18n.t("page_home_title")]


@pytest.mark.parametrize("username", ["gubernur", "csr_madura", "admin"])
def test_the_start_page_is_the_default_page_for_every_role(published, username):
    """Beranda answers at the root address in every run, signed in or not: the default page has no other
    address, so a default that moved to the role's landing page made Beranda's own link /home, and the next
    page load of /home showed "Page not found". A signed-in session at the root stays on Beranda."""
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=30), username).run()
    assert not at.exception
    assert main_titles(at)[:1] == [i18n.t("page_home_title")]


def test_router_hides_forbidden_pages_but_their_urls_refuse(published):
    at = signed_in(AppTest.from_file(str(ROOT / "app.py"), default_timeout=30), "gubernur").run()
    assert main_titles(at) == [i18n.t("page_home_title")]
    at.switch_page("pages/officers.py").run()
    assert main_titles(at) == []
    assert at.main.error[0].value.startswith(f"**{i18n.t('refused_title')}**")


def test_router_for_anonymous_shows_the_login_form(published):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert main_titles(at) == [APP_TITLE]


def _query_param_script():
    import streamlit as st

    from regsosek import urlstate as ui

    st.session_state["kab"] = ui.query_param("kab", "all", allowed={"3578", "3527"})
    st.session_state["kabs"] = ui.query_param_list("kabs", allowed={"3578", "3527"})
    ui.set_query_params(view="table", kab=None)


def test_query_params_reject_untrusted_values():
    at = AppTest.from_function(_query_param_script)
    at.query_params["kab"] = "3578"
    at.query_params["kabs"] = ["3527", "x' OR 1=1", "3578", "3527"]
    at.run()
    assert at.session_state["kab"] == "3578"
    assert at.session_state["kabs"] == ["3527", "3578"]
    assert at.query_params["view"] == "table" and "kab" not in at.query_params

    at = AppTest.from_function(_query_param_script)
    at.query_params["kab"] = "<script>"
    at.run()
    assert at.session_state["kab"] == "all"


@pytest.mark.parametrize("role", sorted(access.ROLES))
def test_home_links_only_the_pages_the_role_may_open(published, role):
    at = signed_in(page_test(access.HOME), USER_OF_ROLE[role]).run()
    assert not at.exception
    links = " ".join(m.value for m in at.main.markdown)
    for page_id in PAGE_IDS:
        if page_id == access.HOME:
            continue
        assert (f"](/{page_id})" in links) == access.may_open(role, page_id), page_id


def test_a_password_change_ends_an_open_session(published):
    """Issue 16 #9: sessions kept working after the password changed."""
    at = login(page_test("overview").run(), "gubernur", "gubernur-jatim-22")
    assert main_titles(at) == [i18n.t("page_overview_title")]
    users.set_password("gubernur", "a-brand-new-password")
    at.run()
    assert main_titles(at) == [APP_TITLE]
    assert [e.value for e in at.main.error] == [i18n.t("login_session_ended")]


DELETED = "(deleted)"


@pytest.fixture
def cookies_written(monkeypatch) -> dict[str, str]:
    """The sign-in cookies the shell hands to its cookie writer (what the browser will keep); a deletion
    is recorded under DELETED."""
    from regsosek import auth, ui

    written: dict[str, str] = {}
    real_send = ui._send_cookie

    def recording_send(token, *args, **kwargs):
        written[auth.COOKIE_NAME if token is not None else DELETED] = token
        return real_send(token, *args, **kwargs)

    monkeypatch.setattr(ui, "_send_cookie", recording_send)
    return written


def test_the_form_sign_in_writes_the_library_cookie_for_its_recorded_sign_in(published, cookies_written):
    from regsosek import auth

    at = login(page_test("overview").run(), "gubernur", "gubernur-jatim-22")
    assert main_titles(at) == [i18n.t("page_overview_title")]
    token = cookies_written[auth.COOKIE_NAME]
    assert auth.login_from_cookie(token) == at.session_state["shell_login"]
    assert auth.login_valid(auth.login_from_cookie(token))
    at.run()  # the cookie is written once, not at every step
    assert list(cookies_written) == [auth.COOKIE_NAME] and cookies_written[auth.COOKIE_NAME] == token


def test_sign_out_in_one_tab_ends_the_other_tabs_of_that_sign_in(published, monkeypatch, cookies_written):
    """Issue 16 #9: after sign-out, another tab opened with the same cookie kept working."""
    from regsosek import auth, ui

    first = login(page_test("overview").run(), "gubernur", "gubernur-jatim-22")
    cookie = cookies_written[auth.COOKIE_NAME]
    monkeypatch.setattr(ui, "_browser_cookie", lambda: cookie)
    second = page_test("coverage").run()  # a second tab, signed in by the cookie
    assert main_titles(second) == [i18n.t("page_coverage_title")]

    first.sidebar.button(key="shell_logout_button").click().run()
    assert main_titles(first) == [APP_TITLE]
    assert DELETED in cookies_written  # the browser is told to drop the cookie
    second.run()
    assert main_titles(second) == [APP_TITLE] and not second.main.dataframe
    assert main_titles(page_test("coverage").run()) == [APP_TITLE]  # and the cookie opens nothing new


def test_a_password_changed_between_the_check_and_the_record_signs_nobody_in(published, monkeypatch):
    """The sign-in is recorded in the run after the password check: a change in between must win."""
    from regsosek import auth

    real_check = auth.check_login

    def check_then_change(username, password):
        result = real_check(username, password)
        users.set_password("gubernur", "changed-right-after-1")
        return result

    monkeypatch.setattr(auth, "check_login", check_then_change)
    at = login(page_test("overview").run(), "gubernur", "gubernur-jatim-22")
    assert main_titles(at) == [APP_TITLE]
    assert [e.value for e in at.main.error] == [i18n.t("login_session_ended")]


def test_crafted_cookies_show_the_sign_in_form_without_an_error(published, monkeypatch):
    """Issue 16 #10: a cookie with alg=none stopped the page with an uncaught error."""
    from test_auth import crafted_cookies

    from regsosek import ui

    for name, value in crafted_cookies().items():
        monkeypatch.setattr(ui, "_browser_cookie", lambda value=value: value)
        at = page_test("overview").run()
        assert not at.exception, name
        assert main_titles(at) == [APP_TITLE], name


def test_user_entered_names_are_shown_as_text_not_markdown(published):
    """Issue 16 #14: markdown in a name was rendered (an image URL was fetched)."""
    users.add_user("pemeriksa", "gubernur", "![x](http://evil.example/x.png) **Bos** [klik](http://evil.example)",
                   "long-enough-password")
    at = signed_in(page_test(access.HOME), "pemeriksa").run()
    shown = " ".join(m.value for m in [*at.sidebar.markdown, *at.main.markdown])
    assert "![x](http" not in shown and "](http://evil" not in shown and "**Bos**" not in shown
    assert r"\!\[x\]\(http\:" in shown


def test_demo_accounts_are_labelled_as_demo(published):
    at = signed_in(page_test(access.HOME), "gubernur").run()
    assert [w.value for w in at.sidebar.warning if w.value == i18n.t("sidebar_demo_account")]
    users.add_user("gub_asli", "gubernur", "Kantor Gubernur", "long-enough-password")
    at = signed_in(page_test(access.HOME), "gub_asli").run()
    assert not [w.value for w in at.sidebar.warning if w.value == i18n.t("sidebar_demo_account")]
