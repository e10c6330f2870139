"""The frame every page shares: sign-in, role check, sidebar, language, snapshot, URL filters.

Every page file starts with `session = page_setup("<page id>")`. A page can be
opened without app.py (a first request to /<page> on a fresh server runs the
page file alone), so the page itself must refuse anonymous users and roles the
page is not for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from regsosek import access, auth, facts, formats, i18n, store, users, warehouse
from regsosek.urlstate import query_param, set_query_params

# Session keys of the shell. `authentication_status`, `username` and `name` say who is signed in
# (streamlit-authenticator's names; its cookie model reads `username`; page tests set them);
# `_LOGIN` is the checked sign-in; `_SET_COOKIE` holds the generation checked with the password
# until the cookie is written. No key of ours is named `logout` (the library's own).
_LANG = "shell_lang"
_LANG_WIDGET = "shell_lang_choice"
_SNAPSHOT = "shell_snapshot_id"
_SNAPSHOT_WIDGET = "shell_snapshot_choice"
_LOGIN_USER = "shell_login_username"
_LOGIN_PASSWORD = "shell_login_password"
_LOGIN_RESULT = "shell_login_result"
_LOGIN = "shell_login"
_SET_COOKIE = "shell_set_cookie"
# The sign-in cookie written but not yet seen in the browser: (token, expiry as a POSIX time).
_COOKIE_SENT = "shell_cookie_sent"
_LOGOUT_PENDING = "shell_logout_pending"
_SETUP_THIS_RUN = "shell_setup_this_run"
# (run marker, username, row): the signed-in user's row, read from the store once per script run.
_ROW_THIS_RUN = "shell_row_this_run"
# (run marker, login id): the sign-in already checked against the server in this run.
_LOGIN_CHECKED = "shell_login_checked"
_ROUTED_RUN = "shell_routed_run"
_RESUME_PAGE = "shell_resume_page"
_LAST_PAGE = "shell_last_page"
_PAGE_URLS = "shell_page_urls"
_AREA = "shell_area_kab"
_LAND = "shell_land"
ROUTER_SCRIPT = "app.py"
# The URL parameters every page carries: the view's snapshot and language.
SHELL_PARAMS = ("snapshot", "lang")
# The URL parameter holding a page's area, and the parameters that name a part of it (dropped when
# the area changes). The chosen regency follows the user from page to page within a session.
AREA_PARAMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "coverage": ("kab", ("kec", "desa")), "officers": ("kab", ()), "quality": ("kab", ()), "map": ("kab", ()),
    "targets": ("kab", ("kec", "desa")), "progress": ("area", ()),
}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$])")

NAV_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("nav_section_home", (access.HOME,)),
    ("nav_section_monitoring",
     (access.OVERVIEW, access.COVERAGE, access.PROGRESS, access.OFFICERS, access.MAP, access.QUALITY)),
    ("nav_section_targeting", (access.TARGETS, access.MISTARGETING, access.CONDITIONS)),
    ("nav_section_follow_up", (access.TASKS, access.VERIFICATION, access.HELP)),
    ("nav_section_admin", (access.ADMIN,)),
)


@dataclass(frozen=True)
class Session:
    """Who is looking, in which language, at which snapshot."""

    scope: access.Scope
    lang: str
    snapshot: warehouse.SnapshotInfo | None

    def t(self, key: str, **fmt: object) -> str:
        return i18n.t(key, self.lang, **fmt)


def current_lang() -> str:
    """The language of the URL when it names one (a shared link), else the session's, else Bahasa Indonesia."""
    lang = query_param("lang", None, allowed=i18n.LANGS) or st.session_state.get(_LANG) or i18n.DEFAULT_LANG
    st.session_state[_LANG] = lang
    return lang


def tr(key: str, **fmt: object) -> str:
    """Translate in the current session's language (for code that runs before a Session exists)."""
    return i18n.t(key, current_lang(), **fmt)


def signed_in_scope() -> access.Scope | None:
    """The scope of the signed-in user, or None. Draws nothing, so app.py may call it before navigation."""
    if not st.session_state.get("authentication_status"):
        return None
    username = st.session_state.get("username")
    try:
        return auth.scope_of(username, _user_row(username))
    except store.Unavailable:
        return None  # the page's own setup says so


