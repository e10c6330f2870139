"""Entry point: `streamlit run app.py`. Routes to the pages the signed-in role may open."""

import streamlit as st

from regsosek import ui

scope = ui.signed_in_scope()
# Until the user is known, the menu stays hidden but every URL is kept: the page's
# own guard then shows the sign-in form, and after sign-in the same page opens.
page = st.navigation(ui.navigation(scope), position="sidebar" if scope else "hidden")
page.run()
