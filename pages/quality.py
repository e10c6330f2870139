import streamlit as st

from regsosek.ui import page_setup

session = page_setup("quality")
st.title(session.t("page_quality_title"))