def _user_row(username: str | None) -> users.UserRow | None:
    """The user's row, read from the store once per script run (the router and the page both ask)."""
    if not username:
        return None
    marker = _run_marker()
    memo = st.session_state.get(_ROW_THIS_RUN)
    if marker is not None and memo is not None and memo[0] is marker and memo[1] == username:
        return memo[2]
    row = users.get_user(username)
    st.session_state[_ROW_THIS_RUN] = (marker, username, row)
    return row


def current_login() -> auth.Login | None:
    """The session's checked sign-in (None before sign-in): what a download button is bound to."""
    return st.session_state.get(_LOGIN)


def restore_sign_in() -> None:
    """Called by app.py before the menu is built: a reload signed in by its cookie gets its menu in this run.

    The same check the page's own guard makes (`_restore_from_cookie`); without it the first run
    after a reload knew no user, drew no menu, and had to run the whole page a second time.
    """
    try:
        _restore_from_cookie()
    except store.Unavailable:
        pass  # the page's own setup says so


def _restore_from_cookie() -> bool:
    """Sign the session in from the browser's sign-in cookie when it names a valid sign-in. True if it did."""
    if st.session_state.get(_LOGIN) is not None or st.session_state.get("authentication_status"):
        return False
    from_cookie = auth.login_from_cookie(_browser_cookie())
    if from_cookie is None or not auth.login_valid(from_cookie):
        return False
    _sign_in_session(from_cookie.username, from_cookie)
    st.session_state[_LOGIN_CHECKED] = (_run_marker(), from_cookie.login_id)
    st.session_state.pop(_LOGIN_RESULT, None)
    return True


def _checked_this_run(login: auth.Login) -> bool:
    marker, checked = st.session_state.get(_LOGIN_CHECKED) or (None, None)
    return marker is not None and marker is _run_marker() and checked == login.login_id


def navigation(scope: access.Scope | None) -> dict[str, list[st.Page]]:
    """Pages for st.navigation, grouped in sections.

    Every page is listed so that every URL reaches its page file and the page's
    own guard answers (sign-in form or refusal); pages the role may not open are
    hidden from the menu. Anonymous users get no menu at all.

    The start page (Beranda) is the default page in every run, for every role, so each page keeps one
    address: the default page answers at the root address and Streamlit knows it by no other name. When
    the default moved to a role's landing page once signed in, Beranda's menu link became /home and the
    next page load of /home (a reload, a bookmark), whose first run has the start page as default, got
    Streamlit's "Page not found" dialog over Beranda, which left every link under it unclickable. A role's
    first page opens right after signing in (`_land`). /home, from such older links, is kept as a hidden
    address that opens the start page (`_start_page_alias`).
    """
    allowed = access.allowed_pages(scope.role) if scope else ()
    sections: dict[str, list[st.Page]] = {}
    for section, page_ids in NAV_SECTIONS:
        for page_id in page_ids:
            start, title = page_id == access.HOME, tr(f"page_{page_id}_title")
            page = st.Page(f"pages/{page_id}.py", title=title, url_path="" if start else page_id, default=start,
                           visibility="visible" if page_id in allowed else "hidden")
            sections.setdefault(tr(section), []).append(page)
            if start:
                sections[tr(section)].append(st.Page(_start_page_alias, title=title, url_path=access.HOME,
                                                     visibility="hidden"))
    return sections


def _start_page_alias() -> None:
    """/home: the start page's address before it was always the default page; opens the start page."""
    st.switch_page(f"pages/{access.HOME}.py")


def mark_routed() -> None:
    """Called by app.py: this run goes through the router."""
    st.session_state[_ROUTED_RUN] = _run_marker()


def resume_deep_link(sections: dict[str, list[st.Page]]) -> None:
    """Open the page a first request asked for before it was sent through the router."""
    wanted = st.session_state.pop(_RESUME_PAGE, None)
    for page in (p for pages in sections.values() for p in pages):
        if wanted is not None and page.url_path == wanted:
            st.switch_page(page)


def _send_through_router(page_id: str) -> None:
    """On a fresh server Streamlit runs a page file without app.py; route it through app.py instead.

    Until some session has called st.navigation, Streamlit serves pages/ by
    itself: the page would run with no menu for the whole session. The page's
    own guard still runs first in every case; this only restores the menu.
    """
    ctx = get_script_run_ctx()
    if ctx is None or Path(ctx.main_script_path).name != ROUTER_SCRIPT:
        return
    marker = _run_marker()
    if marker is not None and st.session_state.get(_ROUTED_RUN) is marker:
        return
    st.session_state[_RESUME_PAGE] = page_id
    st.switch_page(ROUTER_SCRIPT)


