"""How wide the browser draws a page's map, so the map can open fitted to it (Streamlit side, for pages only).

A map's camera (centre and zoom) is chosen on the server, but only the browser knows the width of the column
it draws into: 1,100 px on a wide screen, 360 px on a phone. This component, drawn just above a map, reports
the width of that column when it differs from the width the server already knows (and again when it changes,
e.g. the phone is turned); the page then fits the camera and the labels to it (maps.at_width,
maps.readable_labels). Until a width is known (AppTest, or a browser's very first map), maps are fitted for
maps.FIT_WIDTH_PX.

Every map is drawn in the page's full-width main column, so one width serves every map page: it is kept for
the session, and in a cookie holding that one number (COOKIE), so that a reload or another map page opens the
map fitted at once. A report costs a second script run and the browser a second drawing of the map (deck.gl
uploads every layer again); with the width known beforehand the map is drawn once. Nothing but one number
goes back to the server.
"""

from __future__ import annotations

import streamlit as st

COOKIE = "regsosek_map_width"
_KNOWN = "map_width_known"
_JS = """
export default function ({ parentElement, data, setStateValue }) {
    const width = Math.round(parentElement.getBoundingClientRect().width);
    if (width > 0 && width !== data.known) {
        document.cookie = `${data.cookie}=${width}; path=/; max-age=31536000; SameSite=Strict`;
        setStateValue("width", width);
    }
}
"""
_REPORTER = st.components.v2.component("regsosek_map_width", js=_JS, isolate_styles=False)
MIN_PX = 200
MAX_PX = 4000


def _valid(value: object) -> int | None:
    """A width in pixels from the browser (a number, or the cookie's text), or None if it is not a plausible one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = int(value) if value.isdigit() and len(value) <= 5 else None
    if not isinstance(value, int | float) or not MIN_PX <= value <= MAX_PX:
        return None
    return int(value)


def known() -> int | None:
    """The width of the main column the browser last reported in this session, or kept in its cookie."""
    width = st.session_state.get(_KNOWN)
    if width is None:
        try:
            width = _valid(st.context.cookies.get(COOKIE))
        except (AttributeError, RuntimeError):  # no browser behind this run
            width = None
    return width


def measured(key: str) -> int | None:
    """The width in pixels of the column a map is drawn into on this page (None until the browser has said)."""
    width = known()
    result = _REPORTER(key=key, data={"known": width, "cookie": COOKIE}, default={"width": None},
                       on_width_change=lambda: None)
    reported = _valid(getattr(result, "width", None))
    if reported is not None:
        width = reported
    if width is not None:
        st.session_state[_KNOWN] = width
    return width
