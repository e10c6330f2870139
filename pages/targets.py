import streamlit as st

from regsosek.ui import page_setup

session = page_setup("targets")
st.title(session.t("page_targets_title"))