def page_setup(page_id: str) -> Session:
    """Sign-in, role check and sidebar for one page; stops the script unless the user may see the page.

    Safe to call twice in one run: the second call returns the first call's Session and draws nothing.
    """
    run_marker = _run_marker()
    previous = st.session_state.get(_SETUP_THIS_RUN)
    if run_marker is not None and previous is not None and previous[0] is run_marker:
        return previous[1]
    _send_through_router(page_id)

    st.set_page_config(page_title=f"{tr(f'page_{page_id}_title')} · {tr('app_title')}", layout="wide")
    _land(page_id)
    try:
        store.ping()
        scope = _authenticate()
        if not access.may_open(scope.role, page_id):
            _sidebar_user(scope)
            st.error(f"**{tr('refused_title')}**\n\n{tr('refused_body', role=tr(f'role_{scope.role}'))}")
            st.stop()
        _restore_page_url(page_id)
        # The published snapshots and the live one, read once for the run (manifests on disk).
        published, live = warehouse.list_snapshots(), warehouse.live()
        snapshot = _current_snapshot(published, live)
        lang = current_lang()
        set_query_params(snapshot=snapshot.snapshot_id if snapshot else None, lang=lang)
        _sidebar_user(scope)
    except store.Unavailable:
        _store_unavailable()
    _sidebar_snapshot(snapshot, published, live)
    _status_line(snapshot, lang)
    session = Session(scope=scope, lang=lang, snapshot=snapshot)
    st.session_state[_SETUP_THIS_RUN] = (run_marker, session)
    return session


def _store_unavailable() -> None:
    """The app database is unreachable or locked: say so in both languages, show nothing else, and stop.
    The session keeps its sign-in; the next run after the database is back carries on."""
    _language_switch(st.sidebar)
    st.title(tr("app_title"))
    st.error(f"**{tr('store_unavailable_title')}**\n\n{tr('store_unavailable')}")
    st.stop()


def _land(page_id: str) -> None:
    """Right after signing in on the start page (the form at the root address), open the role's own first page.

    Before this run draws anything: the sign-in cookie is then written by the landing page's run.
    """
    if not st.session_state.pop(_LAND, False) or page_id != access.HOME:
        return
    scope = signed_in_scope()
    ctx = get_script_run_ctx()
    if scope is None or ctx is None or Path(ctx.main_script_path).name != ROUTER_SCRIPT:
        return
    landing = scope.spec.landing
    if landing != access.HOME and access.may_open(scope.role, landing):
        st.switch_page(f"pages/{landing}.py")


def _restore_page_url(page_id: str) -> None:
    """Coming back to a page through the menu restores its filters; the chosen regency follows the user.

    A run is an arrival when the previous run was on another page and the URL holds no filter of
    its own (the menu opens a page with a bare URL). A link that carries filters is taken as it is.
    """
    memory: dict[str, dict[str, list[str]]] = st.session_state.setdefault(_PAGE_URLS, {})
    arrived = st.session_state.get(_LAST_PAGE) != page_id
    st.session_state[_LAST_PAGE] = page_id
    own = {name: st.query_params.get_all(name) for name in st.query_params if name not in SHELL_PARAMS}
    area_param, parts = AREA_PARAMS.get(page_id, (None, ()))
    if arrived and not own:
        own = dict(memory.get(page_id, {}))
        area = st.session_state.get(_AREA)
        if area_param is not None and area is not None and _kab_of(own.get(area_param)) != area:
            own = {name: v for name, v in own.items() if name not in (area_param, *parts)}
            if area:
                own[area_param] = [area]
        set_query_params(**own)
    memory[page_id] = own
    if area_param is not None:
        st.session_state[_AREA] = _kab_of(own.get(area_param))


def _kab_of(values: list[str] | None) -> str:
    """The regency code an area parameter names ("" for all regencies)."""
    return values[0][:4] if values and values[0][:4].isdigit() else ""


def share_link() -> str | None:
    """The link of the current view: the page's address with every parameter of its URL."""
    base = st.context.url
    if not base:
        return None
    params = [(name, value) for name in st.query_params for value in st.query_params.get_all(name)]
    return f"{base}?{urlencode(params)}" if params else base


