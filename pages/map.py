import streamlit as st

from regsosek.ui import page_setup

session = page_setup("map")
st.title(session.t("page_map_title"))
