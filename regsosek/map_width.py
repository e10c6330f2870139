"""How wide the browser draws a page's map, so the map can open fitted to it (Streamlit side, for pages only).

A map's camera (centre and zoom) is chosen on the server, but only the browser knows the width of the column
it draws into: 1,100 px on a wide screen, 360 px on a phone. This component, drawn just above a map, reports
the width of that column once (and again when it changes, e.g. the phone is turned); the page then fits the
camera and the labels to it (maps.at_width, maps.readable_labels). Until it has reported (the first run of
a page, or AppTest), maps are fitted for maps.FIT_WIDTH_PX. Nothing but one number goes back to the server.
"""

from __future__ import annotations

import streamlit as st

_JS = """
export default function ({ parentElement, data, setStateValue }) {
    const width = Math.round(parentElement.getBoundingClientRect().width);
    if (width > 0 && width !== data.known) {
        setStateValue("width", width);
    }
}
"""
_REPORTER = st.components.v2.component("regsosek_map_width", js=_JS, isolate_styles=False)
MIN_PX = 200
MAX_PX = 4000


def measured(key: str) -> int | None:
    """The width in pixels of the column a map is drawn into on this page (None until the browser says)."""
    known_key = f"{key}_known"
    result = _REPORTER(key=key, data={"known": st.session_state.get(known_key)}, default={"width": None},
                       on_width_change=lambda: None)
    width = getattr(result, "width", None)
    if not isinstance(width, int | float) or not MIN_PX <= width <= MAX_PX:
        return None
    st.session_state[known_key] = int(width)
    return int(width)