def _status_line(snapshot: warehouse.SnapshotInfo | None, lang: str) -> None:
    """The as-of date (and "scaled demo") in the page body, so a phone screenshot carries them; and "share"."""
    if snapshot is None:
        return
    parts = [tr("body_as_of", as_of=formats.day(snapshot.as_of, lang))]
    day = (snapshot.as_of - facts.CAMPAIGN_START).days + 1
    if day <= facts.CAMPAIGN_DAYS:
        parts.append(tr("sidebar_campaign_day", day=max(day, 0), days=facts.CAMPAIGN_DAYS))
    if snapshot.is_scaled_demo:
        pct = snapshot.scale * 100
        parts.append(tr("body_scaled_demo", pct=formats.percent(pct, lang, digits=0 if pct.is_integer() else 1)))
    status, share = st.columns([5, 1], vertical_alignment="center")
    status.caption(" · ".join(parts))
    link = share_link()
    if link is not None:
        with share.popover(tr("body_share"), icon=":material/share:"):
            st.caption(tr("body_share_help"))
            st.code(link, language=None, wrap_lines=True)


def _run_marker() -> object | None:
    """An object that is new at every script run (Streamlit replaces the run's cursor table)."""
    ctx = get_script_run_ctx()
    return getattr(ctx, "cursors", None) if ctx is not None else None


# Writes (or, with no value, deletes) the sign-in cookie in the page itself: no frame of its own, no script
# of its own to load. It reports the value the browser then holds (`kept`), once, when it wrote one.
_COOKIE_WRITER_JS = """
export default function ({ data, setStateValue }) {
    const attributes = "; path=/; SameSite=Strict" + (window.location.protocol === "https:" ? "; Secure" : "");
    if (data.value) {
        document.cookie = `${data.name}=${data.value}; expires=${new Date(data.expires * 1000).toUTCString()}`
            + attributes;
        const kept = document.cookie.split("; ").find((c) => c.startsWith(`${data.name}=`));
        setStateValue("kept", kept ? kept.slice(data.name.length + 1) : "");
    } else {
        document.cookie = `${data.name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT` + attributes;
    }
}
"""
_COOKIE_WRITER = st.components.v2.component("regsosek_sign_in_cookie", js=_COOKIE_WRITER_JS, isolate_styles=False)
_COOKIE_WRITER_KEY = "shell_cookie_writer"


def _send_cookie(token: str | None, expires: float = 0.0) -> str | None:
    """Draw the sign-in cookie's writer: `token` until `expires` (a POSIX time), or, with None, the cookie deleted.

    Returns the value the browser reported holding after writing (None until it has). Drawn again with the
    same token and expiry it stays the same element: the cookie is not written twice.
    """
    result = _COOKIE_WRITER(key=_COOKIE_WRITER_KEY, data={"name": auth.COOKIE_NAME, "value": token, "expires": expires},
                            default={"kept": None}, on_kept_change=lambda: None)
    kept = getattr(result, "kept", None)
    return kept if isinstance(kept, str) else None


def _browser_cookie() -> str | None:
    """The sign-in cookie the browser sent when this session connected."""
    return st.context.cookies.get(auth.COOKIE_NAME)


def _sign_in_session(username: str, login: auth.Login | None = None) -> None:
    row = _user_row(username)
    st.session_state[_LOGIN] = login
    st.session_state["authentication_status"] = True
    st.session_state["username"] = username
    st.session_state["name"] = row.name if row else username


def _sign_out_session() -> None:
    st.session_state.pop(_LOGIN, None)
    st.session_state.pop(_SET_COOKIE, None)
    st.session_state.pop(_COOKIE_SENT, None)
    st.session_state["authentication_status"] = None
    st.session_state["username"] = None
    st.session_state["name"] = None


def _write_cookie(generation: str) -> auth.Login | None:
    """Record the sign-in of the user just checked on the server, and write its cookie in the browser.

    The cookie carries the token streamlit-authenticator would write (`auth.cookie_token`); the record is
    keyed by its `exp_date`. Nothing is written if the record is refused (the password changed meanwhile).
    """
    username = st.session_state.get("username") or ""
    expires = auth.cookie_expiry()
    login = auth.start_login(username, expires, generation)
    if login is not None:
        st.session_state[_COOKIE_SENT] = (auth.cookie_token(username, expires), expires)
        _send_cookie(*st.session_state[_COOKIE_SENT])
    return login


