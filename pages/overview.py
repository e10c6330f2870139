import streamlit as st

from regsosek.ui import page_setup

session = page_setup("overview")
st.title(session.t("page_overview_title"))
