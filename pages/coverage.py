import streamlit as st

from regsosek.ui import page_setup

session = page_setup("coverage")
st.title(session.t("page_coverage_title"))