def _resend_cookie() -> None:
    """Draw the sign-in cookie's writer again until the browser reports the cookie.

    A run cut short by a rerun (a page switch) can remove the writer before the browser ran it, and the
    sign-in would not survive a reload. Drawn again with the same token and expiry, it stays the same
    element: nothing new is signed in or recorded.
    """
    token, expires = st.session_state[_COOKIE_SENT]
    if _send_cookie(token, expires) == token:
        st.session_state.pop(_COOKIE_SENT, None)


def _authenticate() -> access.Scope:
    login = current_login()
    if st.session_state.pop(_LOGOUT_PENDING, False) and st.session_state.get("authentication_status"):
        if login is not None:
            auth.end_login(login)
        _sign_out_session()
        # The server-side record is gone already, whether or not this lands.
        _send_cookie(None)
        login = None

    checked_generation = st.session_state.pop(_SET_COOKIE, None)
    if checked_generation is not None and st.session_state.get("authentication_status") and login is None:
        login = _write_cookie(checked_generation)
        if login is None:  # the password changed or the user went between the check and now
            _sign_out_session()
            st.session_state[_LOGIN_RESULT] = "login_session_ended"
        else:
            st.session_state[_LOGIN] = login
    elif st.session_state.get(_COOKIE_SENT) and login is not None:
        _resend_cookie()

    if st.session_state.get("authentication_status") and login is None:
        # Signed in by code that set the session keys itself (the page tests): record the sign-in
        # now, so that from here on it is checked like any other.
        login = auth.start_login(st.session_state.get("username") or "")
        if login is not None:
            st.session_state[_LOGIN] = login
    if login is not None and not _checked_this_run(login) and not auth.login_valid(login):
        _sign_out_session()
        st.session_state[_LOGIN_RESULT] = "login_session_ended"
        login = None

    restored = login is None and _restore_from_cookie()

    scope = signed_in_scope()
    if st.session_state.get("authentication_status") and scope is None:
        _sign_out_session()
        st.session_state[_LOGIN_RESULT] = "login_account_invalid"
    if scope is None:
        _login_form()
        st.stop()
    if restored:
        # app.py drew no menu while the user was unknown; draw it now, on the same URL.
        st.rerun()
    return scope


