"""Entry point: `streamlit run app.py`. Routes to the pages the signed-in role may open."""

import streamlit as st

from regsosek import ui

ui.mark_routed()
ui.restore_sign_in()
scope = ui.signed_in_scope()
sections = ui.navigation(scope)
# Until the user is known the menu stays hidden but every URL is kept: the page's
# own guard shows the sign-in form, and after sign-in the same page opens. Every page the role may open is
# listed (expanded): folded, Streamlit hides the pages after the tenth behind its own "View more" in English.
page = st.navigation(sections, position="sidebar" if scope else "hidden", expanded=True)
ui.resume_deep_link(sections)
page.run()