def _on_login_submit() -> None:
    try:
        result = auth.check_login(st.session_state.get(_LOGIN_USER, ""), st.session_state.get(_LOGIN_PASSWORD, ""))
    except store.Unavailable:
        st.session_state[_LOGIN_PASSWORD] = ""
        st.session_state[_LOGIN_RESULT] = "store_unavailable"
        return
    st.session_state[_LOGIN_PASSWORD] = ""
    if result.outcome is auth.Outcome.OK:
        # The cookie and the server-side record are written by this run's `_authenticate`, which
        # draws the cookie's writer (a callback cannot draw).
        _sign_in_session(result.username)
        st.session_state[_SET_COOKIE] = result.generation or ""
        st.session_state[_LAND] = True
        st.session_state.pop(_LOGIN_RESULT, None)
    elif result.outcome is auth.Outcome.LOCKED:
        st.session_state[_LOGIN_RESULT] = ("login_locked", max(1, -(-result.retry_after_seconds // 60)))
    else:
        st.session_state[_LOGIN_RESULT] = "login_failed"


def _login_form() -> None:
    _language_switch(st.sidebar)
    st.title(tr("app_title"))
    st.caption(tr("login_intro"))
    if not users.has_users():
        st.warning(tr("login_no_users"))
    message = st.session_state.get(_LOGIN_RESULT)
    if message in ("login_failed", "login_account_invalid", "login_session_ended", "store_unavailable"):
        st.error(tr(message))
    elif isinstance(message, tuple):
        st.error(tr(message[0], minutes=message[1]))
    with st.form("shell_login_form"):
        st.subheader(tr("login_title"))
        st.text_input(tr("login_username"), key=_LOGIN_USER, autocomplete="username")
        st.text_input(tr("login_password"), key=_LOGIN_PASSWORD, type="password", autocomplete="current-password")
        st.form_submit_button(tr("login_submit"), on_click=_on_login_submit, type="primary")


def _on_logout() -> None:
    st.session_state[_LOGOUT_PENDING] = True
    st.session_state.pop(_SNAPSHOT, None)


def _on_lang_change() -> None:
    st.session_state[_LANG] = st.session_state[_LANG_WIDGET]
    set_query_params(lang=st.session_state[_LANG])


def _language_switch(container) -> None:
    lang = current_lang()
    container.selectbox(i18n.t("sidebar_language", lang) + " / " + i18n.t("sidebar_language", _other(lang)),
                        options=i18n.LANGS, index=i18n.LANGS.index(lang), format_func=i18n.LANG_NAMES.__getitem__,
                        key=_LANG_WIDGET, on_change=_on_lang_change)


def _other(lang: str) -> str:
    return next(code for code in i18n.LANGS if code != lang)


def escape_markdown(text: str) -> str:
    """User-entered text (a name, a list name) shown literally inside markdown: no links, images or HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def _sidebar_user(scope: access.Scope) -> None:
    sidebar = st.sidebar
    row = _user_row(scope.username)
    name = row.name if row is not None and row.name else scope.username
    sidebar.markdown(tr("sidebar_signed_in_as", name=escape_markdown(name), role=tr(f"role_{scope.role}")))
    if row is not None and row.demo:
        sidebar.warning(tr("sidebar_demo_account"))
    _language_switch(sidebar)
    sidebar.button(tr("sidebar_logout"), key="shell_logout_button", on_click=_on_logout)


def _current_snapshot(published: list[warehouse.SnapshotInfo],
                      live: warehouse.SnapshotInfo | None) -> warehouse.SnapshotInfo | None:
    if not published:
        return None
    by_id = {s.snapshot_id: s for s in published}
    chosen = by_id.get(query_param("snapshot", "", allowed=by_id.__contains__) or st.session_state.get(_SNAPSHOT) or "")
    if chosen is None:
        chosen = live or published[0]
    st.session_state[_SNAPSHOT] = chosen.snapshot_id
    return chosen


def _on_snapshot_change() -> None:
    st.session_state[_SNAPSHOT] = st.session_state[_SNAPSHOT_WIDGET]
    set_query_params(snapshot=st.session_state[_SNAPSHOT])


def snapshot_label(snapshot: warehouse.SnapshotInfo, published: list[warehouse.SnapshotInfo], lang: str) -> str:
    """ "per 14 Nov 2022"; with the snapshot's short id only when another published one has the same date."""
    as_of = formats.day(snapshot.as_of, lang)
    if sum(s.as_of == snapshot.as_of for s in published) > 1:
        return i18n.t("sidebar_snapshot_option_same_day", lang, as_of=as_of,
                      short_id=snapshot.snapshot_id.rsplit("_", 1)[-1])
    return i18n.t("sidebar_snapshot_option", lang, as_of=as_of)


def _sidebar_snapshot(snapshot: warehouse.SnapshotInfo | None, published: list[warehouse.SnapshotInfo],
                      live: warehouse.SnapshotInfo | None) -> None:
    sidebar = st.sidebar
    sidebar.divider()
    sidebar.subheader(tr("sidebar_snapshot"))
    if snapshot is None:
        sidebar.info(tr("no_snapshot"))
        return
    lang = current_lang()
    ids = [s.snapshot_id for s in published]
    labels = {s.snapshot_id: snapshot_label(s, published, lang) for s in published}
    if live is not None and live.snapshot_id in labels:
        labels[live.snapshot_id] = tr("sidebar_snapshot_live", label=labels[live.snapshot_id])
    if snapshot.snapshot_id not in ids:
        ids.insert(0, snapshot.snapshot_id)
        labels[snapshot.snapshot_id] = snapshot_label(snapshot, [snapshot], lang)
    sidebar.selectbox(tr("sidebar_snapshot_pick"), options=ids, index=ids.index(snapshot.snapshot_id),
                      format_func=labels.__getitem__, key=_SNAPSHOT_WIDGET, on_change=_on_snapshot_change)
    sidebar.markdown(tr("sidebar_as_of", as_of=formats.day(snapshot.as_of, lang)))
    day = (snapshot.as_of - facts.CAMPAIGN_START).days + 1
    if day <= facts.CAMPAIGN_DAYS:
        sidebar.caption(tr("sidebar_campaign_day", day=max(day, 0), days=facts.CAMPAIGN_DAYS))
    else:
        sidebar.caption(tr("sidebar_after_campaign", days=(snapshot.as_of - facts.CAMPAIGN_END).days))
    if snapshot.published_at:
        sidebar.caption(tr("sidebar_published", published_at=formats.timestamp(snapshot.published_at, lang)))
    if snapshot.is_scaled_demo:
        sidebar.warning(tr("sidebar_scaled_demo", pct=f"{snapshot.scale * 100:g}"))
    else:
        sidebar.caption(tr("sidebar_full_scale"))
